import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasElements, clickOnCanvas, demoSnapshotId, explainedEdgeFromApi, findEdge, graphFromApi, nodePoliciesFromApi, rulesFromApi, waitForGraph } from './support/graph-page';
import type { GraphView } from '@/lib/graph/model';
import { SUMMARY_KINDS } from '@/lib/graph/summary-edge';
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
  // The count line says what it counts: the observed edges (what the snapshot list counts) and the unused grants.
  const observed = api.edges.filter((e) => e.class !== 'unused').length;
  await expect(page.getByTestId('visible-counts')).toContainText(`${observed} observed + ${api.summary.unused} unused edges shown`);
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

  // From the keyboard: a row's button opens its details and moves focus there.
  const other = unauthorized.find((e) => e.id !== payment.id)!;
  const { explanation: otherExplanation } = await explainedEdgeFromApi(request, snapshot, other.id);
  const rowButton = page.locator(`[data-testid="edge-row"][data-edge-id="${other.id}"] button`);
  await rowButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`[data-testid="edge-row"][data-edge-id="${other.id}"]`)).toHaveClass(/bg-brand-50/);
  await expect(page.getByRole('complementary', { name: 'Details' })).toBeFocused();
  await expect(page.getByTestId('edge-details').getByTestId('edge-verdict')).toHaveText(otherExplanation.verdict);

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
  // Cytoscape's word for an edge it cannot draw (a loop on a curve style that cannot loop).
  const undrawable: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('impossible to draw')) undrawable.push(m.text());
  });
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

  // The edges between boutique's own workloads become one summary edge from the namespace to itself, drawn as a
  // loop with the API's counts; the namespace's panel counts its edges inside, into and out of it.
  const folded = await graphFromApi(request, snapshot, 'collapse=boutique');
  const inside = folded.summaryEdges.find((e) => e.source === 'ns:boutique' && e.destination === 'ns:boutique');
  expect(inside, 'the API summarises boutique -> boutique').toBeDefined();
  expect(inside!.counts.denied, 'the demo has denied traffic inside boutique').toBeGreaterThan(0);
  const loopId = 'summary:ns:boutique|ns:boutique';
  const countsText = SUMMARY_KINDS.filter((k) => inside!.counts[k]).map((k) => `${inside!.counts[k]} ${k}`).join(', ');
  const loop = await page.evaluate((id) => {
    const edge = (window as unknown as { __eastwestCy: import('cytoscape').Core }).__eastwestCy.getElementById(id) as unknown as import('cytoscape').EdgeSingular;
    const ends = [edge.sourceEndpoint(), edge.targetEndpoint()];
    return { label: String(edge.data('label')), loop: edge.isLoop(), drawn: ends.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), curve: edge.style('curve-style') };
  }, loopId);
  expect(loop).toEqual({ label: countsText, loop: true, drawn: true, curve: 'bezier' });
  expect(undrawable).toEqual([]);
  const edgeCounts = page.getByTestId('namespace-details').getByTestId('collapsed-edge-counts');
  for (const k of SUMMARY_KINDS) await expect(edgeCounts.locator(`tr[data-kind="${k}"] td[data-column="inside"]`)).toHaveText(String(inside!.counts[k] ?? 0));
  const crossing = folded.summaryEdges.filter((e) => e.destination === 'ns:boutique' && e.source !== 'ns:boutique');
  await expect(edgeCounts.locator('tr[data-kind="denied"] td[data-column="in"]')).toHaveText(String(crossing.reduce((n, e) => n + (e.counts.denied ?? 0), 0)));
  await page.screenshot({ path: shot('graph-collapsed.png') });
  await clickOnCanvas(page, loopId);
  const loopDetails = page.getByTestId('summary-details');
  await expect(loopDetails).toContainText('Edges inside a collapsed namespace');
  await expect(loopDetails).toContainText(`denied${inside!.counts.denied}`);
  await page.screenshot({ path: shot('graph-collapsed-loop.png') });

  await clickOnCanvas(page, 'ns:boutique');
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

  // A shared link with the window the wrong way round: the API's reason, and a way out (not "is the server running?").
  await page.goto(`/graph?snapshot=${snapshot}&from=${encodeURIComponent(window.to)}&to=${encodeURIComponent(window.from)}`);
  const refused = page.getByTestId('graph-message');
  await expect(refused).toContainText('This view cannot be shown');
  await expect(refused).toContainText('`from` is after `to`');
  await expect(refused).not.toContainText('database');
  await refused.getByRole('button', { name: 'Clear filters' }).click();
  await waitForGraph(page);
  await expectLegend(page, whole);
});

test('a shared link draws the same layout in another browser (no cached positions there)', async ({ browser, request }) => {
  const snapshot = await demoSnapshotId(request);
  const positionsIn = async () => {
    // A fresh context: its own empty localStorage, like a colleague opening the link.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`/graph?snapshot=${snapshot}`);
    await waitForGraph(page);
    const positions = await page.evaluate(() => {
      const cy = (window as unknown as { __eastwestCy: import('cytoscape').Core }).__eastwestCy;
      return Object.fromEntries(cy.nodes().map((n) => [n.id(), { x: Math.round(n.position('x')), y: Math.round(n.position('y')) }]));
    });
    await context.close();
    return positions;
  };
  const first = await positionsIn();
  expect(Object.keys(first).length).toBeGreaterThan(10);
  expect(await positionsIn()).toEqual(first);
});

