import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/** The engine runs on request (classification, blast radius, semantic diff): generous on a busy machine. */
const engine = { timeout: 45_000 };
const out = (name: string) => path.join(test.info().project.outputDir, 'screenshots', name);

async function openDemoFindings(page: Page): Promise<string> {
  await page.goto('/findings');
  await page.getByTestId('snapshot-picker').getByRole('link', { name: /Online Boutique/ }).click();
  await expect(page).toHaveURL(/\/findings\?snapshot=/);
  return new URL(page.url()).searchParams.get('snapshot') ?? '';
}

test('findings page: API inventory, environment leaks, and the report and alert-rule downloads', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoFindings(page);
  const inventory = page.getByRole('table', { name: 'API inventory' });
  await expect(inventory).toBeVisible(engine);
  await expect(inventory.getByRole('row').filter({ hasText: 'boutique/paymentservice' })).toContainText('50051/TCP');
  await expect(page.getByRole('heading', { name: /Environment leaks/ })).toBeVisible();
  await page.screenshot({ path: out('findings.png'), fullPage: true });

  const report = page.waitForEvent('download', engine);
  await page.getByRole('link', { name: 'Download report' }).click();
  const file = await report;
  expect(file.suggestedFilename()).toMatch(/^eastwest-report-.*\.html$/);
  expect(await readFile((await file.path())!, 'utf8')).toContain('<section id="graph">');

  const alerts = page.waitForEvent('download', engine);
  await page.getByRole('link', { name: 'Download alert rules' }).click();
  const rules = await readFile((await (await alerts).path())!, 'utf8');
  expect(rules).toContain('kind: PrometheusRule');
  expect(rules).toContain('response_code="403"');
});

test('the report opens in Chromium with the graph image and every section, and prints to PDF', async ({ page }) => {
  test.setTimeout(120_000);
  const snapshot = await openDemoFindings(page);
  await page.goto(`/api/snapshots/${snapshot}/report`, engine);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('East-west report');
  for (const section of ['Summary', 'Classified graph', 'Unauthorized edges', 'Allowed but unused', 'Riskiest workloads', 'Environment leaks', 'New callers since the baseline', 'API inventory', 'Drafted policies']) {
    await expect(page.getByRole('heading', { name: section, level: 2 })).toBeVisible();
  }
  const graph = page.getByRole('img', { name: 'Classified east-west graph' });
  await expect(graph).toBeVisible();
  const box = await graph.boundingBox();
  expect(box!.width).toBeGreaterThan(300);
  // The demo's U1: frontend -> paymentservice is unauthorized, in the table and as a red (denied) line.
  await expect(page.locator('#unauthorized')).toContainText('boutique/paymentservice');
  expect(await graph.locator('line[marker-end="url(#arrow-denied)"]').count()).toBeGreaterThan(0);
  await expect(page.locator('#drafted-policies pre')).toContainText('kind: NetworkPolicy');
  await page.screenshot({ path: out('report.png'), fullPage: true });

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await mkdir(path.dirname(out('report.pdf')), { recursive: true });
  await writeFile(out('report.pdf'), pdf);
});

test('compare page: asks for a baseline and offers to mark one', async ({ page }) => {
  await page.goto('/compare');
  await page.getByTestId('snapshot-picker').getByRole('link', { name: /Online Boutique/ }).click();
  await expect(page).toHaveURL(/\/compare\?snapshot=/);
  await expect(page.getByRole('combobox', { name: 'Baseline' })).toBeVisible(engine);
  await expect(page.getByRole('button', { name: /baseline/i })).toBeVisible();
});
