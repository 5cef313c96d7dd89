import type { ImportCounts } from './import-result';

const n = new Intl.NumberFormat('en-US');

/** "read 1,204 · imported 1,180 · skipped 24 (bad-json 20, unresolved 4)" */
export function ImportCountsLine({ counts }: { counts: ImportCounts }) {
  const skipped = Object.entries(counts.skipped ?? {}).filter(([, v]) => v > 0);
  const skippedTotal = skipped.reduce((sum, [, v]) => sum + v, 0);
  const parts: string[] = [];
  if (counts.read !== undefined) parts.push(`read ${n.format(counts.read)}`);
  if (counts.imported !== undefined) parts.push(`imported ${n.format(counts.imported)}`);
  if (skippedTotal > 0) parts.push(`skipped ${n.format(skippedTotal)} (${skipped.map(([k, v]) => `${k} ${n.format(v)}`).join(', ')})`);
  if (parts.length === 0) return null;
  return <p className="text-xs tabular-nums text-slate-600" data-testid="import-counts">{parts.join(' · ')}</p>;
}
