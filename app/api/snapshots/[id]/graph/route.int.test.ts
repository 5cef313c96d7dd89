import { createReadStream } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, getPrisma, getSnapshot, importFiles, loadDefaultGraphView, loadGraphClassification, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import { policySourceKey, type GraphRulesJson } from '@/lib/api/graph-rules';
import type { ClassifiedEdge, GraphView } from '@/lib/graph';
import { formatRuleRef, type SelectingPolicy } from '@/lib/model/verdict';
import { importTraffic } from '@/lib/traffic';
import { GET } from './route';
import { GET as EDGE } from './edge/route';
import { GET as NODE } from './node/route';
import { GET as RULES } from './rules/route';

// eslint-disable-next-line react-hooks/rules-of-hooks -- a Vitest fixture (lib/db test-support), not a React hook
useTestDatabase();
let snapshotId: string;

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const hubble = path.join(BOUTIQUE_DIR, 'hubble/hubble-observe.jsonl');
  const traffic = await importTraffic(createReadStream(hubble), { fileName: hubble, inventory: content.inventory });
  const s = await createSnapshot({ name: 'graph api', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(s.id, { ...content, edges: traffic.edges, unresolved: [] });
  snapshotId = s.id;
});

async function get(query: string, id = snapshotId) {
  const res = await GET(new Request(`http://localhost/api/snapshots/${id}/graph${query}`), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as GraphView & { error?: string } };
}

