import { formatDiagnostic, hasErrors, type Diagnostic } from '../lib/model/diagnostics';
import type { Inventory } from '../lib/model/kubernetes';
import type { ManifestObject } from '../lib/model/manifest';
import { loadManifestPaths } from '../lib/manifest';
import { buildInventory } from '../lib/inventory';
import { diagnosticHints } from './diagnostic-hints';

export interface LoadedInput {
  objects: ManifestObject[];
  inventory: Inventory;
  diagnostics: Diagnostic[];
}

/** Reads `--input` files and directories into objects and an inventory, collecting every diagnostic. */
export async function loadInput(paths: string[]): Promise<LoadedInput> {
  const parsed = await loadManifestPaths(paths);
  const inv = buildInventory(parsed.value);
  return { objects: parsed.value, inventory: inv.value, diagnostics: [...parsed.diagnostics, ...inv.diagnostics] };
}

/** Prints diagnostics on stderr (`file:line: severity: message [code]`, info ones only when verbose), then the flags that help. */
export function reportDiagnostics(diagnostics: Diagnostic[], verbose: boolean): boolean {
  for (const d of diagnostics) if (d.severity !== 'info' || verbose) process.stderr.write(`${formatDiagnostic(d)}\n`);
  for (const hint of diagnosticHints(diagnostics)) process.stderr.write(`hint: ${hint}\n`);
  return hasErrors(diagnostics);
}
