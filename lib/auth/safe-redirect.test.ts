import { expect, test } from 'vitest';
import { safeNextPath } from './safe-redirect';

test.each([
  ['/graph?snapshot=1', '/graph?snapshot=1'],
  [null, '/'],
  ['', '/'],
  ['https://evil.example', '/'],
  ['//evil.example', '/'],
  ['/\\evil.example', '/'],
  ['/\nSet-Cookie: x', '/'],
  ['javascript:alert(1)', '/'],
])('safeNextPath(%j) = %j', (next, expected) => {
  expect(safeNextPath(next)).toBe(expected);
});