describe('GET /api/snapshots/:id/graph', () => {
  test('the whole classified graph, with legend counts', async () => {
    const { status, body } = await get('');
    expect(status).toBe(200);
    const edge = body.edges.find((e) => e.source === 'boutique/frontend' && e.destination === 'boutique/paymentservice');
    expect(edge).toMatchObject({ class: 'unauthorized', state: 'denied', port: 50051 });
    expect(body.summary.unused).toBeGreaterThanOrEqual(2);
    expect(body.summary.danglingRules).toBeGreaterThan(0);
  });

  // What the canvas draws, the legend's counts and the window; the rule lists are at graph/rules.
  const VIEW_KEYS = ['collapsed', 'edges', 'nodes', 'notes', 'summary', 'summaryEdges', 'trafficRange', 'visible', 'window'];
  test.each(['', '?hideInfra=1', '?collapseAbove=1&class=unused'])('%s: a view without the rule lists or the diagnostics', async (query) => {
    const { body } = await get(query);
    expect(Object.keys(body).sort()).toEqual(VIEW_KEYS);
  });

  test('filters: observed-but-unauthorized without infrastructure', async () => {
    const { status, body } = await get('?class=unauthorized&hideInfra=1');
    expect(status).toBe(200);
    expect(body.edges.map((e) => `${e.source}->${e.destination}`).sort()).toEqual(['boutique/frontend->boutique/paymentservice', 'boutique/frontend->boutique/redis-cart', 'tools/netshoot-debug->boutique/cartservice']);
    expect(body.visible.edges).toBe(3);
  });

  test('namespaces collapse above the threshold unless expanded', async () => {
    const { body } = await get('?collapseAbove=1&expand=tools');
    expect(body.collapsed.map((c) => c.namespace)).toContain('boutique');
    expect(body.nodes.some((n) => n.namespace === 'boutique')).toBe(false);
    expect(body.summaryEdges.some((s) => s.source === 'tools/netshoot-debug' && s.destination === 'ns:boutique' && s.counts.denied === 1)).toBe(true);
    // Summary edges carry neither their id nor their total (derived on the client), nor zero counts.
    for (const s of body.summaryEdges) {
      expect(Object.keys(s).sort()).toEqual(['counts', 'destination', 'source']);
      expect(Object.values(s.counts).every((n) => n > 0)).toBe(true);
    }
  });

  test.each([
    { query: '?class=bogus', status: 400 },
    { query: '?from=yesterday', status: 400 },
    { query: '?from=2026-03-12T10:00:00Z&to=2026-03-12T09:00:00Z', status: 400 },
  ])('$query -> $status', async ({ query, status }) => {
    expect((await get(query)).status).toBe(status);
  });

  test('unknown snapshot -> 404', async () => {
    expect((await get('', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});

describe('the stored classification', () => {
  test('the first request stores the default window; the graph carries no explanations', async () => {
    const { content } = await readDemoContent(BOUTIQUE_DIR);
    const s = await createSnapshot({ name: 'graph api stored', cluster: 'boutique-prod', environment: 'prod' });
    await saveSnapshotContent(s.id, content);
    expect(await getPrisma().graphClassification.count({ where: { snapshotId: s.id } })).toBe(0);
    const { body } = await get('', s.id);
    const stored = await loadGraphClassification(s.id, (await getSnapshot(s.id)).updatedAt);
    expect(stored?.graph.summary).toEqual(body.summary);
    expect(body.edges.every((e) => !('explanation' in e) && e.summary.length > 0)).toBe(true);
  });

  test('a stale stored classification (older snapshot version) is not served', async () => {
    expect(await loadGraphClassification(snapshotId, new Date(0))).toBeNull();
  });

  test('an import stores the classification of the new content', async () => {
    const s = await createSnapshot({ name: 'graph api import', cluster: 'boutique-prod', environment: 'prod' });
    const files = ['kubernetes/cluster-state.json', 'policies/networkpolicy.yaml', 'hubble/hubble-observe.jsonl'].map((rel) => ({ fileName: rel, content: () => createReadStream(path.join(BOUTIQUE_DIR, rel)) }));
    const results = await importFiles(s.id, files);
    expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const stored = await loadGraphClassification(s.id, (await getSnapshot(s.id)).updatedAt);
    expect(stored?.graph.edges.find((e) => e.id === 'boutique/frontend|boutique/paymentservice|50051|TCP')).toMatchObject({ class: 'unauthorized', state: 'denied' });

    // The page's first request is answered from the stored default view, without classifying or parsing the graph.
    const defaultView = JSON.parse((await loadDefaultGraphView(s.id, (await getSnapshot(s.id)).updatedAt))!) as GraphView;
    expect(defaultView.summary).toEqual(stored?.graph.summary);
    expect(stored?.graph.unusedRules.length).toBeGreaterThan(0);
    expect(Object.keys(defaultView)).not.toContain('unusedRules');
    expect(defaultView.edges.length).toBe(stored?.graph.edges.length);
    await getPrisma().graphClassification.update({ where: { snapshotId: s.id }, data: { defaultView: new Uint8Array(gzipSync('{"marker":true}')) } });
    expect((await get('', s.id)).body).toEqual({ marker: true });
    // Any query reads the stored graph itself.
    expect((await get('?hideInfra=1', s.id)).body.summary).toEqual(stored?.graph.summary);
  });
});

async function getDetail(kind: 'edge' | 'node', query: string, id = snapshotId) {
  const route = kind === 'edge' ? EDGE : NODE;
  const res = await route(new Request(`http://localhost/api/snapshots/${id}/graph/${kind}?${query}`), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as { edge?: ClassifiedEdge; policies?: SelectingPolicy[] } };
}

describe('GET /api/snapshots/:id/graph/edge and /node', () => {
  test('every edge of the graph explains as the full classification does', async () => {
    const { body: graph } = await get('');
    for (const e of graph.edges) {
      const { status, body } = await getDetail('edge', new URLSearchParams({ id: e.id }).toString());
      expect(status).toBe(200);
      expect(body.edge).toMatchObject({ ...e, explanation: { summary: e.summary } });
    }
    const { body } = await getDetail('edge', new URLSearchParams({ id: 'boutique/frontend|boutique/paymentservice|50051|TCP' }).toString());
    expect(body.edge?.explanation.layers.map((l) => [l.layer, l.outcome])).toEqual([['network', 'denied'], ['istio', 'denied']]);
  });

  test('in a window, the edge is explained as that window classifies it', async () => {
    const window = 'from=2026-03-12T09:41:00Z&to=2026-03-12T09:41:45Z';
    const { body: graph } = await get(`?${window}`);
    const e = graph.edges[0]!;
    const { body } = await getDetail('edge', `${new URLSearchParams({ id: e.id }).toString()}&${window}`);
    expect(body.edge).toMatchObject({ id: e.id, class: e.class, summary: e.summary });
  });

  test('the policies selecting a workload, read from the policies: deny-all decides none of its edges', async () => {
    const { status, body } = await getDetail('node', new URLSearchParams({ id: 'boutique/paymentservice' }).toString());
    expect(status).toBe(200);
    const both = ['ingress', 'egress'];
    expect(body.policies?.filter((p) => p.layer === 'network')).toEqual([
      { layer: 'network', ref: { kind: 'NetworkPolicy', namespace: 'boutique', name: 'deny-all' }, directions: both, isolates: both },
      { layer: 'network', ref: { kind: 'NetworkPolicy', namespace: 'boutique', name: 'paymentservice' }, directions: both, isolates: both },
    ]);
    // The demo also loads the Istio policies: the namespace-wide allow-nothing and the mesh-wide PeerAuthentication.
    expect(body.policies?.filter((p) => p.layer === 'istio').map((p) => formatRuleRef(p.ref))).toEqual(
      expect.arrayContaining(['AuthorizationPolicy/boutique/allow-nothing', 'AuthorizationPolicy/boutique/paymentservice', 'PeerAuthentication/istio-system/default']),
    );
  });

  test('the same policies in any window; a peer without pods is selected by nothing', async () => {
    const window = 'from=2026-03-12T09:41:00Z&to=2026-03-12T09:41:45Z';
    const { body: windowGraph } = await get(`?${window}`);
    const workload = windowGraph.nodes.find((n) => n.kind === 'workload' && n.namespace === 'boutique');
    expect(workload, 'the window has a boutique workload').toBeDefined();
    const id = new URLSearchParams({ id: workload!.id }).toString();
    const [whole, windowed] = [await getDetail('node', id), await getDetail('node', `${id}&${window}`)];
    expect(windowed).toEqual(whole);
    expect(whole.body.policies?.map((p) => formatRuleRef(p.ref))).toContain('NetworkPolicy/boutique/deny-all');
    const { body: graph } = await get('');
    const peer = graph.nodes.find((n) => n.kind === 'external' || n.kind === 'node');
    expect(peer, 'the demo graph has a peer outside the workloads').toBeDefined();
    expect((await getDetail('node', new URLSearchParams({ id: peer!.id }).toString())).body.policies).toEqual([]);
  });

  test.each([
    { kind: 'edge' as const, query: 'id=boutique/frontend|boutique/nothing|1|TCP', status: 404 },
    { kind: 'edge' as const, query: 'id=not-an-edge', status: 404 },
    { kind: 'edge' as const, query: '', status: 400 },
    { kind: 'node' as const, query: 'id=boutique/nothing', status: 404 },
  ])('$kind ?$query -> $status', async ({ kind, query, status }) => {
    expect((await getDetail(kind, query)).status).toBe(status);
  });
});

type RulesJson = GraphRulesJson & { error?: string };

async function getRules(query: string, id = snapshotId) {
  const res = await RULES(new Request(`http://localhost/api/snapshots/${id}/graph/rules${query}`), { params: Promise.resolve({ id }) });
  return { status: res.status, body: (await res.json()) as RulesJson };
}

describe('GET /api/snapshots/:id/graph/rules', () => {
  test('the unused (dangling first) and wildcard rules the view only counts, and the diagnostics', async () => {
    const [{ status, body }, { body: view }] = await Promise.all([getRules(''), get('')]);
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['diagnostics', 'policySources', 'unusedRules', 'wildcardRules']);
    const dangling = body.unusedRules.filter((r) => r.dangling);
    expect(dangling.map((r) => r.ref)).toContain('NetworkPolicy/boutique/paymentservice#ingress[0].from[1]');
    expect(body.unusedRules.slice(0, dangling.length)).toEqual(dangling);
    expect({ unusedRules: body.unusedRules.length - dangling.length, danglingRules: dangling.length, wildcardRules: body.wildcardRules.length }).toEqual({
      unusedRules: view.summary.unusedRules,
      danglingRules: view.summary.danglingRules,
      wildcardRules: view.summary.wildcardRules,
    });
    expect(body.wildcardRules.length).toBeGreaterThan(0);
    expect(Array.isArray(body.diagnostics)).toBe(true);
    // Each listed rule's policy with the file and line it was read from (the demo's policies/networkpolicy.yaml).
    for (const r of [...body.unusedRules, ...body.wildcardRules]) expect(body.policySources[policySourceKey(r.rule)], r.ref).toBeDefined();
    expect(body.policySources['NetworkPolicy/boutique/paymentservice']).toEqual({ file: expect.stringMatching(/networkpolicy\.yaml$/), line: expect.any(Number) });
  });

  test('in a window, the rules as that window classifies them: in a window without traffic, every used rule is unused', async () => {
    const window = 'from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z';
    const [whole, windowed, { body: view }] = await Promise.all([getRules(''), getRules(`?${window}`), get(`?${window}`)]);
    expect(windowed.status).toBe(200);
    expect(windowed.body.unusedRules.length).toBe(view.summary.unusedRules + view.summary.danglingRules);
    const newlyUnused = windowed.body.unusedRules.filter((r) => !whole.body.unusedRules.some((w) => w.ref === r.ref));
    expect(newlyUnused.length).toBeGreaterThan(0);
    expect(newlyUnused.every((r) => r.lastMatched !== null && r.reason.includes('last matched'))).toBe(true);
    expect(windowed.body.wildcardRules.every((r) => r.usedBy === 0)).toBe(true);
  });

  test.each([
    { query: '?from=yesterday', status: 400 },
    { query: '?from=2026-03-12T10:00:00Z&to=2026-03-12T09:00:00Z', status: 400 },
  ])('$query -> $status', async ({ query, status }) => {
    const { status: got, body } = await getRules(query);
    expect(got).toBe(status);
    expect(body.error).toBeDefined();
  });

  test.each([
    { id: '00000000-0000-4000-8000-000000000000', status: 404 },
    { id: 'not-a-uuid', status: 400 },
  ])('snapshot $id -> $status', async ({ id, status }) => {
    expect((await getRules('', id)).status).toBe(status);
  });
});
