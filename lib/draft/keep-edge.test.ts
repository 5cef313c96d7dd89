import { describe, expect, test } from 'vitest';
import { generateDraft, inWindow, keepNotDenied, wasDenied } from './index';
import { clusterInventory, observedEdge } from './test-support/cluster';

describe('which observed edges are granted', () => {
  test.each([
    [{ forwarded: 10 }, false],
    [{ 'dropped:POLICY_DENIED': 3 }, true],
    [{ forwarded: 3, 'dropped:POLICY_DENIED': 3 }, true], // Hubble: source-side FORWARDED, then dropped at the destination
    [{ 'denied:403': 1 }, true],
    [{ rbac_denied: 2 }, true],
    [{ 'status:403': 1 }, true],
    [{ 'status:200': 5 }, false],
    [{ 'status:500': 5 }, false],
    [{ 'dropped:POLICY_DENIED': 0, forwarded: 1 }, false],
    [{ rejected: 1 }, true], // AWS VPC REJECT
    [{ 'denied:grpc-7': 1 }, true], // gRPC PermissionDenied behind HTTP 200
    [{ 'denied:filter_chain_not_found': 1 }, true], // plaintext client against STRICT mTLS
    [{ 'error:UF': 1 }, false], // upstream failure: the call was allowed
    [{ audit: 4 }, false], // Cilium audit mode: it flowed
  ])('verdicts %j: denied=%s', (verdicts, denied) => {
    const e = observedEdge('a/x', 'a/y', 80, { verdicts });
    expect(wasDenied(e)).toBe(denied);
    expect(keepNotDenied(e)).toBe(!denied);
  });

  test.each([
    [{ from: '2026-03-12T09:40:00Z' }, true],
    [{ from: '2026-03-12T09:46:00Z' }, false],
    [{ to: '2026-03-12T09:29:00Z' }, false],
    [{ from: '2026-03-12T09:31:00Z', to: '2026-03-12T09:32:00Z' }, true],
    [undefined, true],
  ])('window %j overlaps 09:30-09:45: %s', (window, expected) => {
    expect(inWindow(observedEdge('a/x', 'a/y', 80), window)).toBe(expected);
  });

  test('excluded edges are reported with their reason', () => {
    const inventory = clusterInventory([
      { namespace: 'a', name: 'x', ports: [{ port: 80 }] },
      { namespace: 'a', name: 'y', ports: [{ port: 80 }] },
      { namespace: 'b', name: 'z', ports: [{ port: 80 }] },
    ]);
    const edges = [
      observedEdge('a/x', 'a/y', 80),
      observedEdge('a/y', 'a/x', 80, { verdicts: { 'dropped:POLICY_DENIED': 1 } }),
      observedEdge('a/x', 'a/y', 81, { firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:01:00Z' }),
      observedEdge('unresolved:unknown-ip', 'a/y', 80),
      observedEdge('b/z', 'b/z', 80),
    ];
    const d = generateDraft({ inventory, edges, scope: { namespaces: ['a'] }, window: { from: '2026-03-01T00:00:00Z' } });
    expect(d.excluded.map((x) => x.reason)).toEqual(['filtered', 'outside-window', 'unresolved-endpoint', 'outside-scope']);
    expect(d.grants.map((g) => `${g.source}->${g.destination}:${g.port}`)).toEqual(['a/x->a/y:80']);
  });
});

describe('editing a draft: drop and grant', () => {
  const inventory = clusterInventory([
    { namespace: 'a', name: 'x', ports: [{ port: 80 }] },
    { namespace: 'a', name: 'y', ports: [{ port: 80 }] },
  ]);
  test('a dropped connection is not granted; a manual grant is, and says so', () => {
    const d = generateDraft({
      inventory,
      edges: [observedEdge('a/x', 'a/y', 80), observedEdge('a/y', 'a/x', 80)],
      scope: { namespaces: ['a'] },
      dropped: [{ source: 'a/y', destination: 'a/x', port: 80, protocol: 'TCP' }],
      granted: [{ source: 'a/x', destination: 'a/y', port: 81, protocol: 'TCP' }],
    });
    expect(d.excluded.map((x) => x.reason)).toEqual(['dropped']);
    expect(d.grants.map((g) => `${g.source}->${g.destination}:${g.port}${g.manual ? ' manual' : ''}`)).toEqual(['a/x->a/y:80', 'a/x->a/y:81 manual']);
    expect(d.yaml).toContain('# a/x -> a/y 81/TCP: granted by hand, not observed');
  });
});
