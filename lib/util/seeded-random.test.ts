import { describe, expect, test } from 'vitest';
import { hash32, mulberry32, withSeededRandom } from './seeded-random';

describe('withSeededRandom', () => {
  test('the same seed gives the same sequence, another seed another one', () => {
    const draw = (seed: string) => withSeededRandom(seed, () => Array.from({ length: 5 }, () => Math.random()));
    expect(draw('snapshot-a|nodes')).toEqual(draw('snapshot-a|nodes'));
    expect(draw('snapshot-a|nodes')).not.toEqual(draw('snapshot-b|nodes'));
  });

  test('Math.random is restored afterwards, also when the work throws', () => {
    const original = Math.random;
    withSeededRandom('x', () => 1);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededRandom('x', () => {
        throw new Error('layout failed');
      }),
    ).toThrow('layout failed');
    expect(Math.random).toBe(original);
  });

  test('values are uniform in [0, 1)', () => {
    const next = mulberry32(hash32('uniform'));
    const values = Array.from({ length: 10_000 }, next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
