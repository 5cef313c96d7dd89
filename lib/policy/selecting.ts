import type { Pod } from '../model/kubernetes';
import type { PolicyLayer, SelectingPolicy } from '../model/verdict';

/**
 * The policies that select a pod, every layer's in display order (lib/policy/layers.ts), each read from the policies
 * themselves by the same matching the layer decides with (PolicyLayer.selecting). Independent of traffic: a policy
 * selects the pod whether or not it decided any of its connections.
 */
export function policiesSelecting(evaluator: { layers?: readonly PolicyLayer[] } | readonly PolicyLayer[], pod: Pod): SelectingPolicy[] {
  const layers = Array.isArray(evaluator) ? (evaluator as readonly PolicyLayer[]) : ((evaluator as { layers?: readonly PolicyLayer[] }).layers ?? []);
  return layers.flatMap((l) => l.selecting?.(pod) ?? []);
}
