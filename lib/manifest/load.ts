import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic, Parsed } from '../model/diagnostics';
import type { ManifestObject } from '../model/manifest';
import { parseManifestText } from './parse';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

async function listFiles(p: string, diagnostics: Diagnostic[]): Promise<string[]> {
  let st;
  try {
    st = await stat(p);
  } catch (e) {
    diagnostics.push({ severity: 'error', code: 'file-not-found', message: `cannot read ${p}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, file: p });
    return [];
  }
  if (st.isFile()) return [p]; // an explicitly named file is read whatever its extension
  if (!st.isDirectory()) return [];
  const entries = await readdir(p, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    const child = path.join(p, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(child, diagnostics)));
    else if (e.isFile() && MANIFEST_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(child);
  }
  return out;
}

/** Reads files and directories (recursively: .yaml, .yml, .json) into manifest objects, in a stable order. */
export async function loadManifestPaths(paths: string[]): Promise<Parsed<ManifestObject[]>> {
  const diagnostics: Diagnostic[] = [];
  const value: ManifestObject[] = [];
  for (const p of paths) {
    for (const file of await listFiles(p, diagnostics)) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        diagnostics.push({ severity: 'error', code: 'file-unreadable', message: `cannot read: ${(e as Error).message}`, file });
        continue;
      }
      const parsed = parseManifestText(text, file);
      value.push(...parsed.value);
      diagnostics.push(...parsed.diagnostics);
    }
  }
  return { value, diagnostics };
}
