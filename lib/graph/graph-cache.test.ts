import { expect, test } from 'vitest';
import { classificationKey, LruCache } from './index';

test('the least recently used entry is evicted first', () => {
  const c = new LruCache<number>(2);
  c.set('a', 1);
  c.set('b', 2);
  expect(c.get('a')).toBe(1); // a is now the most recent
  c.set('c', 3);
  expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([1, undefined, 3, 2]);
});

test.each([
  [{ from: '2026-03-12T09:30:00.000Z' }, 's|v1|2026-03-12T09:30:00.000Z|'],
  [{}, 's|v1||'],
])('classificationKey(%o) = %s', (window, expected) => expect(classificationKey('s', 'v1', window)).toBe(expected));
