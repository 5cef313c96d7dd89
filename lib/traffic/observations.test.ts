import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { combineObservations, edgeObservations, mergeObservations, readTrafficFiles, type EdgeObservation, type ObservedEdge } from './node';
import { answerEdge, BOUTIQUE_DIR, boutiqueInventory, edgesBetween, TEST_TIME } from './testing/boutique';

/** The same traffic reaching Eastwest through several formats counts once; one format's files add up. */

const obs = (o: Partial<EdgeObservation> & Pick<EdgeObservation, 'observer'>): EdgeObservation => ({
  countUnit: 'requests',
  count: 1,
  firstSeen: '2026-03-12T09:30:00Z',
  lastSeen: '2026-03-12T09:40:00Z',
  verdicts: { forwarded: o.count ?? 1 },
  observedBy: [o.observer],
  ...o,
});

describe('combineObservations', () => {
  test.each([
    {
      name: 'two observers of the same requests: the larger count, not the sum',
      observations: [obs({ observer: 'envoy-json', count: 10 }), obs({ observer: 'linkerd-tap', count: 8 })],
      expected: { count: 10, countUnit: 'requests', verdicts: { forwarded: 10 } },
    },
    {
      name: 'requests beat connections, whatever the numbers',
      observations: [obs({ observer: 'hubble', countUnit: 'connections', count: 40 }), obs({ observer: 'envoy-json', count: 12 })],
      expected: { count: 12, countUnit: 'requests', verdicts: { forwarded: 40 } },
    },
    {
      name: 'connections beat connection attempts and flows',
      observations: [obs({ observer: 'aws-vpc', countUnit: 'flows', count: 9 }), obs({ observer: 'edges-csv', countUnit: 'connection_attempts', count: 7 }), obs({ observer: 'hubble', countUnit: 'connections', count: 2 })],
      expected: { count: 2, countUnit: 'connections' },
    },
    {
      name: 'verdicts: the largest count per verdict over observers',
      observations: [obs({ observer: 'hubble', count: 3, verdicts: { forwarded: 2, 'dropped:POLICY_DENIED': 1 } }), obs({ observer: 'envoy-json', count: 3, verdicts: { forwarded: 3 } })],
      expected: { count: 3, verdicts: { forwarded: 3, 'dropped:POLICY_DENIED': 1 } },
    },
    {
      name: 'an observation with nothing counted does not choose the unit',
      observations: [obs({ observer: 'hubble', countUnit: 'connections', count: 4 }), obs({ observer: 'envoy-json', count: 0, verdicts: {} })],
      expected: { count: 4, countUnit: 'connections' },
    },
  ])('$name', ({ observations, expected }) => {
    expect(combineObservations(observations)).toMatchObject(expected);
  });

  test('bytes by maximum, the window is the union, every name is listed', () => {
    const combined = combineObservations([
      obs({ observer: 'aws-vpc', countUnit: 'connections', bytes: 2871, firstSeen: '2026-03-12T09:29:00Z', lastSeen: '2026-03-12T09:35:00Z', observedBy: ['aws-vpc'] }),
      obs({ observer: 'envoy-json', bytes: 142, lastSeen: '2026-03-12T09:44:00.5Z', observedBy: ['envoy'] }),
      obs({ observer: 'edges-csv', observedBy: ['hubble', 'istio'] }),
    ]);
    expect(combined).toMatchObject({ bytes: 2871, firstSeen: '2026-03-12T09:29:00Z', lastSeen: '2026-03-12T09:44:00.5Z', observedBy: ['aws-vpc', 'envoy', 'hubble', 'istio'] });
  });
});

