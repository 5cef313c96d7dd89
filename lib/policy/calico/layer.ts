import type { PolicyLayerFactory } from '../../model/layer-factory';
import type { PolicyLayer } from '../../model/verdict';
import { decideCalico } from './decide';
import { CalicoModel } from './model';
import { calicoSelecting } from './selecting';

export interface CalicoLayer extends PolicyLayer {
  model: CalicoModel;
}

export function createCalicoLayer(model: CalicoModel): CalicoLayer {
  return {
    name: 'calico',
    model,
    // Calico enforces at workload endpoints (pods that are not host-network).
    enforces: (c) => (c.source.kind === 'pod' && !c.source.pod.hostNetwork) || (c.destination.kind === 'pod' && !c.destination.pod.hostNetwork),
    decide: (c) => decideCalico(model, c),
    selecting: (pod) => calicoSelecting(model, pod),
  };
}

/**
 * The `calico` layer: projectcalico.org/v3 NetworkPolicy, GlobalNetworkPolicy, Tier, (Global)NetworkSet and staged
 * policies, with the input's Kubernetes NetworkPolicies placed where Calico runs them (`knp.default.<name>`, default
 * tier, order 1000). Returns null when the input has no Calico policy. When it returns a layer, the `network` layer
 * must not also decide NetworkPolicies for the same connections.
 */
export const calicoLayerFactory: PolicyLayerFactory = ({ inventory, objects }) => {
  const model = new CalicoModel(inventory, objects);
  if (model.calicoPolicyCount === 0) return { value: null, diagnostics: model.diagnostics };
  return { value: createCalicoLayer(model), diagnostics: model.diagnostics };
};
