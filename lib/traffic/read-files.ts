import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../model/diagnostics';
import type { Inventory } from '../model/kubernetes';
import { createImportState, finishImport, importInto, type ImportTrafficOptions } from './import-traffic';
import type { FormatName, TrafficImportCounts, TrafficImportResult } from './model';

export interface TrafficFileSummary {
  file: string;
  format: FormatName | null;
  counts: TrafficImportCounts;
}

export type TrafficFilesResult = Omit<TrafficImportResult, 'format' | 'counts'> & { files: TrafficFileSummary[] };

async function listFiles(p: string, diagnostics: Diagnostic[]): Promise<string[]> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'file-not-found', message: `cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, file: p });
    return [];
  }
  if (st.isFile()) return [p];
  if (!st.isDirectory()) return [];
  const entries = (await readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const child = path.join(p, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(child, diagnostics)));
    else if (e.isFile()) out.push(child);
  }
  return out;
}

/**
 * Reads traffic files and directories (recursively; every file, formats detected from content, gzip
 * transparently) for the CLI, aggregating all of them into one edge list.
 */
export async function readTrafficFiles(
  paths: string[],
  inventory: Inventory,
  options: Omit<ImportTrafficOptions, 'fileName' | 'inventory'> = {},
): Promise<TrafficFilesResult> {
  const diagnostics: Diagnostic[] = [];
  const files: string[] = [];
  for (const p of paths) files.push(...(await listFiles(p, diagnostics)));
  const state = createImportState(inventory, options.resolver);
  const summaries: TrafficFileSummary[] = [];
  let failed = false;
  for (const file of files) {
    const s = await importInto(createReadStream(file), { ...options, fileName: file, inventory }, state);
    summaries.push({ file, format: s.format, counts: s.counts });
    // The diagnostics of a shared Envoy format come with every file read with it: list them once.
    diagnostics.push(...s.diagnostics.filter((d) => !(d.code.startsWith('envoy-format') && diagnostics.some((x) => x.code === d.code && x.file === d.file && x.line === d.line && x.message === d.message))));
    failed ||= s.failed && s.format !== null;
  }
  return { ...finishImport(state, diagnostics, failed), files: summaries };
}