describe('mergeObservations', () => {
  test('the same observer in the same unit adds up; other units and observers stay apart', () => {
    const merged = mergeObservations(
      [obs({ observer: 'hubble', countUnit: 'connections', count: 2, bytes: 10 }), obs({ observer: 'envoy-json', count: 5 })],
      [obs({ observer: 'hubble', countUnit: 'connections', count: 3, bytes: 5, verdicts: { 'dropped:POLICY_DENIED': 3 } }), obs({ observer: 'hubble', countUnit: 'requests', count: 4 })],
    );
    expect(merged.map((o) => [o.observer, o.countUnit, o.count, o.bytes, o.verdicts])).toEqual([
      ['envoy-json', 'requests', 5, undefined, { forwarded: 5 }],
      ['hubble', 'requests', 4, undefined, { forwarded: 4 }],
      ['hubble', 'connections', 5, 15, { forwarded: 2, 'dropped:POLICY_DENIED': 3 }],
    ]);
  });

  test('an edge without observations stands for one observation by its first observer', () => {
    const e: ObservedEdge = { source: 'a/x', destination: 'b/y', port: 80, protocol: 'TCP', count: 4, countUnit: 'connections', firstSeen: '2026-03-12T09:30:00Z', lastSeen: '2026-03-12T09:31:00Z', verdicts: { forwarded: 4 }, observedBy: ['hubble', 'istio'] };
    expect(edgeObservations(e)).toEqual([{ observer: 'hubble', countUnit: 'connections', count: 4, firstSeen: e.firstSeen, lastSeen: e.lastSeen, verdicts: { forwarded: 4 }, observedBy: ['hubble', 'istio'] }]);
  });
});

describe('several boutique samples imported together (fixtures/boutique, README §2: views of the same demo)', () => {
  const sample = (rel: string) => path.join(BOUTIQUE_DIR, rel);
  const read = async (...rels: string[]) => (await readTrafficFiles(rels.map(sample), await boutiqueInventory(), { defaultTime: TEST_TIME })).edges;
  /** An answer-key edge's figures over all its routes, as the graph shows them (lib/graph collapse-observed.ts). */
  const pairFigures = (edges: readonly ObservedEdge[], id: string) => combineObservations(mergeObservations(...edgesBetween(edges, answerEdge(id)).map(edgeObservations)));

  test('Hubble and Istio count E14 checkout → payment once, in requests, seen by both', async () => {
    const hubble = await read('hubble/hubble-observe.jsonl');
    const istio = await read('istio/istio-proxy-access-default.jsonl');
    const both = await read('hubble/hubble-observe.jsonl', 'istio/istio-proxy-access-default.jsonl');
    expect(pairFigures(hubble, 'E14')).toMatchObject({ count: 1, countUnit: 'connections' });
    expect(pairFigures(istio, 'E14')).toMatchObject({ count: 1, countUnit: 'requests' });
    expect(pairFigures(both, 'E14')).toMatchObject({ count: 1, countUnit: 'requests', verdicts: { forwarded: 1 }, observedBy: ['envoy', 'hubble'] });
  });

  test('the same request log in JSON and TEXT is one view: the route counts once', async () => {
    const json = await read('istio/istio-proxy-access-default.jsonl');
    const both = await read('istio/istio-proxy-access-default.jsonl', 'istio/istio-proxy-access-default.log');
    expect(both.map((e) => [e.source, e.destination, e.method, e.pathTemplate, e.count, e.countUnit, e.verdicts])).toEqual(json.map((e) => [e.source, e.destination, e.method, e.pathTemplate, e.count, e.countUnit, e.verdicts]));
    expect(both.find((e) => e.source === 'boutique/checkoutservice' && e.destination === 'boutique/paymentservice')?.observations?.map((o) => o.observer)).toEqual(['envoy-json', 'envoy-text']);
  });

  test('two files of the same format are different traffic: their counts add', async () => {
    const once = await read('hubble/hubble-observe.jsonl');
    const twice = await read('hubble/hubble-observe.jsonl', 'hubble/hubble-observe.jsonl');
    expect(twice.map((e) => e.count)).toEqual(once.map((e) => 2 * e.count));
    expect(pairFigures(twice, 'E14')).toMatchObject({ count: 2, countUnit: 'connections', verdicts: { forwarded: 2 } });
  });

  test('units are never mixed: Linkerd metrics requests and Hubble connections on one route give the requests', async () => {
    const metrics = await read('linkerd/linkerd-proxy-metrics.prom');
    const both = await read('hubble/hubble-observe.jsonl', 'linkerd/linkerd-proxy-metrics.prom');
    const l4 = (edges: readonly ObservedEdge[]) => edgesBetween(edges, answerEdge('E14')).find((e) => e.method === undefined);
    expect(l4(metrics)).toMatchObject({ count: 1843, countUnit: 'requests' });
    expect(l4(both)).toMatchObject({ count: 1843, countUnit: 'requests', observedBy: ['hubble', 'linkerd'] });
    expect(l4(both)?.observations?.map((o) => [o.observer, o.countUnit, o.count])).toEqual([
      ['hubble', 'connections', 1],
      ['linkerd-metrics', 'requests', 1843],
    ]);
  });
});
