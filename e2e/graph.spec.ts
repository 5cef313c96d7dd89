import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasElements, clickOnCanvas, demoSnapshotId, explainedEdgeFromApi, findEdge, graphFromApi, nodePoliciesFromApi, waitForGraph } from './support/graph-page';
import type { GraphView } from '@/lib/graph/model';
import { formatRuleRef } from '@/lib/model/verdict';

const shot = (name: string) => path.join(test.info().project.outputDir, 'screenshots', name);

/** The value a `datetime-local` field holds for a UTC instant: HTML's normalized form drops zero seconds. */
const fieldValue = (iso: string) => iso.slice(0, 19).replace(/:00$/, '');

/** The legend shows the API's counts for the graph it was given. */
async function expectLegend(page: import('@playwright/test').Page, api: GraphView): Promise<void> {
  for (const cls of ['allowed', 'unauthorized', 'unused'] as const) await expect(page.getByTestId(`legend-class-${cls}`)).toHaveAttribute('data-count', String(api.summary[cls]));
  await expect(page.getByTestId('legend-denied')).toHaveAttribute('data-count', String(api.summary.denied));
  await expect(page.getByTestId('legend-unprotected')).toHaveAttribute('data-count', String(api.summary.unprotected));
}

test('the graph explorer: legend counts, unauthorized filter, edge explanation, reload, table and CSV', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const api = await graphFromApi(request, snapshot);
  const payment = findEdge(api, 'boutique/frontend', 'boutique/paymentservice');
  expect(payment.class, 'the demo classifies frontend -> paymentservice as observed but unauthorized').toBe('unauthorized');
  const unauthorized = api.edges.filter((e) => e.class === 'unauthorized');
  // The graph carries class, summary and rules; the panel fetches the per-layer explanation on demand.
  const { explanation } = await explainedEdgeFromApi(request, snapshot, payment.id);
  expect(explanation.summary).toBe(payment.summary);

  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);

  // The legend shows the three classes with the API's counts for the whole snapshot.
  for (const cls of ['allowed', 'unauthorized', 'unused'] as const) {
    const group = page.getByTestId(`legend-class-${cls}`);
    await expect(group).toHaveAttribute('data-count', String(api.summary[cls]));
    await expect(group).toContainText(String(api.summary[cls]));
    expect(api.summary[cls], `the demo has ${cls} edges`).toBeGreaterThan(0);
  }
  expect(api.summary.allowed + api.summary.unauthorized + api.summary.unused).toBe(api.edges.length);
  await expect(page.getByTestId('legend-denied')).toHaveAttribute('data-count', String(api.summary.denied));
  await expect(page.getByTestId('legend-unprotected')).toHaveAttribute('data-count', String(api.summary.unprotected));
  expect((await canvasElements(page)).edges.filter((e) => e.kind !== 'path')).toHaveLength(api.edges.length);
  await page.screenshot({ path: shot('graph.png') });

  // Filter to observed-but-unauthorized (both sub-states): only those edges stay on the canvas.
  await page.getByTestId('legend-denied').click();
  await page.getByTestId('legend-unprotected').click();
  await expect(page).toHaveURL(/show=denied%2Cunprotected/);
  await expect.poll(async () => (await canvasElements(page)).edges.map((e) => e.id).sort()).toEqual(unauthorized.map((e) => e.id).sort());

  // Click frontend -> paymentservice on the canvas and read its explanation.
  await clickOnCanvas(page, payment.id);
  await expect(page).toHaveURL(new RegExp(`edge=${encodeURIComponent(payment.id).replace(/[|]/g, '\\|')}`));
  const details = page.getByTestId('edge-details');
  await expect(details).toContainText('boutique/frontend → boutique/paymentservice');
  await expect(details.getByTestId('edge-summary')).toHaveText(explanation.summary);
  await expect(details.getByTestId('edge-verdict')).toHaveText(explanation.verdict);
  for (const layer of explanation.layers) await expect(details.getByTestId(`layer-${layer.layer}`)).toContainText(layer.outcome);
  await expect(details.getByTestId('edge-class')).toContainText(payment.state === 'denied' ? 'denied' : 'unprotected');
  await expect(details.getByTestId('edge-draft-link')).toHaveAttribute('href', `/drafts?${new URLSearchParams({ snapshot, grant: payment.id }).toString()}`);

  // The deciding rule's YAML excerpt, cut from the policy's original text.
  const firstRule = explanation.layers[0]!.rules[0]!;
  const ruleYaml = details.getByTestId('rule-yaml').first();
  await ruleYaml.locator('summary').click();
  await expect(ruleYaml.locator('pre')).toBeVisible();
  await expect(ruleYaml).toContainText(/\.ya?ml:\d+/);
  if (!firstRule.path) await expect(ruleYaml.locator('pre')).toContainText(`name: ${firstRule.name}`);
  await page.screenshot({ path: shot('graph-unauthorized-edge.png') });

  // Reload: the same filter, selection and details come back from the URL.
  const url = page.url();
  await page.reload();
  await waitForGraph(page);
  expect(page.url()).toBe(url);
  await expect(page.getByTestId('edge-details').getByTestId('edge-verdict')).toHaveText(explanation.verdict);
  await expect(page.getByTestId('legend-denied')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await canvasElements(page)).edges.map((e) => e.id).sort()).toEqual(unauthorized.map((e) => e.id).sort());
  expect((await canvasElements(page)).edges.find((e) => e.id === payment.id)?.classes).toContain('selected-el');

  // The table shows the same edges; sorting is in the URL; CSV export downloads the visible rows.
  await page.getByRole('tab', { name: 'Table' }).click();
  await expect(page).toHaveURL(/mode=table/);
  await expect(page.getByTestId('edge-row')).toHaveCount(unauthorized.length);
  await expect(page.locator(`[data-testid="edge-row"][data-edge-id="${payment.id}"]`)).toHaveClass(/bg-brand-50/);
  await page.getByRole('button', { name: /^Observed/ }).click();
  await expect(page).toHaveURL(/sort=count/);
  const counts = await page.getByTestId('edge-row').evaluateAll((rows) => rows.map((r) => Number((r.children[5]?.textContent ?? '').replace(/[^0-9]/g, '') || 0)));
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  await page.screenshot({ path: shot('graph-table.png') });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[0]).toBe('source,destination,port,protocol,class,state,observed_count,first_seen,last_seen,verdicts,rules,explanation');
  expect(lines).toHaveLength(unauthorized.length + 1);
  expect(lines.some((l) => l.startsWith(`boutique/frontend,boutique/paymentservice,${payment.port},${payment.protocol},unauthorized,${payment.state},${payment.observed?.count}`))).toBe(true);
});

