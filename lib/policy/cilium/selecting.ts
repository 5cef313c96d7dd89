import type { Pod } from '../../model/kubernetes';
import { formatRuleRef, type RuleRef, type SelectingPolicy } from '../../model/verdict';
import { ruleIsolates } from './decide';
import type { CiliumRepository } from './repository';
import type { CiliumRule, Direction } from './types';

const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];
const DENY_FIELD: Record<Direction, 'ingressDeny' | 'egressDeny'> = { ingress: 'ingressDeny', egress: 'egressDeny' };

/** One entry per policy resource: a CNP with `specs` contributes several rules, merged here. */
class ByPolicy {
  private readonly entries = new Map<string, SelectingPolicy & { notes: string[] }>();

  add(ref: RuleRef, directions: Direction[], isolates: Direction[], note?: string): void {
    const key = formatRuleRef(ref);
    let e = this.entries.get(key);
    if (!e) this.entries.set(key, (e = { layer: 'cilium', ref: { kind: ref.kind, ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.name }, directions: [], isolates: [], notes: [] }));
    for (const d of directions) if (!e.directions.includes(d)) e.directions.push(d);
    for (const d of isolates) if (!e.isolates.includes(d)) e.isolates.push(d);
    if (note && !e.notes.includes(note)) e.notes.push(note);
  }

  list(): SelectingPolicy[] {
    return [...this.entries.values()].map(({ notes, ...e }) => ({
      ...e,
      directions: DIRECTIONS.filter((d) => e.directions.includes(d)),
      isolates: DIRECTIONS.filter((d) => e.isolates.includes(d)),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    }));
  }
}

/** Why a rule that has a section for a direction does not isolate it: deny-only, or `enableDefaultDeny: false`. */
function ruleNote(r: CiliumRule, host: boolean): string | undefined {
  const notes: string[] = host ? ['host policy (nodeSelector): applies to the node this host-network pod shares'] : [];
  for (const d of DIRECTIONS) {
    if (r[d].length + r[DENY_FIELD[d]].length === 0 || ruleIsolates(r, d)) continue;
    notes.push(`${d}: ${r[d].length === 0 ? 'deny rules only' : 'enableDefaultDeny off'}, no default deny`);
  }
  return notes.length ? notes.join('; ') : undefined;
}

/**
 * The policies of Cilium's one repository that select a pod (CiliumRepository.rulesOf: `endpointSelector`, or
 * `nodeSelector` for a host-network pod), plus the Kubernetes NetworkPolicies the agent enforces alongside them
 * (CiliumNetpolView.isolating). A rule isolates a direction when it puts the endpoint into default deny there.
 */
export function ciliumSelecting(repo: CiliumRepository, pod: Pod): SelectingPolicy[] {
  const endpoint = repo.ids.endpoint({ kind: 'pod', pod });
  const out = new ByPolicy();
  for (const r of repo.rulesOf(endpoint)) {
    const directions = DIRECTIONS.filter((d) => r[d].length + r[DENY_FIELD[d]].length > 0);
    out.add(r.policy, directions, DIRECTIONS.filter((d) => ruleIsolates(r, d)), ruleNote(r, endpoint.kind === 'host') ?? (directions.length ? undefined : 'no rules'));
  }
  if (endpoint.kind === 'pod') {
    for (const d of DIRECTIONS) for (const ref of repo.netpols.isolating(pod, d)) out.add(ref, [d], [d], 'NetworkPolicy enforced by Cilium with its own policies');
  }
  return out.list();
}
