import path from 'node:path';
import { expect, test } from '@playwright/test';

test('the home page lists the demo snapshot with its counts', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Snapshots', level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Eastwest', 'Snapshots', 'Graph', 'Findings', 'Compare', 'Drafts', 'Import', 'Admin']);

  const demo = page.getByTestId('snapshot-row').filter({ hasText: 'demo' });
  await expect(demo).toHaveCount(1);
  for (const key of ['namespaces', 'workloads', 'policies', 'edges']) {
    const count = Number((await demo.locator(`[data-count="${key}"]`).innerText()).replace(/,/g, ''));
    expect(count, `${key} of the demo snapshot`).toBeGreaterThan(0);
  }

  // Cards that load their data in the browser (e.g. the riskiest workloads) finish before the picture.
  await page.waitForLoadState('networkidle');
  // A stable path under test-results/ so people (and CI artefacts) can find it.
  await page.screenshot({ path: path.join(test.info().project.outputDir, 'screenshots', 'home.png'), fullPage: true });
});

test('graph and drafts ask for a snapshot, and keep the selection', async ({ page }) => {
  await page.goto('/graph');
  await expect(page.getByRole('heading', { name: 'Select a snapshot' })).toBeVisible();
  await page.getByTestId('snapshot-picker').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/graph\?snapshot=/);
  const snapshot = new URL(page.url()).searchParams.get('snapshot');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Drafts' }).click();
  await expect(page).toHaveURL(`/drafts?snapshot=${snapshot}`);
  await expect(page.getByRole('heading', { name: 'Select a snapshot' })).toHaveCount(0);
});
