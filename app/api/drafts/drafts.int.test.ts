import { beforeAll, describe, expect, test } from 'vitest';
import type { DraftDetailJson, DraftJson, EdgeDecisionJson, SemanticDiffJson, WhatIfJson } from '@/lib/api/drafts';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import { GET as listDrafts, POST as createDraft } from '../snapshots/[id]/drafts/route';
import { DELETE as deleteDraft, GET as getDraft, PATCH as patchDraft } from './[draftId]/route';
import { GET as getDiff } from './[draftId]/diff/route';
import { GET as getExport } from './[draftId]/export/route';
import { GET as getWhatIf } from './[draftId]/what-if/route';

// eslint-disable-next-line react-hooks/rules-of-hooks -- a Vitest fixture (lib/db test-support), not a React hook
useTestDatabase();
let snapshotId: string;

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const s = await createSnapshot({ name: 'drafts api', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(s.id, content);
  snapshotId = s.id;
});

const url = (path: string) => new Request(`http://localhost${path}`);
const json = (method: string, path: string, body: unknown) => new Request(`http://localhost${path}`, { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
const draftCtx = (draftId: string) => ({ params: Promise.resolve({ draftId }) });
const snapshotCtx = (id: string) => ({ params: Promise.resolve({ id }) });

/** An observed, legitimate connection of the demo (answer key E-edges) that the current NetworkPolicies allow. */
const frontendToCart: EdgeDecisionJson = { decision: 'drop', source: 'boutique/frontend', destination: 'boutique/cartservice', port: 7070, protocol: 'TCP' };
const pair = (e: { source: string; destination: string; port: number }) => `${e.source}->${e.destination}:${e.port}`;

async function create(body: unknown, id = snapshotId) {
  const res = await createDraft(json('POST', `/api/snapshots/${id}/drafts`, body), snapshotCtx(id));
  return { status: res.status, body: (await res.json()) as DraftDetailJson & { error?: { code: string } } };
}

describe('draft routes', () => {
  let draftId: string;

  test('POST generates a namespace draft and GET lists it', async () => {
    const { status, body } = await create({ scope: { kind: 'namespace', namespaces: ['boutique'] } });
    expect(status).toBe(201);
    draftId = body.draft.id;
    expect(body.draft).toMatchObject({ name: 'boutique', kinds: ['networkpolicy'], decisions: [] });
    expect(body.generated.yaml).toContain('name: eastwest-default-deny');
    expect(body.generated.grants.map(pair)).toContain(pair(frontendToCart));
    // Blocked attempts are not legitimate traffic: excluded, never granted.
    expect(body.generated.excluded.filter((x) => x.reason === 'filtered').map((x) => pair(x.edge))).toContain('boutique/frontend->boutique/paymentservice:50051');
    const list = (await (await listDrafts(url(`/api/snapshots/${snapshotId}/drafts`), snapshotCtx(snapshotId))).json()) as { drafts: DraftJson[] };
    expect(list.drafts.map((d) => d.id)).toEqual([draftId]);
  });

  test('PATCH drops an edge: it leaves the grants and the YAML is regenerated', async () => {
    const res = await patchDraft(json('PATCH', `/api/drafts/${draftId}`, { decisions: [frontendToCart], kinds: ['networkpolicy', 'istio'] }), draftCtx(draftId));
    expect(res.status).toBe(200);
    const body = (await res.json()) as DraftDetailJson;
    expect(body.draft.decisions).toEqual([frontendToCart]);
    expect(body.generated.grants.map(pair)).not.toContain(pair(frontendToCart));
    expect(body.generated.excluded.find((x) => x.reason === 'dropped')?.edge).toMatchObject({ source: frontendToCart.source, destination: frontendToCart.destination, port: 7070 });
    expect(body.generated.yaml).toContain('kind: AuthorizationPolicy');
    const again = (await (await getDraft(url(`/api/drafts/${draftId}`), draftCtx(draftId))).json()) as DraftDetailJson;
    expect(again.generated.yaml).toBe(body.generated.yaml);
  });

  test.each([
    // NetworkPolicies are additive: with today's policies still in force, dropping the edge from the draft breaks nothing.
    { mode: 'add', breaks: [] as string[] },
    { mode: 'replace', breaks: [pair(frontendToCart)] },
  ])('what-if $mode: would break $breaks', async ({ mode, breaks }) => {
    const body = (await (await getWhatIf(url(`/api/drafts/${draftId}/what-if?mode=${mode}`), draftCtx(draftId))).json()) as WhatIfJson;
    expect(body.wouldBreak.map(pair)).toEqual(breaks);
    expect(body.blocked.map(pair)).toEqual(expect.arrayContaining(['boutique/frontend->boutique/paymentservice:50051', 'tools/netshoot-debug->boutique/cartservice:7070']));
    expect(body.riskiest.length).toBeGreaterThan(0);
    for (const r of body.riskiest) expect(r.after).toBeGreaterThanOrEqual(0);
  });

  test('what-if replace: the least-privilege draft shrinks blast radius, unless infrastructure is pivoted through', async () => {
    const { body: created } = await create({ scope: { kind: 'namespace', namespaces: ['boutique'] } });
    const id = created.draft.id;
    const whatIf = async (query: string) => (await (await getWhatIf(url(`/api/drafts/${id}/what-if?mode=replace&limit=16${query}`), draftCtx(id))).json()) as WhatIfJson;
    const change = (body: WhatIfJson) => Object.fromEntries(body.riskiest.map((r) => [r.workload, `${r.before}->${r.after}`]));
    const stop = await whatIf('');
    expect(stop.pivotThroughInfra).toBe(false);
    // Today boutique egress is open (frontend reaches istiod and the gateway itself); the draft leaves DNS only,
    // and CoreDNS is reached but not walked on from.
    expect(change(stop)).toMatchObject({ 'boutique/frontend': '13->11', 'boutique/loadgenerator': '14->12', 'boutique/adservice': '13->1' });
    // Walking through CoreDNS (kube-system has no policy) it reaches as much as before: the 14 -> 14 reviewers saw.
    const pivot = await whatIf('&pivotThroughInfra=1');
    expect(pivot.pivotThroughInfra).toBe(true);
    expect(change(pivot)).toMatchObject({ 'boutique/frontend': '13->13', 'boutique/loadgenerator': '14->14' });
    expect((await deleteDraft(url(`/api/drafts/${id}`), draftCtx(id))).status).toBe(204);
  });

  test('semantic diff (replace) loses the dropped connection, gains nothing', async () => {
    const body = (await (await getDiff(url(`/api/drafts/${draftId}/diff?mode=replace`), draftCtx(draftId))).json()) as SemanticDiffJson;
    expect(body.lost.map(pair)).toContain(pair(frontendToCart));
    expect(body.gained).toEqual([]);
    expect(body.compared).toBeGreaterThan(0);
  });

  test.each([
    { format: 'yaml', type: 'application/yaml; charset=utf-8', file: 'eastwest-draft-boutique.yaml', contains: 'kind: NetworkPolicy' },
    // A zip starts with a local file header (PK\x03\x04) and stores entry names in clear.
    { format: 'zip', type: 'application/zip', file: 'eastwest-draft-boutique.zip', contains: 'kustomization.yaml' },
  ])('export $format is a download', async ({ format, type, file, contains }) => {
    const res = await getExport(url(`/api/drafts/${draftId}/export?format=${format}`), draftCtx(draftId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(contains);
    if (format === 'zip') expect([...bytes.slice(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    else expect(text).toBe(((await (await getDraft(url(`/api/drafts/${draftId}`), draftCtx(draftId))).json()) as DraftDetailJson).generated.yaml);
  });

  test.each([
    { why: 'empty namespace list', body: { scope: { kind: 'namespace', namespaces: [] } }, status: 400 },
    { why: 'unknown scope kind', body: { scope: { kind: 'cluster' } }, status: 400 },
    { why: 'unknown output kind', body: { scope: { kind: 'snapshot' }, kinds: ['calico'] }, status: 400 },
    { why: 'window from after to', body: { scope: { kind: 'snapshot', from: '2026-03-12T10:00:00Z', to: '2026-03-12T09:00:00Z' } }, status: 400 },
  ])('POST with $why -> $status', async ({ body, status }) => {
    expect((await create(body)).status).toBe(status);
  });

  test('POST to an unknown snapshot -> 404', async () => {
    expect((await create({ scope: { kind: 'snapshot' } }, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  test('DELETE removes the draft; later reads are 404', async () => {
    expect((await deleteDraft(url(`/api/drafts/${draftId}`), draftCtx(draftId))).status).toBe(204);
    expect((await getDraft(url(`/api/drafts/${draftId}`), draftCtx(draftId))).status).toBe(404);
    expect((await getWhatIf(url(`/api/drafts/${draftId}/what-if`), draftCtx(draftId))).status).toBe(404);
  });
});
