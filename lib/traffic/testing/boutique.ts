import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildInventory } from '../../inventory';
import { loadManifestPaths } from '../../manifest';
import type { Inventory, Protocol } from '../../model/kubernetes';
import { importTraffic, type ImportTrafficOptions, type ObservedEdge, type TrafficImportResult } from '../index';

/** Test support: the Online Boutique samples (fixtures/boutique, README §3 = answer key). */
export const BOUTIQUE_DIR = path.resolve(import.meta.dirname, '../../../fixtures/boutique');

export const readSample = (file: string): string => readFileSync(path.join(BOUTIQUE_DIR, file), 'utf8');
export const sampleBytes = (file: string): Uint8Array => readFileSync(path.join(BOUTIQUE_DIR, file));

let inventory: Promise<Inventory> | undefined;
export function boutiqueInventory(): Promise<Inventory> {
  inventory ??= loadManifestPaths([path.join(BOUTIQUE_DIR, 'kubernetes/cluster-state.json')]).then((m) => buildInventory(m.value).value);
  return inventory;
}

/** Fixed time for formats without timestamps, so results are deterministic. */
export const TEST_TIME = '2026-03-12T09:41:00.000Z';

export async function importText(text: string | Uint8Array | AsyncIterable<Uint8Array>, options: Partial<ImportTrafficOptions> = {}): Promise<TrafficImportResult> {
  return importTraffic(text, { fileName: 'test', inventory: options.inventory ?? (await boutiqueInventory()), defaultTime: TEST_TIME, ...options });
}

export async function importSample(file: string, options: Partial<ImportTrafficOptions> = {}): Promise<TrafficImportResult> {
  return importText(sampleBytes(file), { fileName: file, ...options });
}

export interface AnswerEdge {
  id: string;
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
}

interface AnswerKey {
  edges: AnswerEdge[];
  infrastructure: { source: string; destination: string; port: number; protocol: Protocol; kind: string }[];
  must_not_appear_as_edges: string[];
}

export const answerKey = JSON.parse(readSample('answer-key.json')) as AnswerKey;

export function answerEdge(id: string): AnswerEdge {
  const e = answerKey.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no ${id} in answer-key.json`);
  return e;
}

/** `source -> destination port/protocol`, the identity of an edge for comparisons. */
export const edgeKey = (e: { source: string; destination: string; port: number; protocol: string }): string => `${e.source} -> ${e.destination} ${e.port}/${e.protocol}`;

/** Distinct (source, destination, port, protocol) of a result (routes and count units folded). */
export const edgeKeys = (edges: readonly ObservedEdge[]): string[] => [...new Set(edges.map(edgeKey))].sort();

/** Edges' headline figures only: what a format conveys, without which format observed it (`observations`). */
export const headlines = (edges: readonly ObservedEdge[]): ObservedEdge[] =>
  edges.map((e) => {
    const out = { ...e };
    delete out.observations;
    return out;
  });

/** The must_not_appear list of the answer key as `source -> destination` pairs. */
export const forbiddenPairs = (): string[] => answerKey.must_not_appear_as_edges.map((s) => (s.split(' (')[0] ?? s).trim());

/** Infrastructure entries of the answer key with the annotated source reduced to its endpoint name. */
export function infraEdge(kind: string, source?: string): string {
  const e = answerKey.infrastructure.find((x) => x.kind.startsWith(kind) && (source === undefined || x.source.startsWith(source) || x.source.includes('*')));
  if (!e) throw new Error(`no infrastructure entry ${kind}`);
  const src = e.source.includes('*') && source ? source : (e.source.split(' ')[0] as string);
  return edgeKey({ ...e, source: src });
}

/** Edges between two endpoints on one port (any route / count unit). */
export const edgesBetween = (edges: readonly ObservedEdge[], a: AnswerEdge): ObservedEdge[] =>
  edges.filter((e) => e.source === a.source && e.destination === a.destination && e.port === a.port && e.protocol === a.protocol);
