import type { EndpointName } from '../model/identity';
import { formatRuleRef, type LayerName, type RuleRef, type Verdict } from '../model/verdict';
import type { UnusedRule, WildcardRule } from './model';
import type { CatalogRule } from './rule-catalog';

/** The rules that matched a connection: allow rules of explicit decisions and deny rules (not the isolating policies of a `no-match`). */
export function matchedRules(verdict: Verdict): { rule: RuleRef; layer: LayerName }[] {
  return verdict.layers.filter((l) => l.basis === 'explicit' || l.basis === 'deny-rule').flatMap((l) => l.rules.map((rule) => ({ rule, layer: l.layer })));
}

/** One observed edge as rule usage sees it: which rules matched it and when it was last seen. */
export interface RuleHit {
  source: EndpointName;
  destination: EndpointName;
  lastSeen: string;
  inWindow: boolean;
  verdict: Verdict | null;
}

interface Usage {
  rule: RuleRef;
  layer?: LayerName;
  inWindow: number;
  lastMatched: string | null;
  lastMs: number;
  /** Workloads seen on the rule's own side (destination of ingress, source of egress), for rules not in the catalog. */
  seenOn: Set<EndpointName>;
}

const directionOf = (r: RuleRef): 'ingress' | 'egress' => (/^(spec\.)?egress/.test(r.path ?? '') ? 'egress' : 'ingress');

/**
 * Pass: per-rule usage. Every known allow rule (the catalog, plus rules other layers named in verdicts) gets the
 * number of observed edges in the window it matched and the last time any observed traffic matched it, including
 * traffic outside the window. Rules with no match in the window are reported as unused (dangling ones flagged);
 * wildcard rules are listed once with their usage.
 */
