import { createReadStream, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildInventory } from '@/lib/inventory';
import { loadManifestPaths } from '@/lib/manifest';
import type { Inventory } from '@/lib/model';
import { importTraffic, type ObservedEdge } from '@/lib/traffic';
import { BOUTIQUE_DIR } from '../test-support/fixtures';
import { foldByRowKey } from './merge-edges';
import type { ImportUpload } from './types';

/** Test support for the importer's integration tests: boutique files as uploads and what the engine makes of them. */

export const TEST_TIME = '2026-03-12T09:41:00.000Z';
export const CLUSTER_STATE = 'kubernetes/cluster-state.json';
export const NETWORK_POLICIES = 'policies/networkpolicy.yaml';

export const samplePath = (rel: string) => path.join(BOUTIQUE_DIR, rel);
export const sampleBytes = (rel: string): Uint8Array => readFileSync(samplePath(rel));

/** A file opened lazily, as the CLI passes it. */
export const fileUpload = (rel: string): ImportUpload => ({ fileName: rel, content: () => createReadStream(samplePath(rel)), sizeBytes: statSync(samplePath(rel)).size });
export const bytesUpload = (fileName: string, bytes: Uint8Array | string): ImportUpload => ({ fileName, content: bytes, sizeBytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length });
export const gzipUpload = (rel: string): ImportUpload => bytesUpload(`${rel}.gz`, gzipSync(sampleBytes(rel)));

/** A stream of `bytes` in chunks that fails after `failAfter` chunks (a dropped upload, a killed reader). */
export async function* failingStream(bytes: Uint8Array, chunkSize: number, failAfter: number): AsyncGenerator<Uint8Array> {
  for (let i = 0, n = 0; i < bytes.length; i += chunkSize, n++) {
    if (n === failAfter) throw new Error('connection reset by peer');
    yield bytes.subarray(i, i + chunkSize);
  }
}

let inventory: Promise<Inventory> | undefined;
export function boutiqueInventory(): Promise<Inventory> {
  inventory ??= loadManifestPaths([samplePath(CLUSTER_STATE)]).then((m) => buildInventory(m.value).value);
  return inventory;
}

/** What the engine alone makes of a sample, folded by the table's row key, as `key → edge`. */
export async function engineEdges(rel: string): Promise<Map<string, ObservedEdge>> {
  const r = await importTraffic(sampleBytes(rel), { fileName: rel, inventory: await boutiqueInventory(), defaultTime: TEST_TIME });
  return foldByRowKey(r.edges);
}

/** Comparable view of edges: key → count, verdicts, window, observers. */
export function edgeSummary(edges: Iterable<ObservedEdge>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const e of foldByRowKey([...edges]).values()) {
    out[`${e.source} -> ${e.destination} ${e.port}/${e.protocol} ${e.method ?? ''} ${e.pathTemplate ?? ''}`.trim()] = {
      count: e.count,
      verdicts: e.verdicts,
      firstSeen: Date.parse(e.firstSeen),
      lastSeen: Date.parse(e.lastSeen),
      observedBy: e.observedBy,
      ...(e.bytes !== undefined ? { bytes: e.bytes } : {}),
    };
  }
  return out;
}

export const edgeKey = (e: { source: string; destination: string; port: number; protocol: string }) => `${e.source} -> ${e.destination} ${e.port}/${e.protocol}`;
