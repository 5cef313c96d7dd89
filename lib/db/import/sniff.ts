import { detectFormat, FORMAT_DESCRIPTIONS, FORMAT_NAMES, type FormatName } from '@/lib/traffic';

export type Sniffed = { kind: 'manifest' } | { kind: 'traffic'; format: FormatName } | { kind: 'empty' } | { kind: 'unknown' };

// Kubernetes objects always carry apiVersion and kind (https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields).
const JSON_MANIFEST = [/"apiVersion"\s*:/, /"kind"\s*:/];
const YAML_MANIFEST = [/^\s*(- )?apiVersion:\s*\S/m, /^\s*(- )?kind:\s*\S/m];

/**
 * Recognises a file from its first (decompressed) bytes, never from its name: a traffic format
 * (lib/traffic detectFormat) first, then Kubernetes manifests (YAML or JSON objects with apiVersion
 * and kind). A forced traffic format applies to everything that is not a manifest.
 */
export function sniffContent(head: Uint8Array, forced?: FormatName): Sniffed {
  const text = new TextDecoder().decode(head);
  if (text.trim() === '') return { kind: 'empty' };
  const traffic = detectFormat(text);
  if (traffic && traffic !== 'gzip') return { kind: 'traffic', format: forced ?? traffic };
  const patterns = /^\s*[[{]/.test(text) ? JSON_MANIFEST : YAML_MANIFEST;
  if (patterns.every((p) => p.test(text))) return { kind: 'manifest' };
  if (forced) return { kind: 'traffic', format: forced };
  return { kind: 'unknown' };
}

export function unknownFormatMessage(): string {
  const traffic = FORMAT_NAMES.map((f) => `${f} (${FORMAT_DESCRIPTIONS[f]})`).join('; ');
  return `unrecognised content: not Kubernetes manifests (YAML or JSON with apiVersion and kind) nor a supported traffic format. Supported traffic formats: ${traffic}. Name one with --format if detection fails.`;
}
