import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { renderEdgesCsv, renderEdgesJsonl, type ObservedEdge, type ObservedRuleRef } from './index';
import { headlines, importSample, importText } from './testing/boutique';

const CSV = 'edges/edges.csv';
const JSONL = 'edges/edges.jsonl';

const name = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/)).map(([a, b]) => `${a}/${b}`),
  fc.ipV4().map((ip) => `ip:${ip}`),
  fc.constant('world'),
  fc.constant('node:ip-10-0-1-23.eu-west-1.compute.internal'),
);
const time = fc.integer({ min: 1.7e12, max: 1.8e12 }).map((ms) => new Date(ms).toISOString());
const edgeArb: fc.Arbitrary<ObservedEdge> = fc
  .record({
    source: name,
    destination: name,
    port: fc.integer({ min: 1, max: 65535 }),
    protocol: fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
    route: fc.option(fc.tuple(fc.constantFrom('GET', 'POST'), fc.constantFrom('/', '/a,b', '/x/{id}', '/q"uote')), { nil: undefined }),
    appProtocol: fc.option(fc.constantFrom('http', 'grpc', 'dns'), { nil: undefined }),
    count: fc.integer({ min: 0, max: 1e6 }),
    countUnit: fc.constantFrom('requests' as const, 'connections' as const, 'connection_attempts' as const, 'flows' as const),
    bytes: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: undefined }),
    times: fc.tuple(time, time),
    verdicts: fc.dictionary(fc.constantFrom('forwarded', 'dropped:POLICY_DENIED', 'denied:403', 'rbac_denied'), fc.integer({ min: 1, max: 100 }), { minKeys: 1 }),
    observedBy: fc.uniqueArray(fc.constantFrom('envoy', 'hubble', 'linkerd'), { minLength: 1 }).map((a): string[] => a.sort()),
    deniedBy: fc.option(fc.constant<ObservedRuleRef[]>([{ kind: 'CiliumClusterwideNetworkPolicy', name: 'deny-debug', direction: 'ingress' }]), { nil: undefined }),
  })
  .map(({ route, times, appProtocol, bytes, deniedBy, ...r }) => ({
    ...r,
    ...(route ? { method: route[0], pathTemplate: route[1] } : {}),
    ...(appProtocol ? { appProtocol } : {}),
    ...(bytes !== undefined ? { bytes } : {}),
    ...(deniedBy ? { deniedBy } : {}),
    firstSeen: times[0] < times[1] ? times[0] : times[1],
    lastSeen: times[0] < times[1] ? times[1] : times[0],
  }));

/** Distinct aggregation keys, so the import does not merge generated edges. */
const distinctEdges = fc.uniqueArray(edgeArb, {
  selector: (e) => `${e.source}|${e.destination}|${e.port}|${e.protocol}|${e.method ?? ''}|${e.pathTemplate ?? ''}`,
  maxLength: 20,
});

describe('canonical edge list (README §5) and Eastwest export', () => {
  test('the CSV and JSONL samples give the same edges', async () => {
    const [csv, jsonl] = await Promise.all([importSample(CSV), importSample(JSONL)]);
    expect(headlines(jsonl.edges)).toEqual(headlines(csv.edges));
  });

  test('verdict and observed_by columns are carried over', async () => {
    const r = await importSample(CSV);
    const u1 = r.edges.find((e) => e.source === 'boutique/frontend' && e.destination === 'boutique/paymentservice');
    expect(u1).toMatchObject({ count: 3, countUnit: 'connection_attempts', verdicts: { dropped: 3 }, observedBy: ['hubble', 'istio', 'nginx'] });
  });

  test.each([
    { render: renderEdgesCsv, format: 'edges-csv' },
    { render: renderEdgesJsonl, format: 'edges-jsonl' },
  ])('round trip: import($format(render(edges))) ≡ edges', async ({ render, format }) => {
    await fc.assert(
      fc.asyncProperty(distinctEdges, async (edges) => {
        fc.pre(edges.length > 0);
        const r = await importText(render(edges));
        expect(r.format).toBe(format);
        const sort = (xs: ObservedEdge[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        // Per-observer detail is not exported: the re-imported edge is one observation of the edge list.
        expect(sort(headlines(r.edges))).toEqual(sort(edges));
        expect(r.edges.every((e) => e.observations?.length === 1 && e.observations[0]?.observer === format)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  test.each([
    { row: 'a/b,c/d,notaport,TCP,1,2026-03-12T09:30:00Z,2026-03-12T09:31:00Z', message: 'invalid port notaport' },
    { row: 'a/b,c/d,80,ICMP,1,2026-03-12T09:30:00Z,2026-03-12T09:31:00Z', message: 'invalid protocol ICMP' },
    { row: 'a/b,c/d,80,TCP,1,yesterday,2026-03-12T09:31:00Z', message: 'first_seen/last_seen must be RFC 3339 times' },
    { row: ',c/d,80,TCP,1,2026-03-12T09:30:00Z,2026-03-12T09:31:00Z', message: 'missing column source' },
  ])('a bad row is reported with its line: $message', async ({ row, message }) => {
    const r = await importText(`source,destination,port,protocol,count,first_seen,last_seen\n${row}\n`);
    expect(r.diagnostics).toEqual([{ severity: 'warning', code: 'invalid-record', message, file: 'test', line: 2 }]);
  });
});
