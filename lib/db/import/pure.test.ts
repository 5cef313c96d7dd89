import { describe, expect, test } from 'vitest';
import type { Pod } from '@/lib/model';
import type { ObservedEdge } from '@/lib/traffic';
import { foldByRowKey, mergeEdge } from './merge-edges';
import { mergeInventory } from './merge-inventory';
import { sniffContent, unreadableContent } from './sniff';

/** The importer's pure parts: sniffing, edge merging, inventory merging. */

const enc = (s: string) => new TextEncoder().encode(s);

describe('sniffContent', () => {
  test.each([
    { name: 'kubectl -o json List', text: '{\n    "apiVersion": "v1",\n    "items": [{"apiVersion": "v1", "kind": "Pod"}],\n    "kind": "List"\n}', expected: { kind: 'manifest' } },
    { name: 'multi-document YAML', text: '# policies\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n', expected: { kind: 'manifest' } },
    { name: 'edge list CSV', text: 'source,destination,port,protocol,count,first_seen,last_seen\n', expected: { kind: 'traffic', format: 'edges-csv' } },
    { name: 'Hubble flow', text: '{"flow":{"verdict":"FORWARDED"}}\n', expected: { kind: 'traffic', format: 'hubble' } },
    { name: 'whitespace only', text: ' \n\n', expected: { kind: 'empty' } },
    { name: 'prose', text: 'hello world\n', expected: { kind: 'unknown' } },
  ])('$name', ({ text, expected }) => {
    expect(sniffContent(enc(text))).toEqual(expected);
  });

  test.each([
    { name: 'a NUL byte', bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]) },
    { name: 'invalid UTF-8', bytes: new Uint8Array([0x68, 0x69, 0xff, 0xfe, 0x0a]) },
  ])('binary content ($name), even with a forced format', ({ bytes }) => {
    expect(sniffContent(bytes)).toEqual({ kind: 'binary' });
    expect(sniffContent(bytes, 'hubble')).toEqual({ kind: 'binary' });
  });

  test('a head cut in the middle of a UTF-8 character is still text', () => {
    expect(sniffContent(enc('source,destination,port,protocol,count\né').subarray(0, -1))).toEqual({ kind: 'traffic', format: 'edges-csv' });
  });

  test('a forced traffic format applies to what is not a manifest', () => {
    expect(sniffContent(enc('hello world\n'), 'nginx-json')).toEqual({ kind: 'traffic', format: 'nginx-json' });
    expect(sniffContent(enc('apiVersion: v1\nkind: Service\n'), 'nginx-json')).toEqual({ kind: 'manifest' });
  });
});

describe('unreadableContent', () => {
  // Shown on the import page, in the API and by the CLI: short, and naming no surface's controls (each adds its own hint).
  test.each(['empty', 'binary', 'unknown'] as const)('%s: one short sentence, no flag', (kind) => {
    const d = unreadableContent(kind, 'notes.txt');
    expect(d).toMatchObject({ severity: 'error', file: 'notes.txt' });
    expect(d.message.length).toBeLessThanOrEqual(120);
    expect(d.message).not.toMatch(/--|\?\w+=/);
  });
});

const edge = (o: Partial<ObservedEdge>): ObservedEdge => ({
  source: 'a/x',
  destination: 'b/y',
  port: 80,
  protocol: 'TCP',
  count: 1,
  countUnit: 'requests',
  firstSeen: '2026-03-12T09:40:00Z',
  lastSeen: '2026-03-12T09:41:00Z',
  verdicts: { forwarded: 1 },
  observedBy: ['istio'],
  ...o,
});

