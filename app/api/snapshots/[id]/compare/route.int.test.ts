import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '@/lib/db';
import { readDemoContent } from '@/lib/db/demo';
import { BOUTIQUE_DIR } from '@/lib/db/test-support/fixtures';
import { useTestDatabase } from '@/lib/db/test-support/use-test-database';
import { prometheusRuleSchema, type Comparison } from '@/lib/findings';
import { newCheckoutToRecommendation, E16 } from '@/lib/findings/testing/boutique-timeline';
import { GET } from './route';
import { GET as TIMELINE, PUT as MARK } from './baseline/route';
import { GET as FINDINGS } from '../findings/route';
import { GET as REPORT } from '../report/route';
import { GET as ALERTS } from '../alerts/route';

// eslint-disable-next-line react-hooks/rules-of-hooks -- a Vitest fixture (lib/db test-support), not a React hook
useTestDatabase();
let first: string;
let second: string;

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const url = (id: string, path: string) => new Request(`http://localhost/api/snapshots/${id}/${path}`);

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const a = await createSnapshot({ name: 'week 1', cluster: 'boutique-prod', environment: 'prod' });
  const b = await createSnapshot({ name: 'week 2', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(a.id, content);
  const isE16 = (e: { source: string; destination: string; port: number }) => e.source === E16.source && e.destination === E16.destination && e.port === E16.port;
  expect(content.edges.some(isE16)).toBe(true);
  await saveSnapshotContent(b.id, { ...content, edges: [...content.edges.filter((e) => !isE16(e)), newCheckoutToRecommendation] });
  first = a.id;
  second = b.id;
});

describe('baseline and compare routes', () => {
  test('without a baseline the comparison is a 400 that says so', async () => {
    const res = await GET(url(second, 'compare'), ctx(second));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/no baseline/);
  });

  test('mark week 1 as baseline; week 2 then lists exactly the new caller and the removed edge', async () => {
    expect((await MARK(url(first, 'compare/baseline'), ctx(first))).status).toBe(200);
    const timeline = (await (await TIMELINE(url(second, 'compare/baseline'), ctx(second))).json()) as { baseline: { id: string }; timeline: { name: string }[] };
    expect(timeline.baseline.id).toBe(first);
    expect(timeline.timeline.map((s) => s.name)).toEqual(['week 1', 'week 2']);

    const res = await GET(url(second, 'compare'), ctx(second));
    expect(res.status).toBe(200);
    const { comparison } = (await res.json()) as { comparison: Comparison };
    const pick = (e: { source: string; destination: string; port: number }) => `${e.source} -> ${e.destination}:${e.port}`;
    expect(comparison.newCallers.map(pick)).toEqual([pick(newCheckoutToRecommendation)]);
    expect(comparison.goneEdges.map(pick)).toEqual([pick(E16)]);
    expect(comparison.newUnauthorized).toEqual([]);
  });

  test('?baseline must be a snapshot id', async () => {
    expect((await GET(url(second, 'compare?baseline=week-1'), ctx(second))).status).toBe(400);
  });
});

describe('findings, report and alerts routes', () => {
  test('findings: API inventory and environments of the demo', async () => {
    const body = (await (await FINDINGS(url(second, 'findings'), ctx(second))).json()) as { apiInventory: { service: string }[]; environments: { namespace: string; environment: string }[] };
    expect(body.apiInventory.map((s) => s.service)).toContain('boutique/paymentservice');
    expect(body.environments.find((e) => e.namespace === 'boutique')?.environment).toBe('prod');
  });

  test('report: HTML with the new callers since the cluster baseline; download=1 is an attachment', async () => {
    const inline = await REPORT(url(second, 'report'), ctx(second));
    expect(inline.headers.get('content-type')).toMatch(/^text\/html/);
    expect(inline.headers.get('content-disposition')).toBeNull();
    const html = await inline.text();
    expect(html).toContain('New callers since week 1');
    expect(html).toMatch(/id="new-callers">[\s\S]*boutique\/checkoutservice[\s\S]*<\/section>/);
    const attachment = await REPORT(url(second, 'report?download=1'), ctx(second));
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="eastwest-report-week-2.html"');
  });

  test('alerts: a PrometheusRule', async () => {
    const res = await ALERTS(url(first, 'alerts?namespace=monitoring&release=prometheus'), ctx(first));
    const rule = prometheusRuleSchema.parse(parse(await res.text()));
    expect(rule.metadata).toMatchObject({ namespace: 'monitoring', labels: { release: 'prometheus' } });
  });
});