export function computeRuleUsage(
  catalog: readonly CatalogRule[],
  hits: readonly RuleHit[],
  grantedRules: readonly { rule: RuleRef; layer?: LayerName }[],
): { unusedRules: UnusedRule[]; wildcardRules: WildcardRule[]; lastMatched: Map<string, string>; matchedInWindow: Map<string, number> } {
  const usage = new Map<string, Usage>();
  // Hits name the same few rules tens of thousands of times: look them up by the rule's own strings
  // (kind, namespace, name, path) before formatting a ref, so the hot loop allocates nothing.
  const byParts = new Map<string, Map<string, Map<string, Map<string, Usage>>>>();
  const level = <V>(m: Map<string, V>, k: string, make: () => V): V => {
    let v = m.get(k);
    if (v === undefined) m.set(k, (v = make()));
    return v;
  };
  const touch = (rule: RuleRef, layer?: LayerName): Usage => {
    const names = level(level(byParts, rule.kind, () => new Map()), rule.namespace ?? '', () => new Map());
    const paths = level(names, rule.name, () => new Map<string, Usage>());
    let u = paths.get(rule.path ?? '');
    if (!u) {
      const ref = formatRuleRef(rule);
      u = usage.get(ref);
      if (!u) usage.set(ref, (u = { rule, ...(layer ? { layer } : {}), inWindow: 0, lastMatched: null, lastMs: -Infinity, seenOn: new Set() }));
      paths.set(rule.path ?? '', u);
    }
    if (rule.wildcard && !u.rule.wildcard) u.rule = rule;
    return u;
  };
  for (const c of catalog) if (c.action === 'allow') touch(c.rule, c.layer);
  // Built-in rules (the node exemption, Linkerd's probe route) are held by no resource: never listed as unused.
  for (const g of grantedRules) if (!g.rule.builtin) touch(g.rule, g.layer);
  for (const h of hits) {
    if (!h.verdict) continue;
    const seenMs = Date.parse(h.lastSeen);
    for (const l of h.verdict.layers) {
      if (l.basis !== 'explicit' && l.basis !== 'deny-rule') continue;
      for (const rule of l.rules) {
      if (rule.builtin) continue;
      const u = touch(rule, l.layer);
      if (h.inWindow) u.inWindow++;
      if (seenMs > u.lastMs) {
        u.lastMs = seenMs;
        u.lastMatched = h.lastSeen;
      }
      if (rule.wildcard) u.seenOn.add(directionOf(rule) === 'egress' ? h.source : h.destination);
      }
    }
  }
  const byRef = new Map(catalog.map((c) => [c.ref, c]));
  // The peers of one rule: a dangling peer whose rule has live peers is only a part of it (partOfRule).
  const byRule = new Map<string, CatalogRule[]>();
  for (const c of catalog) {
    const list = byRule.get(c.within);
    if (list) list.push(c);
    else byRule.set(c.within, [c]);
  }
  const partOfRule = (c: CatalogRule): { partOf: NonNullable<UnusedRule['partOf']>; reason: string } | null => {
    const live = (byRule.get(c.within) ?? []).filter((x) => x !== c && !x.dangling);
    if (live.length === 0) return null;
    let inWindow = 0;
    let lastMatched: string | null = null;
    for (const x of live) {
      const u = usage.get(x.ref);
      inWindow += u?.inWindow ?? 0;
      if (u?.lastMatched && (lastMatched === null || Date.parse(u.lastMatched) > Date.parse(lastMatched))) lastMatched = u.lastMatched;
    }
    const part = c.ref.startsWith(`${c.within}.`) ? c.ref.slice(c.within.length + 1) : c.ref;
    return { partOf: { ref: c.within, lastMatched }, reason: partlyDanglingReason(`${part}: ${c.danglingReason ?? 'matches nothing'} (remove only ${part})`, c.within, inWindow, lastMatched, ' through its other peers') };
  };
  const unusedRules: UnusedRule[] = [];
  const wildcardRules: WildcardRule[] = [];
  for (const [ref, u] of usage) {
    const c = byRef.get(ref);
    if (c && c.action !== 'allow') continue;
    const wildcard = c?.wildcard ?? u.rule.wildcard === true;
    if (wildcard) {
      wildcardRules.push({
        rule: u.rule,
        ref,
        ...(u.layer ? { layer: u.layer } : {}),
        direction: c?.direction ?? directionOf(u.rule),
        workloads: c ? c.targets : [...u.seenOn].sort(),
        usedBy: u.inWindow,
        lastMatched: u.lastMatched,
      });
    }
    if (u.inWindow > 0) continue;
    const dangling = c?.dangling ?? false;
    const part = c && dangling ? partOfRule(c) : null;
    unusedRules.push({
      rule: u.rule,
      ref,
      ...(u.layer ? { layer: u.layer } : {}),
      lastMatched: u.lastMatched,
      dangling,
      ...(part ? { partOf: part.partOf } : {}),
      reason: part
        ? part.reason
        : dangling
          ? `dangling: ${c?.danglingReason ?? 'matches nothing'}`
          : u.lastMatched
            ? `no traffic in the window matched it (last matched ${u.lastMatched})`
            : 'no observed traffic ever matched it',
    });
  }
  const byRefOrder = <T extends { ref: string }>(a: T, b: T) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0);
  unusedRules.sort((a, b) => Number(b.dangling) - Number(a.dangling) || byRefOrder(a, b));
  wildcardRules.sort(byRefOrder);
  const lastMatched = new Map<string, string>();
  const matchedInWindow = new Map<string, number>();
  for (const [ref, u] of usage) {
    if (u.lastMatched) lastMatched.set(ref, u.lastMatched);
    if (u.inWindow > 0) matchedInWindow.set(ref, u.inWindow);
  }
  return { unusedRules, wildcardRules, lastMatched, matchedInWindow };
}

/**
 * Why a part of a rule is listed although the rule stays: the part matches nothing, the rest of the rule does (and
 * may carry live traffic, which the listing must not invite anyone to cut).
 */
export function partlyDanglingReason(why: string, rule: string, inWindow: number, lastMatched: string | null, through = ''): string {
  const traffic =
    inWindow > 0
      ? `matched ${inWindow} observed edge(s) in the window${through}${lastMatched ? ` (last ${lastMatched})` : ''}`
      : lastMatched
        ? `last matched traffic at ${lastMatched}${through}`
        : `still matches existing workloads${through}`;
  return `partly dangling: ${why}; ${rule} ${traffic}, so keep the rule`;
}
