import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, type Page, type Route } from '@playwright/test';

/** Helpers for the import page specs: dropping real files, holding one upload, and waiting for the queue. */

/**
 * Drops files from disk on the drop zone. Playwright cannot drag from the desktop: this dispatches the drop event
 * a browser would, with a DataTransfer holding the files' real bytes.
 */
export async function dropFiles(page: Page, filePaths: string[]): Promise<void> {
  const files = await Promise.all(filePaths.map(async (p) => ({ name: path.basename(p), base64: (await readFile(p)).toString('base64') })));
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name));
    return dt;
  }, files);
  await page.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
}

/**
 * Holds the upload of one file (by its `?fileName=`) until `release()` is called, so a spec can look at the page
 * while that file is in flight without waiting on a clock.
 */
export async function holdUpload(page: Page, fileName: string): Promise<{ held: Promise<void>; release(): void }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let arrived!: () => void;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const matches = (url: URL) => /\/api\/snapshots\/[^/]+\/imports$/.test(url.pathname) && url.searchParams.get('fileName') === fileName;
  await page.route(matches, async (route: Route) => {
    arrived();
    await released;
    await route.continue();
  });
  return { held, release };
}

/** Every file row has left the queued/uploading/importing states. */
export async function expectAllFinished(page: Page, count: number): Promise<void> {
  const rows = page.getByTestId('import-file');
  await expect(rows).toHaveCount(count);
  for (let i = 0; i < count; i++) await expect(rows.nth(i)).toHaveAttribute('data-state', /^(succeeded|partial|duplicate|failed)$/, { timeout: 30_000 });
}

/** The row of one file in the queue. */
export const fileRow = (page: Page, name: string) => page.getByTestId('import-file').filter({ hasText: name });

/** A snapshot name no earlier run used. */
export const uniqueSnapshotName = (prefix: string) => `${prefix} ${Date.now().toString(36)}`;

/** Chooses "+ New snapshot…" as the target and fills its name, cluster and environment. */
export async function targetNewSnapshot(page: Page, name: string): Promise<void> {
  await page.getByLabel('Snapshot').selectOption({ label: '+ New snapshot…' });
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page.getByRole('textbox', { name: 'Cluster', exact: true }).fill('boutique-e2e');
  await page.getByRole('textbox', { name: 'Environment', exact: true }).fill('staging');
}
