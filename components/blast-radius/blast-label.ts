import type { ReportedWorkload } from '@/lib/graph/blast-radius-report';

/**
 * A node's label on the canvas in blast-radius mode, with the same marks as the side panel: ★ crown jewel,
 * ☆ suggested crown jewel (it serves sensitive paths), "sensitive" for what Findings lists as sensitive, and
 * "not traversed" for shared infrastructure the search stopped at. `hop` 0 is a start workload.
 */
export function blastNodeLabel(name: string, hop: number, direction: 'blast' | 'exposure', reached?: Pick<ReportedWorkload, 'crownJewel' | 'suggested' | 'sensitivity' | 'notTraversed'>): string {
  const star = reached?.crownJewel ? (reached.suggested ? '☆ ' : '★ ') : '';
  const where = hop === 0 ? (direction === 'exposure' ? 'target' : 'compromised') : `hop ${hop}`;
  const notes = [reached?.sensitivity && !reached.crownJewel ? 'sensitive' : '', reached?.notTraversed ? 'not traversed' : ''].filter(Boolean);
  return `${star}${name}\n${[where, ...notes].join(' · ')}`;
}
