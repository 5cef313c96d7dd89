import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/** A legitimate demo connection (fixtures/boutique answer key) that today's NetworkPolicies allow. */
const frontendToCart = { source: 'boutique/frontend', destination: 'boutique/cartservice', port: 7070, protocol: 'TCP' };
/** Another one, dropped through the graph's deep link. */
const frontendToAds = { source: 'boutique/frontend', destination: 'boutique/adservice', port: 9555, protocol: 'TCP' };
/** Regenerating and re-evaluating the demo takes a few seconds on a busy machine (and a first compile with E2E_DEV). */
const engine = { timeout: 30_000 };
const edgeId = (e: typeof frontendToCart) => `${e.source}|${e.destination}|${e.port}|${e.protocol}`;

const screenshot = (page: Page, name: string) => page.screenshot({ path: path.join(test.info().project.outputDir, 'screenshots', name), fullPage: true });

async function openDemoDrafts(page: Page): Promise<string> {
  await page.goto('/drafts');
  await page.getByTestId('snapshot-picker').getByRole('link', { name: /Online Boutique/ }).click();
  await expect(page).toHaveURL(/\/drafts\?snapshot=/);
  return new URL(page.url()).searchParams.get('snapshot') ?? '';
}

test('create a draft from the demo, drop an edge, see what breaks, download the zip', async ({ page }) => {
  test.setTimeout(120_000);
  await openDemoDrafts(page);

  const form = page.getByRole('form', { name: 'New draft' });
  await expect(form.getByRole('checkbox', { name: /boutique/ })).toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'NetworkPolicy' })).toBeChecked();
  await form.getByRole('button', { name: 'Generate draft' }).click();

  const editor = page.getByTestId('draft-editor');
  await expect(editor.getByTestId('draft-name')).toHaveText('boutique', engine);
  await expect(page).toHaveURL(/[?&]draft=/);
  await expect(editor.getByTestId('draft-yaml')).toContainText('name: eastwest-default-deny');
  // Highlighted: highlight.js wraps YAML keys in spans.
  await expect(editor.getByTestId('draft-yaml').locator('.hljs-attr').first()).toBeVisible();
  await page.screenshot({ path: path.join(test.info().project.outputDir, 'screenshots', 'drafts-created.png') });

  await editor.getByRole('button', { name: `Drop ${frontendToCart.source} to ${frontendToCart.destination} TCP/7070 from draft` }).click();
  const dropped = editor.getByTestId('excluded-edges').locator(`[data-edge-id="${edgeId(frontendToCart)}"]`);
  await expect(dropped).toContainText('dropped by you', engine);
  await expect(editor.getByTestId('granted-edges').locator(`[data-edge-id="${edgeId(frontendToCart)}"]`)).toHaveCount(0);

  // Added next to today's policies nothing breaks (allow rules are additive); replacing them breaks the dropped edge.
  const whatIf = page.getByTestId('what-if');
  await expect(whatIf.getByTestId('would-break')).toContainText('No observed legitimate traffic would be denied.', engine);
  await page.getByRole('radio', { name: 'Replace current' }).click();
  const wouldBreak = whatIf.getByTestId('would-break');
  await expect(wouldBreak.getByRole('listitem')).toHaveCount(1, engine);
  for (const text of [frontendToCart.source, frontendToCart.destination, 'TCP/7070', 'today allowed, after denied']) await expect(wouldBreak).toContainText(text);
  await expect(whatIf.getByTestId('blocked')).toContainText('boutique/paymentservice');
  await expect(whatIf.getByTestId('blast-radius-change').getByRole('row')).not.toHaveCount(0);
  await expect(page.getByTestId('diff-lost')).toContainText(`${frontendToCart.source} → ${frontendToCart.destination}`, engine);
  await expect(whatIf).toHaveAttribute('aria-busy', 'false');
  await screenshot(page, 'drafts-what-if.png');

  const [download] = await Promise.all([page.waitForEvent('download'), editor.getByRole('link', { name: 'Download zip' }).click()]);
  expect(download.suggestedFilename()).toBe('eastwest-draft-boutique.zip');
  const bytes = await readFile(await download.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]); // a zip's local file header
  expect(bytes.toString('latin1')).toContain('kustomization.yaml');
});

test("the graph's deep link drops an edge from the latest draft", async ({ page }) => {
  const snapshot = await openDemoDrafts(page);
  await page.goto(`/drafts?snapshot=${snapshot}&drop=${encodeURIComponent(edgeId(frontendToAds))}`);
  const row = page.getByTestId('excluded-edges').locator(`[data-edge-id="${edgeId(frontendToAds)}"]`);
  await expect(row).toContainText('dropped by you', engine);
  await expect(page).not.toHaveURL(/drop=/);
  await expect(page).toHaveURL(/[?&]draft=/);
  await screenshot(page, 'drafts-deep-link.png');
});
