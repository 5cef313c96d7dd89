// Soundness of "conditional" for Linkerd routes: a query without a request that answers `allowed` or `denied`
// must give that answer for every concrete request on the port (fast-check).
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { HttpRequest } from '../../model/verdict';
import { connection } from '../mesh/testing';
import { linkerdLayerFactory } from './index';
import { linkerdTestInput } from './test-cluster';

const fixtures = readdirSync(path.resolve(import.meta.dirname, '../../../fixtures/linkerd/reference')).filter((f) => f.endsWith('.yaml'));
const pairs: [string, string, number][] = [
  ['booksapp/webapp', 'booksapp/authors', 7001],
  ['booksapp/traffic', 'booksapp/authors', 7001],
  ['booksapp/books', 'booksapp/authors', 7001],
  ['booksapp/webapp', 'booksapp/books', 7002],
  ['legacy/client', 'booksapp/books', 7002],
  ['emojivoto/web', 'emojivoto/emoji', 8080],
  ['emojivoto/voting', 'emojivoto/emoji', 8080],
];

const request: fc.Arbitrary<HttpRequest> = fc.record({
  method: fc.constantFrom('GET', 'POST', 'DELETE'),
  path: fc.constantFrom('/', '/authors.json', '/authors/1.json', '/authorsx', '/books', '/emojivoto.v1.EmojiService/ListAll', '/emojivoto.v1.EmojiService/Other'),
});

describe('Linkerd conditional is sound', () => {
  test.each(fixtures)('%s', (fixture) => {
    const { inventory, objects } = linkerdTestInput([`reference/${fixture}`]);
    const layer = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value;
    if (!layer) return;
    for (const [from, to, port] of pairs) {
      const c = connection(inventory, from, to, port);
      if (!layer.enforces(c)) continue;
      const abstract = layer.decide(c).outcome;
      if (abstract === 'conditional') continue;
      fc.assert(
        fc.property(request, (r) => layer.decide(connection(inventory, from, to, port, r)).outcome === abstract),
        { numRuns: 40 },
      );
    }
    expect(true).toBe(true);
  });
});
