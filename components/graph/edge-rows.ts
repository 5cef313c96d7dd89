import type { GraphEdge } from '@/lib/graph/model';
import { formatRuleRef } from '@/lib/model/verdict';
import { edgeKindOf, type EdgeKind } from './view-state';

/** One table row per edge: the columns the table sorts on and the CSV exports, in that order. */
export interface EdgeRow {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: string;
  kind: EdgeKind;
  count: number;
  firstSeen: string;
  lastSeen: string;
  verdicts: string;
  rules: string;
  summary: string;
}

export const EDGE_COLUMNS: { key: keyof EdgeRow; label: string; numeric?: boolean }[] = [
  { key: 'source', label: 'Source' },
  { key: 'destination', label: 'Destination' },
  { key: 'port', label: 'Port', numeric: true },
  { key: 'protocol', label: 'Protocol' },
  { key: 'kind', label: 'Class' },
  { key: 'count', label: 'Observed', numeric: true },
  { key: 'firstSeen', label: 'First seen' },
  { key: 'lastSeen', label: 'Last seen' },
  { key: 'rules', label: 'Deciding rules' },
];

export function toEdgeRow(e: GraphEdge): EdgeRow {
  return {
    id: e.id,
    source: e.source,
    destination: e.destination,
    port: e.port,
    protocol: e.protocol,
    kind: edgeKindOf(e),
    count: e.observed?.count ?? 0,
    firstSeen: e.observed?.firstSeen ?? '',
    lastSeen: e.observed?.lastSeen ?? '',
    verdicts: e.observed ? Object.entries(e.observed.verdicts).map(([v, n]) => `${v}:${n}`).join(' ') : '',
    rules: e.rules.map(formatRuleRef).join(' '),
    summary: e.summary,
  };
}

/** Class order for sorting is severity, not alphabetical: denied, unprotected, allowed, unused. */
const KIND_ORDER: Record<EdgeKind, number> = { denied: 0, unprotected: 1, allowed: 2, unused: 3 };

export function sortEdgeRows(rows: EdgeRow[], key: string, dir: 'asc' | 'desc'): EdgeRow[] {
  const k = (EDGE_COLUMNS.some((c) => c.key === key) ? key : 'kind') as keyof EdgeRow;
  const sign = dir === 'desc' ? -1 : 1;
  const cmp = (a: EdgeRow, b: EdgeRow): number => {
    const x = a[k];
    const y = b[k];
    if (k === 'kind') return KIND_ORDER[a.kind] - KIND_ORDER[b.kind];
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y));
  };
  // Ties fall back to the edge id so the order is stable across reloads.
  return [...rows].sort((a, b) => sign * cmp(a, b) || a.id.localeCompare(b.id));
}

/** RFC 4180 CSV: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function toCsv(rows: readonly EdgeRow[]): string {
  const header = ['source', 'destination', 'port', 'protocol', 'class', 'state', 'observed_count', 'first_seen', 'last_seen', 'verdicts', 'rules', 'explanation'];
  const field = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map((r) => {
    const cls = r.kind === 'denied' || r.kind === 'unprotected' ? 'unauthorized' : r.kind;
    const state = cls === 'unauthorized' ? r.kind : '';
    return [r.source, r.destination, r.port, r.protocol, cls, state, r.count, r.firstSeen, r.lastSeen, r.verdicts, r.rules, r.summary].map(field).join(',');
  });
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}

