import type { Pod } from '../model/kubernetes';
import { formatRuleRef, type PolicyLayer, type SelectingPolicy } from '../model/verdict';
import { policiesSelecting } from '../policy/selecting';

const DIRECTIONS = ['ingress', 'egress'] as const;

/**
 * The policies selecting a workload: the union over its pods of the policies selecting each pod (lib/policy
 * policiesSelecting), in the order first met. A workload's replicas share the template's labels, so they normally
 * agree; when they do not (a pod relabelled by hand, a rollout between two templates), a policy that selects only some
 * of them says how many. A workload with no pod (world, an address) is selected by nothing.
 */
export function policiesSelectingWorkload(evaluator: { layers?: readonly PolicyLayer[] }, pods: readonly Pod[]): SelectingPolicy[] {
  const merged = new Map<string, { entry: SelectingPolicy; pods: number; notes: string[] }>();
  for (const pod of pods) {
    for (const s of policiesSelecting(evaluator, pod)) {
      const key = `${s.layer}|${formatRuleRef(s.ref)}`;
      const m = merged.get(key);
      if (!m) {
        merged.set(key, { entry: { ...s, directions: [...s.directions], isolates: [...s.isolates] }, pods: 1, notes: s.note ? [s.note] : [] });
        continue;
      }
      m.pods++;
      m.entry.directions = DIRECTIONS.filter((d) => m.entry.directions.includes(d) || s.directions.includes(d));
      m.entry.isolates = DIRECTIONS.filter((d) => m.entry.isolates.includes(d) || s.isolates.includes(d));
      if (s.note && !m.notes.includes(s.note)) m.notes.push(s.note);
    }
  }
  return [...merged.values()].map(({ entry, pods: selected, notes }) => {
    const partial = selected < pods.length ? [`selects ${selected} of its ${pods.length} pods`] : [];
    const note = [...notes, ...partial].join('; ');
    return { layer: entry.layer, ref: entry.ref, directions: entry.directions, isolates: entry.isolates, ...(note ? { note } : {}) };
  });
}
