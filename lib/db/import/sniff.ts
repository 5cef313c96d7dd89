import type { Diagnostic } from '@/lib/model';
import { detectFormat, type FormatName } from '@/lib/traffic';

export type Sniffed = { kind: 'manifest' } | { kind: 'traffic'; format: FormatName } | { kind: 'empty' } | { kind: 'binary' } | { kind: 'unknown' };

// Kubernetes objects always carry apiVersion and kind (https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields).
const JSON_MANIFEST = [/"apiVersion"\s*:/, /"kind"\s*:/];
const YAML_MANIFEST = [/^\s*(- )?apiVersion:\s*\S/m, /^\s*(- )?kind:\s*\S/m];

/**
 * Text is UTF-8 without NUL bytes (manifests must be UTF-8, https://yaml.org/spec/1.2.2/#52-character-encodings;
 * logs are written as text). `stream: true` lets the head end in the middle of a character.
 */
function isText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Recognises a file from its first (decompressed) bytes, never from its name: a traffic format
 * (lib/traffic detectFormat) first, then Kubernetes manifests (YAML or JSON objects with apiVersion
 * and kind). A forced traffic format applies to everything that is not a manifest. Binary content (an
 * archive, an image, a gzip member inside a tar) is named as such, whatever format is forced.
 */
export function sniffContent(head: Uint8Array, forced?: FormatName): Sniffed {
  if (!isText(head)) return { kind: 'binary' };
  const text = new TextDecoder().decode(head);
  if (text.trim() === '') return { kind: 'empty' };
  const traffic = detectFormat(text);
  if (traffic && traffic !== 'gzip') return { kind: 'traffic', format: forced ?? traffic };
  const patterns = /^\s*[[{]/.test(text) ? JSON_MANIFEST : YAML_MANIFEST;
  if (patterns.every((p) => p.test(text))) return { kind: 'manifest' };
  if (forced) return { kind: 'traffic', format: forced };
  return { kind: 'unknown' };
}

/**
 * Why a file that is not read at all failed. The wording suits every surface: how to name a format or give a
 * custom log format differs between the import page, the API and the CLI, so each adds its own hint by `code`.
 */
export function unreadableContent(kind: 'empty' | 'binary' | 'unknown', file: string): Diagnostic {
  switch (kind) {
    case 'empty':
      return { severity: 'error', code: 'empty-file', message: 'the file is empty: nothing to import', file };
    case 'binary':
      return { severity: 'error', code: 'binary-file', message: 'binary content, not UTF-8 text: Eastwest reads manifests (YAML, JSON) and traffic logs, plain or gzip', file };
    case 'unknown':
      return { severity: 'error', code: 'unknown-format', message: 'format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log', file, line: 1 };
  }
}
