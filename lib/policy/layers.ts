import type { PolicyLayerFactory } from '../model/layer-factory';
import { networkLayerFactory } from './network/layer';
import { ciliumLayerFactory } from './cilium';
import { calicoLayerFactory } from './calico';
import { istioLayerFactory } from './istio';

/**
 * The registry of policy layers, in display order: CNI layers first, then meshes. A factory returns null when
 * the input has none of its resources, so an unused family takes no part in verdicts.
 * LEAD: wire Linkerd here when lib/policy/linkerd/index.ts exists:
 *   import { linkerdLayerFactory } from './linkerd';  // lib/policy/linkerd
 */
export const layerFactories: PolicyLayerFactory[] = [networkLayerFactory, ciliumLayerFactory, calicoLayerFactory, istioLayerFactory];

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
