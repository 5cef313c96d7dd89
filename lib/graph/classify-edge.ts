import type { LayerDecision, RuleRef, Verdict } from '../model/verdict';
import { ruleRefText } from '../policy/model/rule-ref-text';
import type { EdgeEvaluation } from './evaluate-edge';
import type { EdgeClass, EdgeState, ObservedSummary } from './model';

/**
 * Data-plane verdicts that record a blocked attempt: Hubble `DROPPED` (+ drop reason), Envoy RBAC denials
 * (`rbac_access_denied_matched_policy[...]`, also on gRPC 200s, istio/istio#38984), HTTP 403 from an authorizing
 * proxy, Linkerd authz denials. Keys follow lib/traffic (`dropped:POLICY_DENIED`, `denied:403`, `rbac_denied`).
 */
export function isBlockedVerdict(key: string): boolean {
  const k = key.toLowerCase();
  return k === 'dropped' || k.startsWith('dropped:') || k === 'denied' || k.startsWith('denied:') || k.includes('rbac') || k.includes('authz_deny') || k === 'policy_denied';
}

export function blockedCount(verdicts: Record<string, number>): { blocked: number; total: number } {
  let blocked = 0;
  let total = 0;
  for (const [k, n] of Object.entries(verdicts)) {
    total += n;
    if (isBlockedVerdict(k)) blocked += n;
  }
  return { blocked, total };
}

export interface EdgeClassification {
  class: EdgeClass;
  state: EdgeState | null;
  rules: RuleRef[];
  summary: string;
  notes: string[];
}

const uniqueRules = (rules: RuleRef[]): RuleRef[] => {
  if (rules.length < 2) return rules;
  const seen = new Map<string, RuleRef>();
  for (const r of rules) {
    const k = ruleRefText(r);
    if (!seen.has(k)) seen.set(k, r);
  }
  return [...seen.values()];
};

const explicitEverywhere = (layers: readonly LayerDecision[]) => layers.length > 0 && layers.every((l) => l.basis === 'explicit' && l.outcome !== 'denied');
/**
 * Layer lists and the sentences built from them repeat across tens of thousands of edges: intern them so the
 * classified graph holds one copy of each sentence (less garbage, smaller heap).
 */
const interned = new Map<string, string>();
const intern = (s: string): string => {
  const hit = interned.get(s);
  if (hit !== undefined) return hit;
  if (interned.size < 10_000) interned.set(s, s);
  return s;
};
const names = (layers: readonly LayerDecision[]) => (layers.length === 1 ? layers[0]!.layer : layers.map((l) => l.layer).join(', '));

/** The verdict that decides: per operation when an L7-conditional answer was settled on the operations seen. */
function effectiveVerdict(evaluation: EdgeEvaluation): { denied: LayerDecision[]; notExplicit: LayerDecision[]; layers: LayerDecision[]; verdict: Verdict | null } {
  const v = evaluation.verdict;
  if (!v) return { denied: [], notExplicit: [], layers: [], verdict: null };
  const layers = evaluation.operations?.length ? evaluation.operations.flatMap((o) => o.verdict.layers) : v.layers;
  return {
    verdict: v,
    layers,
    denied: layers.filter((l) => l.outcome === 'denied'),
    // A conditional layer whose answer rests on a rule (Istio `when`, Cilium L7) is a grant with conditions;
    // one delegated to something Eastwest cannot see (Istio CUSTOM, toFQDNs) authorizes nothing we can show.
    notExplicit: layers.filter((l) => l.outcome !== 'denied' && l.basis !== 'explicit'),
  };
}

/**
 * Pass 3: the class of an observed edge.
 * - denied: a layer denies it, or the data plane recorded blocked attempts and no policy explicitly allows it
 *   everywhere (a layer Eastwest was not given blocked it), or every attempt was blocked;
 * - allowed: every enforcing layer explicitly allows it (a rule grants it);
 * - unprotected: it flows only because an end is not isolated on some layer (or no layer enforces at all).
 */
export function classifyObservedEdge(observed: ObservedSummary, evaluation: EdgeEvaluation): EdgeClassification {
  const notes: string[] = [];
  const { blocked, total } = blockedCount(observed.verdicts);
  const { denied, notExplicit, layers, verdict } = effectiveVerdict(evaluation);
  const blockedNote = blocked > 0 ? `the data plane recorded ${blocked} of ${total} as blocked (${Object.keys(observed.verdicts).filter(isBlockedVerdict).join(', ')})` : null;

  if (denied.length > 0) {
    if (blockedNote) notes.push(blockedNote);
    // The input's policies deny it, yet the data plane let some through: the live policies differ, or enforcement is off.
    if (total > blocked) notes.push(`${total - blocked} of ${total} were not recorded as blocked: the live policies or their enforcement may differ from the input`);
    return { class: 'unauthorized', state: 'denied', rules: uniqueRules(denied.flatMap((l) => l.rules)), summary: intern(`observed, but denied by ${names(denied)}: an attempt that policy blocks`), notes };
  }
  const explicit = verdict !== null && notExplicit.length === 0 && explicitEverywhere(layers);
  if (blocked > 0 && (!explicit || blocked === total)) {
    notes.push(blockedNote!);
    const why = explicit ? 'although the given policies allow it, every attempt was blocked: the live policies differ from the input' : 'the attempts were blocked by enforcement outside the given policies';
    return { class: 'unauthorized', state: 'denied', rules: uniqueRules(layers.flatMap((l) => l.rules)), summary: intern(`observed, and blocked by the data plane: ${why}`), notes };
  }
  if (explicit) {
    if (blockedNote) notes.push(`${blockedNote}; the rest was allowed`);
    const conditional = layers.some((l) => l.outcome === 'conditional');
    const rules = uniqueRules(layers.flatMap((l) => l.rules));
    // The node exemption, Linkerd's probe route: rules of the platform, which no policy grants and none can take away.
    const builtin = rules.filter((r) => r.builtin);
    if (builtin.length > 0) notes.push(`decided by ${builtin.length === 1 ? 'a built-in rule' : 'built-in rules'} of the platform, not by a policy: ${builtin.map(ruleRefText).join(', ')}`);
    return {
      class: 'allowed',
      state: null,
      rules,
      summary: intern(`observed, and explicitly allowed on every enforcing layer (${names(evaluation.verdict?.layers ?? [])})${conditional ? ', under L7 conditions' : ''}`),
      notes,
    };
  }
  if (verdict === null) {
    return { class: 'unauthorized', state: 'unprotected', rules: [], summary: 'observed, and no policy can be evaluated for it: nobody authorized it', notes };
  }
  if (layers.length === 0) {
    return { class: 'unauthorized', state: 'unprotected', rules: [], summary: 'observed, and no layer enforces on either end: allowed by default, nobody authorized it', notes };
  }
  const delegated = notExplicit.filter((l) => l.basis === 'delegated');
  if (delegated.length > 0) notes.push(`decided outside what Eastwest can see on ${names(delegated)}`);
  return {
    class: 'unauthorized',
    state: 'unprotected',
    rules: uniqueRules(layers.filter((l) => l.basis === 'explicit').flatMap((l) => l.rules)),
    summary: intern(`observed, and allowed only by default on ${names(notExplicit)} (an end is not isolated): nobody authorized it`),
    notes,
  };
}
