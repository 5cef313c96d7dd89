import type { PickedFile } from './picked-file';

const headBytes = 64 * 1024;
// A Kubernetes object (YAML or JSON) names its apiVersion near the top; flow and access logs do not.
const manifestMarker = /(^|\n)\s*apiVersion\s*:|"apiVersion"\s*:/;

/**
 * Marks files that look like Kubernetes manifests (inventory or policies), judged from their first
 * 64 KiB, decompressed when gzip. The page uploads one file per request, so it must send manifests
 * before traffic itself: traffic records resolve to workloads through the pods and services already
 * imported. The server still detects every format from the full content.
 */
export async function markManifests(files: PickedFile[]): Promise<PickedFile[]> {
  return Promise.all(files.map(async (f) => ({ ...f, manifest: await looksLikeManifest(f.file) })));
}

async function looksLikeManifest(file: File): Promise<boolean> {
  try {
    const head = new Uint8Array(await file.slice(0, headBytes).arrayBuffer());
    const bytes = head[0] === 0x1f && head[1] === 0x8b ? await gunzipHead(file) : head;
    return manifestMarker.test(new TextDecoder().decode(bytes));
  } catch {
    return /\.ya?ml(\.gz)?$/i.test(file.name);
  }
}

/** The first decompressed chunk of a gzip file (enough to find `apiVersion`). */
async function gunzipHead(file: File): Promise<Uint8Array> {
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  try {
    const { value } = await reader.read();
    return value ?? new Uint8Array();
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}
