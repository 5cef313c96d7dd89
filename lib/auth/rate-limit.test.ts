import { expect, test } from 'vitest';
import { createRateLimiter } from './index';

test('allows `limit` hits per window and key, then says when to retry', () => {
  const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
  expect([limiter.hit('a', 0), limiter.hit('a', 1), limiter.hit('a', 2), limiter.hit('b', 3)]).toEqual([true, true, false, true]);
  expect(limiter.retryAfter('a', 30_000)).toBe(30);
  expect(limiter.hit('a', 60_000)).toBe(true);
});

test('keeps at most maxKeys keys, forgetting the oldest', () => {
  const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, maxKeys: 2 });
  limiter.hit('a', 0);
  limiter.hit('b', 0);
  limiter.hit('c', 0);
  expect(limiter.hit('a', 1)).toBe(true); // forgotten, so counted afresh
  expect(limiter.hit('c', 1)).toBe(false);
});
