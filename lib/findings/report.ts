import type { ClassifiedEdge } from '../graph';
import type { Comparison } from './compare';
import type { Findings } from './findings';
import { renderGraphSvg } from './graph-svg';
import { leakEvidenceText } from './environments';
import { escapeHtml as h } from './html';

export interface ReportInput {
  findings: Findings;
  /** Title line, e.g. the snapshot name. */
  title: string;
  snapshot?: { name: string; cluster?: string; environment?: string };
  /** Comparison with the baseline; the "new callers" section says "no baseline" without it. */
  comparison?: Comparison | null;
  baselineName?: string;
  /** Drafted least-privilege policies (lib/draft `generateDraft(...).yaml`). */
  draftYaml?: string;
  /** RFC 3339; passed in so the output is deterministic. */
  generatedAt: string;
}

const CSS = `
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;margin:2rem auto;max-width:1100px;padding:0 1rem;line-height:1.4}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #cbd5e1;padding-bottom:.2rem;margin-top:2rem}
.meta{color:#475569;font-size:.9rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:.6rem;margin:1rem 0}
.figure{border:1px solid #cbd5e1;border-radius:8px;padding:.6rem}.figure b{display:block;font-size:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.85rem;margin:.5rem 0}th,td{border-bottom:1px solid #e2e8f0;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f1f5f9}code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.8rem}
pre{background:#f8fafc;border:1px solid #e2e8f0;padding:.8rem;overflow-x:auto;white-space:pre-wrap}
.denied{color:#b91c1c;font-weight:600}.unprotected{color:#c2410c;font-weight:600}.critical{color:#b91c1c;font-weight:700}.high{color:#c2410c;font-weight:600}
.empty{color:#64748b;font-style:italic}figure{margin:0;overflow-x:auto;border:1px solid #e2e8f0;border-radius:8px;padding:.5rem}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,figure{break-inside:auto}tr{break-inside:avoid}}
`;