test('the Rules view: dangling rules first (the demo A2 rule), unused rules with their last match, wildcard rules, diagnostics', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const [api, rules] = await Promise.all([graphFromApi(request, snapshot), rulesFromApi(request, snapshot)]);
  const a2 = rules.unusedRules.find((r) => r.ref === 'NetworkPolicy/boutique/paymentservice#ingress[0].from[1]');
  expect(a2, 'the demo A2 rule (app=fraudservice) is reported').toMatchObject({ dangling: true });

  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);
  // The tab carries the view's counts, before the lists are fetched.
  const tab = page.getByTestId('rules-tab');
  await expect(tab).toContainText(`${api.summary.danglingRules} dangling · ${api.summary.unusedRules} unused · ${api.summary.wildcardRules} wildcard`);
  await tab.click();
  await expect(page).toHaveURL(/mode=rules/);
  const view = page.getByTestId('rules-view');
  await expect(view).toBeVisible();

  // Groups with the API's counts, dangling first.
  const sections = view.locator('section');
  await expect(sections).toHaveCount(4);
  await expect(sections.first()).toHaveAttribute('data-testid', 'rules-dangling');
  await expect(view.getByTestId('rules-dangling')).toHaveAttribute('data-count', String(api.summary.danglingRules));
  await expect(view.getByTestId('rules-unused')).toHaveAttribute('data-count', String(api.summary.unusedRules));
  await expect(view.getByTestId('rules-wildcard')).toHaveAttribute('data-count', String(api.summary.wildcardRules));
  await expect(view.getByTestId('rules-diagnostics')).toHaveAttribute('data-count', String(rules.diagnostics.length));
  await expect(view.getByTestId('rules-dangling').getByTestId('rule-row')).toHaveCount(api.summary.danglingRules);

  // A2: why it is dangling, the policy's file and line, and its YAML with the selector that matches nothing.
  const a2Row = view.getByTestId('rules-dangling').locator(`[data-testid="rule-row"][data-ref="${a2!.ref}"]`);
  await expect(a2Row.getByTestId('rule-reason')).toHaveText(a2!.reason);
  await expect(a2Row.getByTestId('rule-source')).toHaveText(/networkpolicy\.yaml:\d+$/);
  await expect(a2Row.getByTestId('rule-last-matched')).toHaveText('never');
  // Only a peer of the rule matches nothing: the row names the rule it belongs to (which stays) and its last match.
  if (a2!.partOf) await expect(a2Row).toContainText(a2!.partOf.ref);
  await a2Row.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(a2Row.locator('pre')).toContainText('app: fraudservice');

  // A rule no traffic ever matched says so; a wildcard rule reads "any → workload" with its usage.
  const never = rules.unusedRules.find((r) => !r.dangling && r.lastMatched === null)!;
  await expect(view.getByTestId('rules-unused').locator(`[data-ref="${never.ref}"]`).getByTestId('rule-last-matched')).toHaveText('never');
  const wildcard = rules.wildcardRules.find((r) => r.direction === 'ingress' && r.usedBy > 0)!;
  const wildcardRow = view.getByTestId('rules-wildcard').locator(`[data-ref="${wildcard.ref}"]`);
  await expect(wildcardRow.getByTestId('wildcard-text')).toHaveText(`any → ${wildcard.workloads.join(', ')}`);
  await expect(wildcardRow.getByTestId('wildcard-used-by')).toContainText(`${wildcard.usedBy} observed edge`);
  await page.screenshot({ path: shot('graph-rules.png') });
  await wildcardRow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shot('graph-rules-wildcard.png') });

  // Sorting from the keyboard, kept in the URL: the stalest first (never matched, then the oldest match).
  await page.getByRole('button', { name: 'Last match (never first)' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/ruleSort=lastMatched/);
  const lastMatched = await view.getByTestId('rules-unused').getByTestId('rule-last-matched').allInnerTexts();
  expect(lastMatched.indexOf('never')).toBe(lastMatched.some((t) => t === 'never') ? 0 : -1);
  await page.reload();
  await expect(page.getByTestId('rules-view')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last match (never first)' })).toHaveAttribute('aria-pressed', 'true');

  // A window without traffic: every rule that matched before is now unused, with the last time it matched.
  const quiet = { from: '2020-01-01T00:00:00.000Z', to: '2020-01-02T00:00:00.000Z' };
  const quietRules = await rulesFromApi(request, snapshot, quiet);
  await page.goto(`/graph?snapshot=${snapshot}&mode=rules&${new URLSearchParams(quiet).toString()}`);
  await expect(page.getByTestId('rules-unused')).toHaveAttribute('data-count', String(quietRules.unusedRules.filter((r) => !r.dangling).length));
  await expect(page.getByTestId('rules-all-used')).toHaveCount(0);
});
