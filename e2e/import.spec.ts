import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

const boutique = path.join(process.cwd(), 'fixtures', 'boutique');
const files = {
  policies: path.join(boutique, 'policies', 'networkpolicy.yaml'),
  edges: path.join(boutique, 'edges', 'edges.csv'),
  cluster: path.join(boutique, 'kubernetes', 'cluster-state.json'),
};

/** Every file row has left the queued/uploading/importing states. */
async function expectAllFinished(page: Page, count: number): Promise<void> {
  const rows = page.getByTestId('import-file');
  await expect(rows).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toHaveAttribute('data-state', /^(succeeded|duplicate|failed)$/, { timeout: 30_000 });
}

test('dropped files are queued once each, manifests first', async ({ page }) => {
  await page.goto('/import');
  // Playwright cannot drag files from the desktop: dispatch the same drop event a browser would.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['source,destination,port,protocol,count\n'], 'a-edges.csv', { type: 'text/csv' }));
    // A JSON manifest named so that it sorts last: only its content makes it a manifest.
    dt.items.add(new File(['{"apiVersion": "v1", "kind": "List", "items": []}\n'], 'z-cluster.json', { type: 'application/json' }));
    return dt;
  });
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-file')).toHaveText([/z-cluster\.json/, /a-edges\.csv/]);

  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('import-file')).toHaveCount(2);
  await expect(page.getByTestId('start-import')).toHaveText('Import 2 files');
  await expect(page.getByTestId('start-import')).toBeDisabled(); // no target snapshot chosen yet
});

test('imports inventory, policies and traffic into a new snapshot, with per-file results', async ({ page }) => {
  const name = `e2e import ${Date.now().toString(36)}`;
  await page.goto('/import');
  // Picked traffic first: the page still sends the manifests first (judged by content, not name).
  await page.getByTestId('file-input').setInputFiles([files.edges, files.policies, files.cluster]);
  await expect(page.getByTestId('import-file')).toHaveText([/cluster-state\.json/, /networkpolicy\.yaml/, /edges\.csv/]);

  await page.getByLabel('Snapshot').selectOption({ label: '+ New snapshot…' });
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Cluster', exact: true }).fill('boutique-e2e');
  await page.getByRole('textbox', { name: 'Environment', exact: true }).fill('staging');
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 3);
  await expect(page).toHaveURL(/\/import\?snapshot=[0-9a-f-]{36}$/);
  for (const row of await page.getByTestId('import-file').all()) {
    await expect(row).toHaveAttribute('data-state', 'succeeded');
    await expect(row.getByTestId('import-counts')).toContainText(/imported [1-9]/);
  }
  await page.screenshot({ path: path.join(test.info().project.outputDir, 'screenshots', 'import.png'), fullPage: true });

  // The same content again counts once.
  await page.getByRole('button', { name: 'Clear finished' }).click();
  await page.getByTestId('file-input').setInputFiles([files.edges]);
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 1);
  await expect(page.getByTestId('import-file')).toHaveAttribute('data-state', 'duplicate');
  await expect(page.getByTestId('import-file')).toContainText('already imported');

  await page.goto('/');
  const row = page.getByTestId('snapshot-row').filter({ hasText: name });
  for (const key of ['namespaces', 'workloads', 'policies', 'edges']) {
    const count = Number((await row.locator(`[data-count="${key}"]`).innerText()).replace(/,/g, ''));
    expect(count, `${key} of the imported snapshot`).toBeGreaterThan(0);
  }
});
