import type { PolicyLayerFactory } from '../model/layer-factory';
import { networkLayerFactory } from './network/layer';

/**
 * The registry of policy layers, in display order. Each family appends its factory here:
 *   network (NetworkPolicy + ANP/BANP/ClusterNetworkPolicy) - lib/policy/network
 * LEAD: wire the other families here when their folders exist:
 *   import { istioLayerFactory } from './istio';      // lib/policy/istio
 *   import { linkerdLayerFactory } from './linkerd';  // lib/policy/linkerd
 *   import { ciliumLayerFactory } from './cilium';    // lib/policy/cilium
 *   import { calicoLayerFactory } from './calico';    // lib/policy/calico
 */
export const layerFactories: PolicyLayerFactory[] = [networkLayerFactory];

/**
 * API groups that some policy family reads, so their kinds are not reported as "ignored".
 * A family that is not wired yet still counts: its objects are expected input.
 */
export const KNOWN_POLICY_GROUPS: readonly string[] = [
  'networking.k8s.io',
  'policy.networking.k8s.io',
  'security.istio.io',
  'networking.istio.io',
  'telemetry.istio.io',
  'policy.linkerd.io',
  'linkerd.io',
  'cilium.io',
  'projectcalico.org',
  'crd.projectcalico.org',
  'gateway.networking.k8s.io',
];
