import { csvCell } from './formats/csv';
import { formatRuleRefs, formatVerdicts } from './formats/edge-row';
import type { ObservedEdge } from './model';

/**
 * Eastwest's edge export, readable again by the `edges-csv` / `edges-jsonl` formats: the headline figures come back
 * unchanged, as one observation by the edge-list format (per-observer figures are not exported, so the list imported
 * next to the logs it was made from counts once; aggregate/README.md).
 */
const COLUMNS = ['source', 'destination', 'port', 'protocol', 'count', 'first_seen', 'last_seen', 'method', 'path', 'app_protocol', 'count_unit', 'verdict', 'verdicts', 'observed_by', 'bytes', 'denied_by', 'allowed_by'] as const;

/** The verdict seen most often, for readers that only know the simple `verdict` column. */
function mainVerdict(v: Record<string, number>): string | undefined {
  let best: string | undefined;
  let n = -1;
  for (const [k, c] of Object.entries(v)) if (c > n) [best, n] = [k, c];
  return best;
}

function row(e: ObservedEdge): Record<(typeof COLUMNS)[number], string | number | undefined> {
  return {
    source: e.source,
    destination: e.destination,
    port: e.port,
    protocol: e.protocol,
    count: e.count,
    first_seen: e.firstSeen,
    last_seen: e.lastSeen,
    method: e.method,
    path: e.pathTemplate,
    app_protocol: e.appProtocol,
    count_unit: e.countUnit,
    verdict: mainVerdict(e.verdicts),
    verdicts: formatVerdicts(e.verdicts) || undefined,
    observed_by: e.observedBy.join(',') || undefined,
    bytes: e.bytes,
    denied_by: e.deniedBy?.length ? formatRuleRefs(e.deniedBy) : undefined,
    allowed_by: e.allowedBy?.length ? formatRuleRefs(e.allowedBy) : undefined,
  };
}

export function renderEdgesCsv(edges: readonly ObservedEdge[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of edges) {
    const r = row(e);
    lines.push(COLUMNS.map((c) => csvCell(r[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

export function renderEdgesJsonl(edges: readonly ObservedEdge[]): string {
  return edges
    .map((e) => {
      const r = row(e);
      const o: Record<string, string | number> = {};
      for (const c of COLUMNS) if (r[c] !== undefined) o[c] = r[c];
      return JSON.stringify(o) + '\n';
    })
    .join('');
}