test('filters and node details: search, hide infra, namespace collapse', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const hidden = await graphFromApi(request, snapshot, 'hideInfra=1');
  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);

  await page.getByTestId('filter-hide-infra').check();
  await expect(page.getByTestId('filter-hide-infra')).toBeChecked();
  await expect(page).toHaveURL(/hideInfra=1/);
  await expect.poll(async () => (await canvasElements(page)).edges.length).toBe(hidden.edges.length);

  await page.getByTestId('filter-search').fill('paymentservice');
  await expect(page).toHaveURL(/q=paymentservice/);
  const searched = await graphFromApi(request, snapshot, 'hideInfra=1&q=paymentservice');
  await expect.poll(async () => (await canvasElements(page)).edges.map((e) => e.id).sort()).toEqual(searched.edges.map((e) => e.id).sort());

  // Node details: labels, service account, isolation, and the "Assume compromised" entry to blast radius mode.
  await clickOnCanvas(page, 'boutique/paymentservice');
  const node = page.getByTestId('node-details');
  const apiNode = searched.nodes.find((n) => n.id === 'boutique/paymentservice')!;
  await expect(node).toContainText('boutique/paymentservice');
  await expect(node).toContainText(apiNode.serviceAccount ?? '—');
  for (const [k, v] of Object.entries(apiNode.labels)) await expect(node).toContainText(`${k}=${v}`);
  await expect(node).toContainText(/NetworkPolicy\/boutique\//);

  // Collapse the namespace from its box: the API folds its edges into summaries; expand brings them back.
  await page.goto(`/graph?snapshot=${snapshot}&node=nsbox%3Aboutique`);
  await waitForGraph(page);
  await page.getByRole('button', { name: 'Collapse namespace' }).click();
  await expect(page).toHaveURL(/collapse=boutique/);
  await expect.poll(async () => (await canvasElements(page)).nodes.map((n) => n.id)).toContain('ns:boutique');
  await page.screenshot({ path: shot('graph-collapsed.png') });
  await page.getByRole('button', { name: 'Expand namespace' }).click();
  await expect.poll(async () => (await canvasElements(page)).nodes.map((n) => n.id)).toContain('boutique/frontend');
});

