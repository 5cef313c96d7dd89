import { Composer, LineCounter, Parser, type Document } from 'yaml';
import type { Diagnostic, Parsed } from '../model/diagnostics';
import type { ManifestObject } from '../model/manifest';
import type { Labels } from '../model/kubernetes';
import { jsonElementLines } from './json-lines';

/**
 * YAML aliases expand at `toJS` time; eemeli/yaml stops after `maxAliasCount` expansions
 * ("billion laughs" protection, see https://eemeli.org/yaml/#tojs-options). We keep the library default.
 */
const MAX_ALIAS_COUNT = 100;

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(v: unknown): Labels {
  const out: Labels = {};
  if (!isRecord(v)) return out;
  for (const [k, val] of Object.entries(v)) if (val !== null && val !== undefined) out[k] = String(val);
  return out;
}

/** Turns one plain value into manifest objects (unpacking `kind: List` / `*List`), reporting what is not an object. */
function toObjects(value: unknown, file: string, line: number, out: ManifestObject[], diagnostics: Diagnostic[], itemLines?: number[], depth = 0): void {
  if (value === null || value === undefined) return; // empty document (e.g. a trailing `---`)
  // Only one level of unpacking (a top-level array, or a List's items): hostile nesting cannot exhaust the stack.
  if (Array.isArray(value) && depth === 0) {
    value.forEach((v, i) => toObjects(v, file, itemLines?.[i] ?? line, out, diagnostics, undefined, 1));
    return;
  }
  if (!isRecord(value)) {
    diagnostics.push({ severity: 'error', code: 'not-an-object', message: `document is ${Array.isArray(value) ? 'a nested list' : `a ${typeof value}`}, not a Kubernetes object`, file, line });
    return;
  }
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items) && depth === 0) {
    value.items.forEach((v, i) => toObjects(v, file, itemLines?.[i] ?? line, out, diagnostics, undefined, 1));
    return;
  }
  const apiVersion = value.apiVersion;
  // Not a Kubernetes object (a values file, a report...) or one that cannot be applied (kustomization.yaml has no
  // name): skipped with a warning, not an error, so a directory of manifests can hold them.
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
    diagnostics.push({ severity: 'warning', code: 'missing-kind', message: 'object without apiVersion or kind', file, line });
    return;
  }
  const meta = isRecord(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : '';
  if (!name) {
    diagnostics.push({ severity: 'warning', code: 'missing-name', message: `${kind} without metadata.name`, file, line });
    return;
  }
  const owners = Array.isArray(meta.ownerReferences)
    ? meta.ownerReferences.filter(isRecord).flatMap((o) =>
        typeof o.kind === 'string' && typeof o.name === 'string' ? [{ kind: o.kind, name: o.name, ...(typeof o.controller === 'boolean' ? { controller: o.controller } : {}) }] : [],
      )
    : undefined;
  out.push({
    apiVersion,
    kind,
    metadata: {
      name,
      ...(typeof meta.namespace === 'string' && meta.namespace ? { namespace: meta.namespace } : {}),
      labels: stringMap(meta.labels),
      annotations: stringMap(meta.annotations),
      ...(owners && owners.length > 0 ? { ownerReferences: owners } : {}),
    },
    body: value,
    source: { file, line },
  });
}

function looksLikeJson(text: string): boolean {
  const m = /^\s*([{[])/.exec(text.slice(0, 4096));
  return m !== null;
}

/** JSON fast path: `JSON.parse` is an order of magnitude faster than a YAML parser on `kubectl -o json` exports. */
function parseJson(text: string, file: string): Parsed<ManifestObject[]> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null; // not strict JSON (comments, several documents...): let the YAML parser report precisely
  }
  const value0 = value;
  const depth = Array.isArray(value0) ? 1 : 2;
  const lines = jsonElementLines(text, depth);
  const out: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  toObjects(value, file, 1, out, diagnostics, lines);
  return { value: out, diagnostics };
}

/**
 * Parses the text of one manifest file: multi-document YAML or JSON, `kind: List` unpacked.
 * Pure (no I/O); never throws. A broken document gives diagnostics and the other documents are still read.
 */
export function parseManifestText(text: string, file: string): Parsed<ManifestObject[]> {
  if (looksLikeJson(text)) {
    const json = parseJson(text, file);
    if (json) return json;
  }
  const out: ManifestObject[] = [];
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  // Streaming: the Composer yields one document at a time, so a huge multi-document file never holds
  // every document's syntax tree at once (https://eemeli.org/yaml/#parser, #composer).
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false });
  try {
    for (const doc of composer.compose(parser.parse(text))) readDocument(doc, lineCounter, file, out, diagnostics);
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'yaml-syntax', message: `cannot parse: ${(e as Error).message}`, file, line: 1 });
  }
  return { value: out, diagnostics };
}

/** One YAML document: its first error, or its objects. */
function readDocument(doc: Document.Parsed, lineCounter: LineCounter, file: string, out: ManifestObject[], diagnostics: Diagnostic[]): void {
  const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  const line = lineCounter.linePos(start).line;
  if (doc.errors.length > 0) {
    // Only the first error: the following ones are usually its consequences.
    const err = doc.errors[0]!;
    const pos = lineCounter.linePos(err.pos[0]);
    const more = doc.errors.length > 1 ? ` (${doc.errors.length - 1} more errors in this document)` : '';
    diagnostics.push({ severity: 'error', code: 'yaml-syntax', message: `${err.message.split('\n')[0] ?? err.message}${more}`, file, line: pos.line, column: pos.col });
    return; // skip the broken document, read the others
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const message = (e as Error).message;
    diagnostics.push({ severity: 'error', code: /alias/i.test(message) ? 'yaml-alias-limit' : 'yaml-too-complex', message: `document rejected: ${message}`, file, line });
    return;
  }
  const itemLines = itemLinesOf(doc, lineCounter);
  toObjects(value, file, line, out, diagnostics, itemLines);
}

/** Line of each `items[i]` of a `kind: List` document (or of each element of a top-level sequence). */
function itemLinesOf(doc: Document.Parsed, lc: LineCounter): number[] | undefined {
  const contents = doc.contents as unknown;
  const rangeLine = (n: unknown): number | undefined => {
    const r = (n as { range?: [number, number, number] } | null)?.range;
    return r ? lc.linePos(r[0]).line : undefined;
  };
  const seqItems = (seq: unknown): number[] | undefined => {
    const items = (seq as { items?: unknown[] } | null)?.items;
    return Array.isArray(items) ? items.map((n) => rangeLine(n) ?? 1) : undefined;
  };
  if (contents && typeof contents === 'object' && 'items' in contents) {
    const items = (contents as { items: unknown[] }).items;
    // a YAMLSeq: its items are nodes; a YAMLMap: its items are pairs
    const first = items[0] as { key?: unknown } | undefined;
    if (first && typeof first === 'object' && 'key' in first) {
      for (const pair of items as { key: { value?: unknown } | null; value: unknown }[]) {
        if (pair.key && (pair.key as { value?: unknown }).value === 'items') return seqItems(pair.value);
      }
      return undefined;
    }
    return seqItems(contents);
  }
  return undefined;
}
