/**
 * A file chosen for import, with its path relative to the dropped folder (or its name), and
 * whether it looks like Kubernetes manifests (sniff-manifest.ts; unknown until sniffed).
 */
export type PickedFile = { file: File; path: string; manifest?: boolean };

// Files that operating systems and editors leave in folders; never user data.
const ignoredNames = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

export function isIgnoredFile(path: string): boolean {
  const name = path.split('/').pop() ?? path;
  return ignoredNames.has(name) || name.startsWith('._') || name.endsWith('~');
}

/**
 * Import order: Kubernetes manifests (inventory and policies) before anything else, because
 * traffic records are resolved to workloads through the pods and services already imported.
 * Files not sniffed yet count as manifests when named *.yaml/*.yml. Within a group, by path,
 * so folder imports are deterministic.
 */
export function orderForImport<T extends { path: string; manifest?: boolean }>(files: readonly T[]): T[] {
  const rank = (f: T) => ((f.manifest ?? /\.ya?ml(\.gz)?$/i.test(f.path)) ? 0 : 1);
  return [...files].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
