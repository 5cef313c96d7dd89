import type { SourceRef } from '@/lib/model';

export function toSourceColumns(source: SourceRef | undefined): { sourceFile: string | null; sourceLine: number | null } {
  return { sourceFile: source?.file ?? null, sourceLine: source?.line ?? null };
}

export function fromSourceColumns(row: { sourceFile: string | null; sourceLine: number | null }): { source?: SourceRef } {
  return row.sourceFile ? { source: { file: row.sourceFile, line: row.sourceLine ?? 1 } } : {};
}
