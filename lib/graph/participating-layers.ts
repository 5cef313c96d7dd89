import type { Evaluator, PolicyLayer } from '../model/verdict';
import { combineDecisions } from '../policy';
import { networkModelOf } from './rule-catalog';

/**
 * Issue 7: "A layer that does not enforce on either end (no mesh sidecar, no policies of that family) does not
 * take part." Mesh and CNI-specific layers are absent when their family has no resources, but the network layer is
 * always built (Kubernetes' default-allow answers every question). When the input has no NetworkPolicy,
 * AdminNetworkPolicy or ClusterNetworkPolicy at all, its "allowed by default" must not make every edge that
 * Istio or Calico explicitly allows look unprotected, so classification leaves it out.
 */
export function participatingEvaluator(evaluator: Evaluator & { layers?: readonly PolicyLayer[] }): Evaluator & { layers?: readonly PolicyLayer[] } {
  const model = networkModelOf(evaluator.layers);
  if (!model || model.hasPolicies) return evaluator;
  return {
    ...(evaluator.layers ? { layers: evaluator.layers } : {}),
    evaluate(c) {
      const v = evaluator.evaluate(c);
      return v.layers.some((l) => l.layer === 'network') ? combineDecisions(v.layers.filter((l) => l.layer !== 'network')) : v;
    },
  };
}
