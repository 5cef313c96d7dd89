import type { Verdict } from '../lib/model/verdict';
import { formatRuleRef } from '../lib/model/verdict';
import type { ReachAnswer, ReachMatrix } from '../lib/policy';

const WORD = { allowed: 'ALLOWED', denied: 'DENIED', conditional: 'CONDITIONAL' } as const;

export function renderVerdict(v: Verdict, indent = '  '): string {
  const lines: string[] = [];
  if (v.layers.length === 0) lines.push(`${indent}${v.summary}`);
  for (const l of v.layers) {
    lines.push(`${indent}${l.layer}: ${l.outcome} (${l.basis})${l.rules.length ? ` by ${l.rules.map(formatRuleRef).join(', ')}` : ''}`);
    for (const d of l.directions) lines.push(`${indent}  ${d.direction.padEnd(7)} ${d.isolated ? 'isolated' : 'not isolated'}: ${d.reason}`);
    if (l.directions.length === 0) lines.push(`${indent}  ${l.reason}`);
    for (const c of l.conditions ?? []) lines.push(`${indent}  condition: ${c}`);
    for (const r of l.reported ?? []) lines.push(`${indent}  reported (no effect): ${formatRuleRef(r)}`);
  }
  return lines.join('\n');
}

export function renderAnswer(a: ReachAnswer): string {
  const port = typeof a.port === 'string' ? `${a.port} (${a.pairs[0]?.port ?? '?'})` : String(a.port);
  const head = `${WORD[a.verdict]}  ${a.from} -> ${a.to} ${port}/${a.protocol}`;
  const note = a.note ? `\n  note: ${a.note}` : '';
  return `${head}${note}\n${renderVerdict(a.explanation)}`;
}

/** Machine output: the Verdict is the `explanation`; pod pairs are listed when there are several. */
export function answerToJson(a: ReachAnswer) {
  const resolved = a.pairs[0]?.port;
  return {
    from: a.from,
    to: a.to,
    port: a.port,
    ...(typeof a.port === 'string' && resolved !== undefined ? { resolvedPort: resolved } : {}),
    protocol: a.protocol,
    allowed: a.allowed,
    verdict: a.verdict,
    consistent: a.consistent,
    ...(a.note ? { note: a.note } : {}),
    explanation: a.explanation,
    ...(a.pairs.length > 1 ? { pairs: a.pairs.map((p) => ({ from: p.from, to: p.to, port: p.port, protocol: p.protocol, verdict: p.verdict.verdict, allowed: p.verdict.allowed, summary: p.verdict.summary })) } : {}),
  };
}

/** A grid like the upstream e2e truth table: rows = sources, columns = targets, X = allowed, . = denied. */
export function renderMatrix(m: ReachMatrix): string {
  const name = (i: number) => `${m.pods[i]!.namespace}/${m.pods[i]!.name}`;
  const lines: string[] = ['targets:'];
  m.targets.forEach((t, j) => lines.push(`  [${j}] ${name(t.pod)} ${t.port}/${t.protocol}${t.name ? ` (${t.name})` : ''}`));
  const width = Math.max(...m.pods.map((_, i) => name(i).length), 6);
  lines.push('');
  lines.push(`${'from \\ to'.padEnd(width)} ${m.targets.map((_, j) => String(j).padStart(3)).join('')}`);
  m.pods.forEach((_, s) => {
    lines.push(`${name(s).padEnd(width)} ${m.targets.map((_, t) => (m.isAllowed(s, t) ? 'X' : '.').padStart(3)).join('')}`);
  });
  return lines.join('\n');
}
