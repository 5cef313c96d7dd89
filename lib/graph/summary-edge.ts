import type { SummaryEdge, SummaryKind } from './model';

/**
 * What the graph API leaves out of a summary edge, derived the same way on both sides: its id and its total.
 * Plain functions over model types, so the browser imports this file without the rest of the engine.
 */

/** The order a summary edge's label and the details panel list its counts in. */
export const SUMMARY_KINDS: readonly SummaryKind[] = ['allowed', 'denied', 'unprotected', 'unused'];

/** `source|destination`: unique among a view's summary edges (one per pair of drawn endpoints). */
export const summaryEdgeId = (e: Pick<SummaryEdge, 'source' | 'destination'>): string => `${e.source}|${e.destination}`;

export const summaryCount = (e: Pick<SummaryEdge, 'counts'>, kind: SummaryKind): number => e.counts[kind] ?? 0;

export const summaryTotal = (e: Pick<SummaryEdge, 'counts'>): number => SUMMARY_KINDS.reduce((n, k) => n + summaryCount(e, k), 0);