describe('mergeEdge', () => {
  test('another file of the same observer is other traffic: counts, bytes and verdicts add, the window widens', () => {
    const a = edge({ count: 3, bytes: 10, verdicts: { forwarded: 3 }, deniedBy: [{ kind: 'NetworkPolicy', namespace: 'b', name: 'p' }] });
    const b = edge({ count: 2, bytes: 4, firstSeen: '2026-03-12T09:30:00Z', lastSeen: '2026-03-12T09:35:00Z', verdicts: { forwarded: 1, 'denied:403': 1 }, deniedBy: [{ kind: 'NetworkPolicy', namespace: 'b', name: 'p' }, { kind: 'AuthorizationPolicy', namespace: 'b', name: 'q' }] });
    const merged = mergeEdge(a, b);
    expect(merged).toMatchObject({
      count: 5,
      bytes: 14,
      firstSeen: '2026-03-12T09:30:00Z',
      lastSeen: '2026-03-12T09:41:00Z',
      verdicts: { forwarded: 4, 'denied:403': 1 },
      observedBy: ['istio'],
      deniedBy: [{ kind: 'NetworkPolicy', namespace: 'b', name: 'p' }, { kind: 'AuthorizationPolicy', namespace: 'b', name: 'q' }],
    });
    expect(merged.observations).toHaveLength(1);
  });

  test('another observer saw the same traffic: figures combine by maximum, observers unite', () => {
    const a = edge({ count: 3, bytes: 10, verdicts: { forwarded: 3 } });
    const b = edge({ count: 2, bytes: 40, firstSeen: '2026-03-12T09:30:00Z', verdicts: { forwarded: 1, 'dropped:POLICY_DENIED': 1 }, observedBy: ['hubble'] });
    expect(mergeEdge(a, b)).toMatchObject({ count: 3, bytes: 40, firstSeen: '2026-03-12T09:30:00Z', verdicts: { forwarded: 3, 'dropped:POLICY_DENIED': 1 }, observedBy: ['hubble', 'istio'] });
    expect(mergeEdge(mergeEdge(a, b), b)).toMatchObject({ count: 4, verdicts: { forwarded: 3, 'dropped:POLICY_DENIED': 2 } });
  });

  test('units are never added: requests stay the headline over connections', () => {
    const merged = mergeEdge(edge({ count: 5 }), edge({ count: 40, countUnit: 'connections', observedBy: ['hubble'] }));
    expect([merged.count, merged.countUnit]).toEqual([5, 'requests']);
    expect(merged.observations?.map((o) => [o.observer, o.countUnit, o.count])).toEqual([
      ['hubble', 'connections', 40],
      ['istio', 'requests', 5],
    ]);
  });

  test('foldByRowKey keeps L7 routes apart and folds what the table keys alike', () => {
    const folded = foldByRowKey([edge({}), edge({ method: 'GET', pathTemplate: '/x' }), edge({ count: 4 })]);
    expect([...folded.values()].map((e) => [e.method ?? '', e.count])).toEqual([
      ['', 5],
      ['GET', 1],
    ]);
  });
});

describe('mergeInventory', () => {
  const pod = (name: string, synthetic: boolean): Pod => ({
    namespace: 'ns',
    name,
    labels: {},
    annotations: {},
    ips: [],
    hostNetwork: false,
    serviceAccount: 'default',
    ports: [],
    containers: [],
    workload: { kind: 'Deployment', namespace: 'ns', name: 'web' },
    synthetic,
  });
  const empty = { namespaces: [], workloads: [], pods: [], services: [], serviceAccounts: [], endpointSlices: [], nodes: [] };

  test('real pods from a later file replace the synthetic stand-in of their workload', () => {
    const merged = mergeInventory({ ...empty, pods: [pod('web-template', true)] }, { ...empty, pods: [pod('web-1', false)] });
    expect(merged.pods.map((p) => p.name)).toEqual(['web-1']);
  });

  test('an object imported again replaces the stored one', () => {
    const merged = mergeInventory({ ...empty, namespaces: [{ name: 'ns', labels: { a: '1' }, annotations: {} }] }, { ...empty, namespaces: [{ name: 'ns', labels: { a: '2' }, annotations: {} }] });
    expect(merged.namespaces).toEqual([{ name: 'ns', labels: { a: '2' }, annotations: {} }]);
  });
});
