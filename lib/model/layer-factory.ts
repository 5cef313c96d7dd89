import type { Parsed } from './diagnostics';
import type { Inventory } from './kubernetes';
import type { EngineOptions, ManifestObject } from './manifest';
import type { PolicyLayer } from './verdict';

/**
 * Each policy family (netpol+ANP/CNP, istio, linkerd, cilium, calico) exposes one factory.
 * It picks the objects it understands out of all manifests and returns its layer, or `null`
 * when the input has none of its resources (the layer then takes no part in verdicts).
 */
export interface LayerInput {
  inventory: Inventory;
  objects: ManifestObject[];
  options: EngineOptions;
}

export type PolicyLayerFactory = (input: LayerInput) => Parsed<PolicyLayer | null>;
