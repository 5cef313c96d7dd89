import type { PolicyLayerFactory } from '../../model/layer-factory';
import type { PolicyLayer } from '../../model/verdict';
import { decideCilium } from './decide';
import { ciliumSelecting } from './selecting';
import { CiliumRepository, DEFAULT_CILIUM_OPTIONS, type CiliumOptions } from './repository';

export interface CiliumLayer extends PolicyLayer {
  repository: CiliumRepository;
}

export function createCiliumLayer(repository: CiliumRepository): CiliumLayer {
  return {
    name: 'cilium',
    repository,
    // Cilium enforces at every endpoint it manages (pods) and, with host policies, at nodes.
    enforces: (c) => c.source.kind === 'pod' || c.destination.kind === 'pod',
    decide: (c) => decideCilium(repository, c),
    selecting: (pod) => ciliumSelecting(repository, pod),
  };
}

/**
 * The `cilium` layer: CiliumNetworkPolicy + CiliumClusterwideNetworkPolicy, evaluated together with the input's
 * Kubernetes NetworkPolicies as ONE policy repository (that is how the Cilium agent enforces them).
 * Returns null when the input has no Cilium policy. When it returns a layer, the `network` layer must not also
 * decide NetworkPolicies for the same connections (they would be ANDed instead of united).
 */
export function createCiliumLayerFactory(options: Partial<CiliumOptions> = {}): PolicyLayerFactory {
  const opts: CiliumOptions = { ...DEFAULT_CILIUM_OPTIONS, ...options };
  return ({ inventory, objects }) => {
    const repository = new CiliumRepository(inventory, objects, opts);
    if (repository.ciliumPolicyCount === 0) return { value: null, diagnostics: repository.diagnostics };
    return { value: createCiliumLayer(repository), diagnostics: repository.diagnostics };
  };
}

export const ciliumLayerFactory: PolicyLayerFactory = createCiliumLayerFactory();
