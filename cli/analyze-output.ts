import type { ClassifiedEdge, ClassifiedGraph } from '../lib/graph';
import { formatRuleRef } from '../lib/model/verdict';

/**
 * `eastwest analyze` output: the classified graph as the issue's JSON contract
 * (`{ edges: [{ source, destination, port, protocol, class, state, observed, explanation }], unusedRules, nodes }`,
 * plus wildcard rules and counts), or a readable table.
 */
export function toAnalyzeJson(graph: ClassifiedGraph) {
  return {
    edges: graph.edges.map((e) => ({
      source: e.source,
      destination: e.destination,
      port: e.port,
      protocol: e.protocol,
      class: e.class,
      state: e.state,
      observed: e.observed,
      explanation: e.explanation,
      rules: e.rules.map(formatRuleRef),
      operations: e.operations,
      infra: e.infra,
      ...(e.appProtocol ? { appProtocol: e.appProtocol } : {}),
      observedBy: e.observedBy,
    })),
    unusedRules: graph.unusedRules,
    wildcardRules: graph.wildcardRules,
    nodes: graph.nodes,
    summary: graph.summary,
    window: graph.window,
    trafficRange: graph.trafficRange,
    notes: graph.notes,
  };
}

const CLASS_ORDER = { unauthorized: 0, allowed: 1, unused: 2 } as const;

function label(e: ClassifiedEdge): string {
  if (e.class === 'unauthorized') return e.state === 'denied' ? 'UNAUTHORIZED (denied)' : 'UNAUTHORIZED (unprotected)';
  return e.class.toUpperCase();
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

/** Unauthorized first (what needs attention), then allowed, then unused; infrastructure edges last in each class. */
export function renderAnalyzeTable(graph: ClassifiedGraph): string {
  const edges = [...graph.edges].sort((a, b) => CLASS_ORDER[a.class] - CLASS_ORDER[b.class] || Number(a.infra !== null) - Number(b.infra !== null) || a.id.localeCompare(b.id));
  const rows = [['CLASS', 'SOURCE', 'DESTINATION', 'PORT', 'COUNT', 'LAST SEEN', 'WHY']];
  for (const e of edges) {
    const why = e.rules.length ? `${e.explanation.summary.split(':')[0]}: ${e.rules.map(formatRuleRef).join(', ')}` : e.explanation.summary;
    rows.push([label(e) + (e.infra ? ` [${e.infra}]` : ''), e.source, e.destination, `${e.port}/${e.protocol}`, e.observed ? String(e.observed.count) : '-', e.observed?.lastSeen ?? '-', why]);
  }
  const s = graph.summary;
  const out = [
    ...table(rows),
    '',
    `${s.edges} edges: ${s.allowed} allowed, ${s.unauthorized} unauthorized (${s.denied} denied, ${s.unprotected} unprotected), ${s.unused} unused; ${s.infra} infrastructure`,
  ];
  if (graph.unusedRules.length) {
    out.push('', 'Rules that matched no traffic in the window:');
    for (const r of graph.unusedRules) out.push(`  ${r.partOf ? 'PARTLY DANGLING ' : r.dangling ? 'DANGLING ' : ''}${r.ref}: ${r.reason}`);
  }
  if (graph.wildcardRules.length) {
    out.push('', 'Wildcard rules (any peer; not drawn as edges):');
    for (const r of graph.wildcardRules) out.push(`  ${r.ref}: ${r.direction === 'ingress' ? `any -> ${r.workloads.join(', ')}` : `${r.workloads.join(', ')} -> any`} (${r.usedBy} observed edges)`);
  }
  const unprotected = graph.nodes.filter((n) => n.unprotected.ingress || n.unprotected.egress);
  if (unprotected.length) {
    out.push('', 'Unprotected workloads (not isolated: anything may reach them / they may reach anything):');
    for (const n of unprotected) out.push(`  ${n.id}: ${[n.unprotected.ingress ? 'ingress' : '', n.unprotected.egress ? 'egress' : ''].filter(Boolean).join(' + ')}`);
  }
  for (const note of graph.notes) out.push(`note: ${note}`);
  return out.join('\n');
}
