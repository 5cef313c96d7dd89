import { gunzipSync, gzipSync } from 'node:zlib';
import { buildGraphView, classifyGraph, compactGraph, type ClassifiedGraph, type CompactGraph } from '@/lib/graph';
import type { Diagnostic } from '@/lib/model';
import { getPrisma } from './client';
import { loadSnapshotEngine, type SnapshotEngine } from './snapshot-engine';
import { getSnapshot } from './snapshots';

/**
 * The classification of a snapshot's default (whole) window, kept in table GraphClassification so the graph API
 * answers without classifying on a user's request: importFiles computes it after each import, the graph API after
 * a miss. Stored as gzip'd JSON: a 50,000-edge graph is tens of MB of JSON and compresses about tenfold, and
 * inflating costs less than moving the raw bytes out of PostgreSQL.
 */
export interface StoredClassification {
  graph: CompactGraph;
  /** The evaluator's diagnostics for the snapshot's policies, returned with the rule lists (`graph/rules`). */
  diagnostics: Diagnostic[];
}

/** The stored classification when it was computed from this version of the snapshot (its `updatedAt`), else `null`. */
export async function loadGraphClassification(snapshotId: string, version: Date): Promise<StoredClassification | null> {
  const row = await getPrisma().graphClassification.findUnique({ where: { snapshotId }, select: { version: true, graph: true } });
  if (!row || row.version.getTime() !== version.getTime()) return null;
  return JSON.parse(gunzipSync(row.graph).toString('utf8')) as StoredClassification;
}

/**
 * The graph API's answer to a request without query (the page's first load), as stored JSON text, when it was
 * computed from this version of the snapshot. Reads only that column: a cold first load skips parsing the graph.
 */
export async function loadDefaultGraphView(snapshotId: string, version: Date): Promise<string | null> {
  const row = await getPrisma().graphClassification.findUnique({ where: { snapshotId }, select: { version: true, defaultView: true } });
  if (!row || row.version.getTime() !== version.getTime()) return null;
  return gunzipSync(row.defaultView).toString('utf8');
}

/**
 * The graph API's answer without filters or view options: the default view. The rule lists and the diagnostics
 * are at `graph/rules` (lib/server graphRules), not in every view.
 */
export const defaultGraphResponse = (stored: StoredClassification) => buildGraphView(stored.graph);

const gzip = (text: string) => new Uint8Array(gzipSync(text, { level: 1 }));

/** Stores (or replaces) the classification computed from the snapshot at `version`, with its default view. */
export async function saveGraphClassification(snapshotId: string, version: Date, stored: StoredClassification): Promise<void> {
  const data = { version, graph: gzip(JSON.stringify(stored)), defaultView: gzip(JSON.stringify(defaultGraphResponse(stored))) };
  await getPrisma().graphClassification.upsert({ where: { snapshotId }, create: { snapshotId, ...data }, update: data });
}

export interface ComputedClassification extends StoredClassification {
  /** The full classification, with explanations (for callers that want to keep it in memory). */
  full: ClassifiedGraph;
  engine: SnapshotEngine;
  version: Date;
}

/**
 * Classifies the snapshot's default window and stores it. The version is read before the content, so an import
 * landing in between leaves a stale version behind (recomputed on the next miss), never a wrong one.
 */
export async function refreshGraphClassification(snapshotId: string): Promise<ComputedClassification> {
  const { updatedAt: version } = await getSnapshot(snapshotId);
  const engine = await loadSnapshotEngine(snapshotId);
  const full = classifyGraph({ inventory: engine.inventory, evaluator: engine.evaluator, edges: engine.edges, diagnostics: engine.diagnostics });
  const stored: StoredClassification = { graph: compactGraph(full), diagnostics: engine.diagnostics };
  await saveGraphClassification(snapshotId, version, stored);
  return { ...stored, full, engine, version };
}
