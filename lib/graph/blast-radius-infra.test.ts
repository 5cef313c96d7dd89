import { beforeAll, describe, expect, test } from 'vitest';
import { computeBlastRadius, computeExposure, infraKindOfWorkload, prepareBlastRadius, rankRiskiestWorkloads, toAdjacency, type ReachEdge, type ReachedWorkload } from './index';
import { loadBoutique, readBoutiqueEdges } from './testing/boutique';

/**
 * Shared infrastructure (cluster DNS, mesh control plane, API server) is reached but not traversed unless the
 * caller asks to pivot through it: sending DNS queries to CoreDNS does not compromise CoreDNS.
 */
const edge = (source: string, destination: string, port: number, protocol: ReachEdge['protocol'] = 'TCP'): ReachEdge => ({ source, destination, port, protocol });

// web → api; every workload queries CoreDNS; CoreDNS (no policy in kube-system) can reach the database.
const DNS = 'kube-system/coredns';
const cluster: ReachEdge[] = [
  edge('app/web', 'app/api', 8080),
  edge('app/web', DNS, 53, 'UDP'),
  edge('app/api', DNS, 53, 'UDP'),
  edge(DNS, 'app/db', 5432),
  edge('app/api', 'istio-system/istiod', 15012),
];
const workloads = ['app/web', 'app/api', 'app/db', DNS, 'istio-system/istiod'];
const infra = new Map(workloads.flatMap((w) => (infraKindOfWorkload(w) ? [[w, infraKindOfWorkload(w)!] as const] : [])));
const rows = (reached: readonly ReachedWorkload[]) => reached.map((r) => `${r.workload}@${r.hops}${r.infra ? ` ${r.infra}` : ''}${r.notTraversed ? ' stop' : ''}`);

describe('infraKindOfWorkload', () => {
  test.each([
    { name: 'kube-system/coredns', expected: 'dns' },
    { name: 'kube-system/node-local-dns', expected: 'dns' },
    { name: 'istio-system/istiod', expected: 'mesh-control-plane' },
    { name: 'linkerd/linkerd-destination', expected: 'mesh-control-plane' },
    { name: 'default/kubernetes', expected: 'apiserver' },
    // An ingress gateway is an entry point, not something every pod must call.
    { name: 'istio-system/istio-ingressgateway', expected: null },
    { name: 'app/web', expected: null },
  ])('$name is $expected', ({ name, expected }) => expect(infraKindOfWorkload(name)).toBe(expected));
});

describe('blast radius and exposure stop at infrastructure unless asked to pivot', () => {
  test.each([
    { case: 'blast: CoreDNS reached, not walked on from', direction: 'blast', start: ['app/web'], pivot: false, expected: ['app/api@1', `${DNS}@1 dns stop`, 'istio-system/istiod@2 mesh-control-plane stop'] },
    { case: 'blast with pivot: through CoreDNS to the database', direction: 'blast', start: ['app/web'], pivot: true, expected: ['app/api@1', `${DNS}@1 dns`, 'app/db@2', 'istio-system/istiod@2 mesh-control-plane'] },
    { case: 'blast from CoreDNS itself: a compromised start is always walked from', direction: 'blast', start: [DNS], pivot: false, expected: ['app/db@1'] },
    { case: 'exposure: CoreDNS can reach db, who reaches CoreDNS is another threat', direction: 'exposure', start: ['app/db'], pivot: false, expected: [`${DNS}@1 dns stop`] },
    { case: 'exposure with pivot: every DNS client reaches db', direction: 'exposure', start: ['app/db'], pivot: true, expected: [`${DNS}@1 dns`, 'app/api@2', 'app/web@2'] },
  ] as const)('$case', ({ direction, start, pivot, expected }) => {
    const options = { infra, pivotThroughInfra: pivot };
    const result = direction === 'blast' ? computeBlastRadius(toAdjacency(cluster), start, options) : computeExposure(toAdjacency(cluster, 'reverse'), start, options);
    expect(rows(result.reached)).toEqual(expected);
  });

  test.each([
    { pivot: false, expected: [['app/web', 3], ['app/api', 2], [DNS, 1], ['app/db', 0], ['istio-system/istiod', 0]] },
    { pivot: true, expected: [['app/web', 4], ['app/api', 3], [DNS, 1], ['app/db', 0], ['istio-system/istiod', 0]] },
  ])('the riskiest ranking follows the same rule (pivot $pivot)', ({ pivot, expected }) => {
    const ranked = rankRiskiestWorkloads(toAdjacency(cluster), workloads, { infra, pivotThroughInfra: pivot });
    expect(ranked.map((r) => [r.workload, r.reachable])).toEqual(expected);
  });
});

