import { describe, expect, test } from 'vitest';
import { blastNodeLabel } from './blast-label';

type Case = { case: string; hop: number; direction: 'blast' | 'exposure'; reached?: Parameters<typeof blastNodeLabel>[3]; expected: string };

describe('blastNodeLabel', () => {
  test.each<Case>([
    { case: 'the compromised workload', hop: 0, direction: 'blast', reached: undefined, expected: 'frontend\ncompromised' },
    { case: 'the exposure target', hop: 0, direction: 'exposure', reached: undefined, expected: 'frontend\ntarget' },
    { case: 'a crown jewel', hop: 2, direction: 'blast', reached: { crownJewel: true }, expected: '★ frontend\nhop 2' },
    { case: 'a suggested crown jewel', hop: 2, direction: 'blast', reached: { crownJewel: true, suggested: true }, expected: '☆ frontend\nhop 2' },
    { case: 'sensitive as Findings lists it', hop: 3, direction: 'blast', reached: { crownJewel: false, sensitivity: { level: 'sensitive', categories: ['payment'] } }, expected: 'frontend\nhop 3 · sensitive' },
    { case: 'infrastructure the search stopped at', hop: 1, direction: 'blast', reached: { crownJewel: false, notTraversed: true }, expected: 'frontend\nhop 1 · not traversed' },
  ])('$case', ({ hop, direction, reached, expected }) => {
    expect(blastNodeLabel('frontend', hop, direction, reached)).toBe(expected);
  });
});
