import { strToU8, zipSync, type Zippable } from 'fflate';
import { renderFiles } from './render';
import type { DraftDocument } from './types';

/**
 * The draft as a zip: one YAML file per namespace and a `kustomization.yaml`. Entries are sorted and carry
 * a fixed timestamp so the same draft gives byte-identical archives (fflate writes DOS times from the Date's
 * local fields, so a local-time constructor keeps the bytes independent of the time zone).
 */
export function renderZip(documents: readonly DraftDocument[]): Uint8Array {
  const files = renderFiles(documents);
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const zippable: Zippable = {};
  for (const name of Object.keys(files).sort()) zippable[name] = [strToU8(files[name] ?? ''), { mtime, level: 6 }];
  return zipSync(zippable);
}
