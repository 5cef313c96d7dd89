import type { PolicyLayerFactory } from '../model/layer-factory';
import { cniNetworkLayerFactory } from './cni-network-layer';
import { ciliumLayerFactory } from './cilium';
import { calicoLayerFactory } from './calico';
import { istioLayerFactory } from './istio';
import { linkerdLayerFactory } from './linkerd';

/**
 * The registry of policy layers, in display order: CNI layers first, then meshes. A factory returns null when
 * the input has none of its resources, so an unused family takes no part in verdicts.
 * The network layer stands down for the resources a Cilium or Calico layer decides itself (cni-network-layer.ts).
 */
export const layerFactories: PolicyLayerFactory[] = [cniNetworkLayerFactory, ciliumLayerFactory, calicoLayerFactory, istioLayerFactory, linkerdLayerFactory];

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