test('time window: From/To in the URL and after a reload, legend counts as the API says, details fetched for the window', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const whole = await graphFromApi(request, snapshot);
  expect(whole.trafficRange, 'the demo has traffic').not.toBeNull();
  // The first third of the capture, to the second (the fields' step). The window runs from the first millisecond
  // of From's second to the last of To's, so a record logged within To's second stays in.
  const start = Date.parse(whole.trafficRange!.start);
  const end = Date.parse(whole.trafficRange!.end);
  const second = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString();
  const fields = { from: second(start), to: second(start + (end - start) / 3) };
  const window = { from: fields.from, to: fields.to.replace('.000Z', '.999Z') };
  const windowed = await graphFromApi(request, snapshot, new URLSearchParams(window).toString());
  const classCounts = (g: GraphView) => [g.summary.allowed, g.summary.denied, g.summary.unprotected, g.summary.unused];
  expect(classCounts(windowed), 'the window leaves out some of the demo traffic').not.toEqual(classCounts(whole));

  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);
  await expectLegend(page, whole);
  const from = page.getByTestId('filter-from');
  const to = page.getByTestId('filter-to');
  // The fields offer the snapshot's traffic range.
  await expect(from).toHaveAttribute('min', whole.trafficRange!.start.slice(0, 19));
  await expect(to).toHaveAttribute('max', whole.trafficRange!.end.slice(0, 19));

  await from.fill(fieldValue(fields.from));
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(window.from);
  await to.fill(fieldValue(fields.to));
  await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(window.to);
  await expectLegend(page, windowed);
  await expect.poll(async () => (await canvasElements(page)).edges.filter((e) => e.kind !== 'path').map((e) => e.id).sort()).toEqual(windowed.edges.map((e) => e.id).sort());
  await page.screenshot({ path: shot('graph-window.png') });

  // A reload keeps the window.
  await page.reload();
  await waitForGraph(page);
  await expect(from).toHaveValue(fieldValue(fields.from));
  await expect(to).toHaveValue(fieldValue(fields.to));
  await expectLegend(page, windowed);

  // The edge panel fetches the explanation for this window.
  const checkout = findEdge(windowed, 'boutique/checkoutservice', 'boutique/paymentservice');
  const explained = await explainedEdgeFromApi(request, snapshot, checkout.id, window);
  const edgeRequest = page.waitForRequest((r) => {
    const url = new URL(r.url());
    return url.pathname.endsWith('/graph/edge') && url.searchParams.get('id') === checkout.id && url.searchParams.get('from') === window.from && url.searchParams.get('to') === window.to;
  });
  await clickOnCanvas(page, checkout.id);
  await edgeRequest;
  const edgePanel = page.getByTestId('edge-details');
  await expect(edgePanel.getByTestId('edge-verdict')).toHaveText(explained.explanation.verdict);
  for (const layer of explained.explanation.layers) await expect(edgePanel.getByTestId(`layer-${layer.layer}`)).toContainText(layer.outcome);

  // The node panel fetches the policies selecting paymentservice: its own NetworkPolicy, and the deny-all that
  // decides none of its edges.
  const policies = (await nodePoliciesFromApi(request, snapshot, 'boutique/paymentservice', window)).map((p) => formatRuleRef(p.ref));
  expect(policies).toEqual(expect.arrayContaining(['NetworkPolicy/boutique/paymentservice', 'NetworkPolicy/boutique/deny-all']));
  await clickOnCanvas(page, 'boutique/paymentservice');
  const nodePanel = page.getByTestId('node-details');
  await expect(nodePanel).toContainText('boutique/paymentservice');
  const entries = nodePanel.getByTestId('node-policies').getByRole('listitem');
  await expect(entries).toHaveCount(policies.length);
  await expect(entries).toContainText(policies);
  await expect(entries.filter({ hasText: 'NetworkPolicy/boutique/deny-all' })).toContainText('isolates ingress + egress');
  await page.screenshot({ path: shot('graph-window-node.png') });

  // Each field offers only times on its side of the other; a From typed after To clears To rather than asking the
  // API for a window the wrong way round.
  await expect(from).toHaveAttribute('max', window.to.slice(0, 19));
  await expect(to).toHaveAttribute('min', window.from.slice(0, 19));
  const later = new Date(Date.parse(window.to) + 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
  await from.fill(fieldValue(later));
  await expect.poll(() => new URL(page.url()).searchParams.get('from')).toBe(later);
  expect(new URL(page.url()).searchParams.has('to')).toBe(false);
  await expect(to).toHaveValue('');
  await expectLegend(page, await graphFromApi(request, snapshot, new URLSearchParams({ from: later }).toString()));
  await expect(page.getByText('The graph could not be loaded')).toHaveCount(0);

  // Clear filters: the whole capture again.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect.poll(() => [...new URL(page.url()).searchParams.keys()].filter((k) => k === 'from' || k === 'to')).toEqual([]);
  await expect(from).toHaveValue('');
  await expect(to).toHaveValue('');
  await expectLegend(page, whole);
  await expect(page.getByRole('button', { name: 'Clear filters' })).toHaveCount(0);
});
