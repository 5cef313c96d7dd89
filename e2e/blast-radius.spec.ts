import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { BlastRadiusReport } from '@/lib/graph/blast-radius-report';
import { canvasElements, clickOnCanvas, demoSnapshotId, waitForGraph } from './support/graph-page';

const shot = (name: string) => path.join(test.info().project.outputDir, 'screenshots', name);

test('assume frontend compromised: paymentservice is reached at hop 2, the path is drawn, state survives reload', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const response = await request.get(`/api/snapshots/${snapshot}/blast-radius?start=boutique/frontend`);
  expect(response.ok()).toBe(true);
  const report = (await response.json()) as BlastRadiusReport;

  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);
  await clickOnCanvas(page, 'boutique/frontend');
  await page.getByTestId('assume-compromised').click();
  await expect(page).toHaveURL(/mode=blast/);
  await expect(page).toHaveURL(/start=boutique%2Ffrontend/);

  const payment = page.locator('[data-testid="reached-row"][data-workload="boutique/paymentservice"]');
  await expect(payment).toHaveAttribute('data-hops', '2');
  await expect(page.getByTestId('reached-row')).toHaveCount(report.reached.length);
  await expect(page.getByTestId('blast-summary')).toContainText(`${report.reached.length} of ${report.workloads - 1}`);

  // Hop rings on the canvas: the compromised node, hop classes, unreached dimmed.
  const reached = new Map(report.reached.map((r) => [r.workload, r.hops]));
  const drawn = await canvasElements(page);
  expect(drawn.nodes.find((n) => n.id === 'boutique/frontend')?.classes).toContain('hop-0');
  expect(drawn.nodes.find((n) => n.id === 'boutique/paymentservice')?.classes).toContain('hop-2');
  for (const n of drawn.nodes) {
    if (n.id.startsWith('nsbox:') || n.id === 'boutique/frontend') continue;
    expect(n.classes, n.id).toContain(reached.has(n.id) ? `hop-${Math.min(reached.get(n.id)!, 3)}` : 'dimmed');
  }

  // Choose paymentservice as the target: its shortest path is listed and drawn.
  await payment.click();
  await expect(page).toHaveURL(/target=boutique%2Fpaymentservice/);
  const path2 = report.reached.find((r) => r.workload === 'boutique/paymentservice')!.path;
  await expect(page.getByTestId('blast-path').locator('li')).toHaveCount(path2.length);
  await expect.poll(async () => (await canvasElements(page)).edges.filter((e) => e.kind === 'path').length).toBe(path2.length);

  // Potential vs actual, and the way into drafting.
  if (report.grantedButUnused.length) {
    await expect(page.getByTestId('draft-remove-unused')).toHaveAttribute('href', `/drafts?snapshot=${snapshot}`);
    const first = report.grantedButUnused[0]!;
    const drop = new URLSearchParams({ snapshot, drop: `${first.source}|${first.destination}|${first.port}|${first.protocol}` }).toString();
    await expect(page.getByTestId('granted-but-unused').getByRole('link', { name: 'Draft removal' }).first()).toHaveAttribute('href', `/drafts?${drop}`);
  }
  await page.screenshot({ path: shot('blast-radius.png') });

  await page.reload();
  await waitForGraph(page);
  await expect(page.locator('[data-testid="reached-row"][data-workload="boutique/paymentservice"]')).toHaveAttribute('data-hops', '2');
  await expect(page.getByTestId('blast-path').locator('li')).toHaveCount(path2.length);
});

test('shared infrastructure is reached but not traversed until the user pivots through it; sensitive workloads are marked as on Findings', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  await page.goto(`/graph?snapshot=${snapshot}&mode=blast&start=boutique%2Ffrontend`);
  const dns = page.locator('[data-testid="reached-row"][data-workload="kube-system/coredns"]');
  await expect(dns).toHaveAttribute('data-not-traversed', 'dns');
  await expect(dns).toContainText('cluster DNS · not traversed');
  // Today's policies leave boutique egress open: frontend reaches istiod directly too, and stops there as well.
  await expect(page.getByTestId('infra-not-traversed')).toContainText('Reached but not traversed: istio-system/istiod (mesh control plane), kube-system/coredns (cluster DNS).');
  // The marks Findings shows for the same workloads (one sensitivity computation, GET …/sensitivity).
  const sensitivity = ((await (await request.get(`/api/snapshots/${snapshot}/sensitivity`)).json()) as { sensitivity: { workload: string; level: string; categories: string[] }[] }).sensitivity;
  for (const w of ['boutique/paymentservice', 'boutique/emailservice', 'boutique/redis-cart']) {
    const s = sensitivity.find((x) => x.workload === w)!;
    await expect(page.locator(`[data-testid="reached-row"][data-workload="${w}"]`)).toContainText([s.level, ...s.categories].join(' · '));
  }

  await page.getByTestId('pivot-through-infra').check();
  await expect(page).toHaveURL(/pivotThroughInfra=1/);
  await expect(dns).not.toHaveAttribute('data-not-traversed', /.*/);
  await expect(page.getByTestId('infra-not-traversed')).toHaveCount(0);
  const pivoted = (await (await request.get(`/api/snapshots/${snapshot}/blast-radius?start=boutique/frontend&pivotThroughInfra=1`)).json()) as BlastRadiusReport;
  await expect(page.getByTestId('reached-row')).toHaveCount(pivoted.reached.length);
  await page.reload();
  await expect(page.getByTestId('pivot-through-infra')).toBeChecked();
});

test('the home page ranks the riskiest workloads and links into blast radius mode', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  const api = (await (await request.get(`/api/snapshots/${snapshot}/riskiest?limit=10`)).json()) as { riskiest: { workload: string; reachable: number }[] };
  await page.goto('/');
  const rows = page.getByTestId('riskiest-row');
  await expect(rows).toHaveCount(api.riskiest.length);
  await expect(rows.first()).toHaveAttribute('data-workload', api.riskiest[0]!.workload);
  await rows.first().getByRole('link').click();
  await expect(page).toHaveURL(/mode=blast/);
  await expect(page.getByTestId('blast-summary')).toBeVisible();
});

test('tagging paymentservice as a crown jewel is stored and shows in the blast radius of frontend', async ({ page, request }) => {
  const snapshot = await demoSnapshotId(request);
  await page.goto(`/graph?snapshot=${snapshot}`);
  await waitForGraph(page);
  await clickOnCanvas(page, 'boutique/paymentservice');
  // The node panel shows the same sensitivity as Findings: a payment service by its name, not yet a crown jewel.
  await expect(page.getByTestId('node-sensitivity')).toContainText('sensitive · payment');
  const toggle = page.getByTestId('crown-jewel-toggle');
  await expect(toggle).toHaveText(/Mark as crown jewel/);
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('node-sensitivity')).toContainText('crown-jewel · payment');
  const stored = (await (await request.get(`/api/snapshots/${snapshot}/crown-jewels`)).json()) as { tags: { target: string }[] };
  expect(stored.tags.map((t) => t.target)).toContain('boutique/paymentservice');

  await page.goto(`/graph?snapshot=${snapshot}&mode=blast&direction=blast&start=boutique%2Ffrontend`);
  await expect(page.getByTestId('blast-summary')).toContainText('Crown jewels reached: boutique/paymentservice (hop 2)');

  // Leave the shared demo as it was for the other specs.
  await request.delete(`/api/snapshots/${snapshot}/crown-jewels`, { data: { targetKind: 'workload', target: 'boutique/paymentservice' } });
});
