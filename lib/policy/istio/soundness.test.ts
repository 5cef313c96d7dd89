// Soundness of "conditional": a query without a request that answers `allowed` (or `denied`) must give the same
// answer for every concrete request on that port; only `conditional` may depend on the request (fast-check).
import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { HttpRequest } from '../../model/verdict';
import { connection } from '../mesh/testing';
import { istioLayerFactory } from './index';
import { istioTestInput } from './test-cluster';

const fixtures = readdirSync(path.resolve(import.meta.dirname, '../../../fixtures/istio/reference')).filter((f) => f.endsWith('.yaml'));
const pairs: [string, string, number][] = [
  ['default/sleep', 'foo/httpbin', 8000],
  ['test/sleep', 'foo/httpbin', 8000],
  ['dev/sleep', 'foo/httpbin', 8000],
  ['legacy/sleep', 'foo/httpbin', 8000],
  ['default/sleep', 'foo/finance', 8080],
  ['default/sleep', 'foo/grpc', 5000],
];
// foo/no-service declares no protocol: without a request it is an opaque TCP connection (issue 5), while HTTP
// requests to it are sniffed and judged as HTTP. TCP only errs towards "denied", so only its "allowed" is checked.

const request: fc.Arbitrary<HttpRequest> = fc.record(
  {
    method: fc.constantFrom('GET', 'POST', 'DELETE', 'HEAD'),
    path: fc.constantFrom('/', '/info', '/info/1', '/data', '/headers', '/admin/x', '/user/profile/1', '/foo/bar', '/bar/x/', '/x?y=1'),
    headers: fc.record({ host: fc.constantFrom('www.example.com', 'other.org'), 'user-agent': fc.constantFrom('Mozilla/5.0', 'curl/8') }, { requiredKeys: [] }),
    requestPrincipal: fc.constantFrom('https://accounts.google.com/1', 'testing@secure.istio.io/testing@secure.istio.io'),
  },
  { requiredKeys: ['method', 'path', 'headers'] },
);

describe('conditional is sound', () => {
  test.each(fixtures)('%s', (fixture) => {
    const { inventory, objects } = istioTestInput([`reference/${fixture}`]);
    const layer = istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value;
    if (!layer) return;
    for (const [from, to, port] of [...pairs, ['dev/sleep', 'foo/no-service', 7000] as const]) {
      const abstract = layer.decide(connection(inventory, from, to, port)).outcome;
      if (abstract === 'conditional' || (to === 'foo/no-service' && abstract === 'denied')) continue;
      fc.assert(
        fc.property(request, (r) => {
          const concrete = layer.decide(connection(inventory, from, to, port, r));
          // A CUSTOM (delegated) answer is conditional even for one request.
          return concrete.outcome === abstract || (concrete.outcome === 'conditional' && concrete.basis === 'delegated');
        }),
        { numRuns: 60 },
      );
    }
    expect(true).toBe(true);
  });
});