function table(headers: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${h(empty)}</p>`;
  return `<table><thead><tr>${headers.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

const edgeClass = (e: Pick<ClassifiedEdge, 'class' | 'state'>) => (e.class === 'unauthorized' ? `<span class="${e.state ?? 'denied'}">unauthorized (${h(e.state ?? '')})</span>` : h(e.class));

function section(id: string, title: string, body: string): string {
  return `<section id="${id}"><h2>${h(title)}</h2>${body}</section>`;
}

/**
 * The shareable report: one self-contained HTML file (inline CSS and SVG, no script, no external asset),
 * readable offline and printable to PDF from any browser.
 */
export function renderReportHtml(input: ReportInput): string {
  const { findings: f } = input;
  const g = f.analyzed.graph;
  const s = g.summary;
  const appEdges = g.edges.filter((e) => e.infra === null);
  const unauthorized = appEdges.filter((e) => e.class === 'unauthorized');
  const unused = appEdges.filter((e) => e.class === 'unused');
  const c = input.comparison ?? null;
  const figures: [string, number][] = [
    ['workloads', g.nodes.filter((n) => n.kind === 'workload').length],
    ['edges', s.edges],
    ['allowed', s.allowed],
    ['unauthorized', s.unauthorized],
    ['unused', s.unused],
    ['unused rules', s.unusedRules],
    ['environment leaks', f.environmentLeaks.length],
    ['new callers', c?.newCallers.length ?? 0],
  ];
  const meta = [input.snapshot?.cluster && `cluster ${input.snapshot.cluster}`, input.snapshot?.environment && `environment ${input.snapshot.environment}`, `generated ${input.generatedAt}`].filter(Boolean).join(' · ');

  const body = [
    `<header><h1>East-west report: ${h(input.title)}</h1><p class="meta">${h(meta)}</p></header>`,
    section('summary', 'Summary', `<div class="figures">${figures.map(([k, v]) => `<div class="figure" data-figure="${h(k)}"><b>${v}</b>${h(k)}</div>`).join('')}</div>${g.notes.map((n) => `<p class="meta">note: ${h(n)}</p>`).join('')}`),
    section('graph', 'Classified graph', `<figure>${renderGraphSvg(g)}<figcaption class="meta">Application edges (infrastructure such as DNS and probes left out). Dashed: allowed by a rule but never observed.</figcaption></figure>`),
    section(
      'unauthorized',
      'Unauthorized edges',
      table(
        ['source', 'destination', 'port', 'class', 'count', 'last seen', 'why'],
        unauthorized.map((e) => [h(e.source), h(e.destination), h(`${e.port}/${e.protocol}`), edgeClass(e), h(e.observed?.count ?? 0), h(e.observed?.lastSeen ?? ''), h(e.explanation.summary)]),
        'No unauthorized edge was observed.',
      ),
    ),
    section(
      'unused',
      'Allowed but unused',
      table(['source', 'destination', 'port', 'allowed by'], unused.map((e) => [h(e.source), h(e.destination), h(`${e.port}/${e.protocol}`), h(e.explanation.summary)]), 'Every allowed edge was used.') +
        (g.unusedRules.length ? table(['rule', 'dangling', 'why'], g.unusedRules.map((r) => [`<code>${h(r.ref)}</code>`, r.partOf ? `part of ${h(r.partOf.ref)}` : r.dangling ? 'yes' : '', h(r.reason)]), '') : ''),
    ),
    section(
      'riskiest',
      'Riskiest workloads',
      '<p class="meta">Cluster DNS, the mesh control plane and the API server count as reached but are not walked on from: every pod must reach them, and going further would take compromising them.</p>' +
        table(['workload', 'reachable by policy', 'share', 'crown jewels reached'], f.riskiest.map((r) => [h(r.workload), h(r.reachable), h(`${Math.round(r.share * 100)}%`), h(r.crownJewelsReached.join(', '))]), 'No workload.'),
    ),
    section(
      'environment-leaks',
      'Environment leaks',
      table(
        ['severity', 'source', 'destination', 'port', 'environments', 'evidence'],
        f.environmentLeaks.map((l) => [
          `<span class="${l.severity}">${h(l.severity)}</span>${l.blocked ? ' (blocked)' : ''}`,
          h(l.source),
          h(l.destination),
          h(l.port === null ? 'any' : `${l.port}/${l.protocol}`),
          h(`${l.sourceEnvironment} → ${l.destinationEnvironment}`),
          h(leakEvidenceText(l)),
        ]),
        f.environments.length ? 'No edge crosses environments.' : 'No environment is known for any namespace (label namespaces with `environment`, or set the snapshot environment).',
      ),
    ),
    section(
      'new-callers',
      input.baselineName ? `New callers since ${input.baselineName}` : 'New callers since the baseline',
      c
        ? table(['source', 'destination', 'port', 'first seen', 'class'], c.newCallers.map((n) => [h(n.source), h(n.destination), h(`${n.port}/${n.protocol}`), h(n.firstSeen), edgeClass(n)]), 'No new caller since the baseline.') +
            (c.goneEdges.length ? `<p class="meta">${c.goneEdges.length} edge(s) observed in the baseline are gone.</p>` : '')
        : '<p class="empty">No baseline was given.</p>',
    ),
    section(
      'api-inventory',
      'API inventory',
      table(
        ['service', 'operations', 'callers', '403', '401', '5xx', 'dropped'],
        f.apiInventory.map((a) => [
          h(a.service) + (a.sensitivity ? `<br><small>${h(a.sensitivity.level)}: ${h(a.sensitivity.categories.join(', '))}</small>` : ''),
          a.operations.map((o) => h(o.operation)).join('<br>'),
          a.callers.map((x) => h(`${x.source} (${x.count})`)).join('<br>'),
          h(`${(a.status.shares.forbidden * 100).toFixed(1)}%`),
          h(`${Math.round(a.status.shares.unauthenticated * 100)}%`),
          h(`${Math.round(a.status.shares['server-error'] * 100)}%`),
          h(`${(a.status.shares.dropped * 100).toFixed(1)}%`),
        ]),
        'No observed service traffic.',
      ),
    ),
    section('drafted-policies', 'Drafted policies', input.draftYaml?.trim() ? `<pre>${h(input.draftYaml)}</pre>` : '<p class="empty">No policy was drafted (no observed traffic to grant).</p>'),
  ];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${h(`East-west report: ${input.title}`)}</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`;
}