/**
 * The Online Boutique under its least-privilege draft (fixtures/draft/boutique-networkpolicy.yaml, the golden
 * NetworkPolicy draft of the boutique namespace). kube-system has no policy, so CoreDNS can reach everything:
 * walking through it made every workload reach 13-14 of 15 whatever the draft said.
 */
describe('Online Boutique under the least-privilege draft', () => {
  let prepared: ReturnType<typeof prepareBlastRadius>;
  beforeAll(async () => {
    const { inventory, evaluator } = await loadBoutique(['../draft/boutique-networkpolicy.yaml']);
    prepared = prepareBlastRadius({ inventory, evaluator, edges: readBoutiqueEdges() });
  });

  test.each([
    { start: 'boutique/frontend', pivot: false, reached: 11 },
    { start: 'boutique/frontend', pivot: true, reached: 13 },
    { start: 'boutique/loadgenerator', pivot: false, reached: 12 },
    { start: 'boutique/loadgenerator', pivot: true, reached: 14 },
  ])('$start reaches $reached (pivot $pivot)', ({ start, pivot, reached }) => {
    const report = prepared.query({ direction: 'blast', start: [start], pivotThroughInfra: pivot });
    expect(report.reached).toHaveLength(reached);
    expect(report.pivotThroughInfra).toBe(pivot);
    const dns = report.reached.find((r) => r.workload === DNS);
    expect(dns).toMatchObject({ hops: 1, infra: 'dns' });
    expect(dns?.notTraversed).toBe(pivot ? undefined : true);
    // Only through CoreDNS: the draft grants boutique no egress to istio-system.
    expect(report.reached.some((r) => r.workload === 'istio-system/istio-ingressgateway')).toBe(pivot);
  });

  test('unused grants out of CoreDNS are not on the attacker\'s way when it is not traversed', () => {
    const fromDns = (pivot: boolean) => prepared.query({ direction: 'blast', start: ['boutique/frontend'], pivotThroughInfra: pivot }).grantedButUnused.filter((e) => e.source === DNS);
    expect(fromDns(false)).toEqual([]);
    expect(fromDns(true).length).toBeGreaterThan(0);
  });

  test.each([false, true])('riskiest agrees with each workload\'s own blast radius (pivot %s)', (pivot) => {
    for (const r of prepared.riskiest({ limit: prepared.workloads.length, pivotThroughInfra: pivot })) {
      expect(r.reachable, r.workload).toBe(prepared.query({ direction: 'blast', start: [r.workload], pivotThroughInfra: pivot }).reached.length);
    }
  });

  test('exposure of paymentservice: who reaches it, not every DNS client by way of CoreDNS', () => {
    const exposure = (pivot: boolean) => prepared.query({ direction: 'exposure', start: ['boutique/paymentservice'], pivotThroughInfra: pivot }).reached;
    // istio-system is not isolated: istiod and CoreDNS reach the ingress gateway, which reaches frontend.
    expect(rows(exposure(false))).toEqual([
      'boutique/checkoutservice@1',
      'boutique/frontend@2',
      'boutique/loadgenerator@3',
      'istio-system/istio-ingressgateway@3',
      'istio-system/istiod@4 mesh-control-plane stop',
      `${DNS}@4 dns stop`,
      'tools/netshoot-debug@4',
    ]);
    expect(exposure(true)).toHaveLength(15);
  });
});
