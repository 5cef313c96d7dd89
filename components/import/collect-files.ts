import { isIgnoredFile, type PickedFile } from './picked-file';

/**
 * Reads everything dropped on the page: files and whole folders (recursively), using the
 * File and Directory Entries API, the one browsers support for dropped folders.
 * https://developer.mozilla.org/en-US/docs/Web/API/DataTransferItem/webkitGetAsEntry
 */
export async function collectDroppedFiles(dataTransfer: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, before the first await: the list empties afterwards.
  const entries = Array.from(dataTransfer.items)
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry());
  if (entries.every((entry) => entry === null)) return fromFileList(dataTransfer.files);
  const nested = await Promise.all(entries.map((entry) => (entry ? readEntry(entry) : Promise.resolve([]))));
  return nested.flat().filter((f) => !isIgnoredFile(f.path));
}

/** From an `<input type="file" multiple>` or `<input webkitdirectory>`. */
export function fromFileList(files: FileList | null): PickedFile[] {
  return Array.from(files ?? [])
    .map((file) => ({ file, path: file.webkitRelativePath || file.name }))
    .filter((f) => !isIgnoredFile(f.path));
}

async function readEntry(entry: FileSystemEntry): Promise<PickedFile[]> {
  if (isFile(entry)) {
    const file = await new Promise<File>((resolve, reject) => entry.file(resolve, reject));
    return [{ file, path: entry.fullPath.replace(/^\//, '') }];
  }
  if (isDirectory(entry)) {
    const children = await readAllEntries(entry.createReader());
    return (await Promise.all(children.map(readEntry))).flat();
  }
  return [];
}

// readEntries returns at most ~100 entries per call; call it until it returns none.
async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
