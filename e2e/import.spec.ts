import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canvasElements, findEdge, graphFromApi, waitForGraph } from './support/graph-page';
import { dropFiles, expectAllFinished, fileRow, holdUpload, targetNewSnapshot, uniqueSnapshotName } from './support/import-page';

const boutique = path.join(process.cwd(), 'fixtures', 'boutique');
const files = {
  policies: path.join(boutique, 'policies', 'networkpolicy.yaml'),
  edges: path.join(boutique, 'edges', 'edges.csv'),
  cluster: path.join(boutique, 'kubernetes', 'cluster-state.json'),
  hubble: path.join(boutique, 'hubble', 'hubble-observe.jsonl'),
  customEnvoyLog: path.join(boutique, 'istio', 'istio-proxy-access-custom-peer-identity.log'),
  meshConfig: path.join(boutique, 'istio', 'meshconfig-text-with-peers.yaml'),
  // Nests `specs` under `spec`: Cilium would refuse boutique-services (line 47), so the engine ignores it.
  ciliumPolicies: path.join(boutique, 'policies', 'cilium-policies.yaml'),
};
/** A NetworkPolicy the API server would refuse (`protocol: TCPX`). */
const tcpxPolicy = {
  name: 'tcpx-policy.yaml',
  mimeType: 'application/yaml',
  buffer: Buffer.from('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\n  namespace: boutique\nspec:\n  podSelector: {}\n  ingress:\n  - ports:\n    - protocol: TCPX\n      port: 80\n'),
};
const notes = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('meeting notes, not a log\n') };
const shot = (name: string) => path.join(test.info().project.outputDir, 'screenshots', name);

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
  const name = uniqueSnapshotName('e2e import');
  await page.goto('/import');
  // Picked traffic first: the page still sends the manifests first (judged by content, not name).
  await page.getByTestId('file-input').setInputFiles([files.edges, files.policies, files.cluster]);
  await expect(page.getByTestId('import-file')).toHaveText([/cluster-state\.json/, /networkpolicy\.yaml/, /edges\.csv/]);

  await targetNewSnapshot(page, name);
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 3);
  await expect(page).toHaveURL(/\/import\?snapshot=[0-9a-f-]{36}$/);
  for (const row of await page.getByTestId('import-file').all()) {
    await expect(row).toHaveAttribute('data-state', 'succeeded');
    await expect(row.getByTestId('import-counts')).toContainText(/imported [1-9]/);
  }
  await page.screenshot({ path: shot('import.png'), fullPage: true });

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

test('several dropped files: per-file progress while one is in flight, then each file its own result', async ({ page }) => {
  await page.goto('/import');
  await dropFiles(page, [files.hubble, files.policies, files.cluster]);
  const rows = page.getByTestId('import-file');
  await expect(rows).toHaveText([/cluster-state\.json/, /networkpolicy\.yaml/, /hubble-observe\.jsonl/]);
  // Queued files each show an empty progress bar.
  for (const name of ['cluster-state.json', 'networkpolicy.yaml', 'hubble-observe.jsonl']) {
    await expect(page.getByRole('progressbar', { name: `Upload of ${name}` })).toHaveAttribute('aria-valuenow', '0');
  }
  await targetNewSnapshot(page, uniqueSnapshotName('e2e drop'));

  // Hold the traffic file (sent last) at the network layer: the manifests finish while it is still in flight.
  const traffic = await holdUpload(page, 'hubble-observe.jsonl');
  await page.getByTestId('start-import').click();
  await traffic.held;
  await expect(page.getByTestId('start-import')).toHaveText('Importing…');
  await expect(page.getByTestId('start-import')).toBeDisabled();
  for (const name of ['cluster-state.json', 'networkpolicy.yaml']) {
    await expect(fileRow(page, name)).toHaveAttribute('data-state', 'succeeded');
    await expect(fileRow(page, name).getByTestId('import-counts')).toContainText(/imported [1-9]/);
    await expect(page.getByRole('progressbar', { name: `Upload of ${name}` })).toHaveCount(0);
  }
  const inFlight = fileRow(page, 'hubble-observe.jsonl');
  await expect(inFlight).toHaveAttribute('data-state', /^(uploading|processing)$/);
  await expect(inFlight).toContainText(/uploading|importing/);
  await expect(inFlight.getByRole('progressbar', { name: 'Upload of hubble-observe.jsonl' })).toBeVisible();
  await expect(inFlight.getByRole('button', { name: /^Remove/ })).toHaveCount(0); // a file in flight cannot be removed
  await expect(page.getByText('2 imported')).toBeVisible();
  await page.screenshot({ path: shot('import-in-flight.png'), fullPage: true });

  traffic.release();
  await expectAllFinished(page, 3);
  await expect(inFlight).toHaveAttribute('data-state', 'succeeded');
  await expect(inFlight.getByTestId('import-counts')).toContainText(/read [1-9][\d,]* · imported [1-9]/);
  await expect(inFlight.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByText('3 imported')).toBeVisible();
  await expect(page).toHaveURL(/\/import\?snapshot=[0-9a-f-]{36}$/);
  await expect(page.getByRole('link', { name: 'Open graph →' })).toBeVisible();
  await page.screenshot({ path: shot('import-dropped.png'), fullPage: true });
});

test('a log in a custom Envoy format is read with the MeshConfig pasted on the page, and its edges reach the graph', async ({ page, request }) => {
  await page.goto('/import');
  await page.getByTestId('file-input').setInputFiles([files.customEnvoyLog, files.cluster]);
  await expect(page.getByTestId('import-file')).toHaveText([/cluster-state\.json/, /istio-proxy-access-custom-peer-identity\.log/]);
  await targetNewSnapshot(page, uniqueSnapshotName('e2e envoy format'));

  // The user pastes the configuration they already have: the IstioOperator with the provider's logFormat.text.
  await page.getByText('Custom Envoy / Istio log format').click();
  const format = page.getByRole('textbox', { name: 'Access log format' });
  await format.fill(await readFile(files.meshConfig, 'utf8'));
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 2);

  const log = fileRow(page, 'istio-proxy-access-custom-peer-identity.log');
  await expect(log).toHaveAttribute('data-state', 'succeeded');
  await expect(log).toContainText('envoy-text');
  // Every line was read with the format: none skipped as invalid (a request logged by both proxies counts once).
  const lines = (await readFile(files.customEnvoyLog, 'utf8')).split('\n').filter((l) => l.trim() !== '').length;
  await expect(log.getByTestId('import-counts')).toContainText(new RegExp(`^read ${lines} · imported [1-9]`));
  await expect(log.getByTestId('import-counts')).not.toContainText(/invalid-record|missing-field/);
  await expect(log.getByTestId('diagnostics').getByText('error', { exact: true })).toHaveCount(0);
  await page.screenshot({ path: shot('import-envoy-format.png'), fullPage: true });

  // The graph of the new snapshot: the API has checkoutservice -> paymentservice (resolved from the caller's
  // SPIFFE identity in the log), and the canvas draws it.
  await expect(page).toHaveURL(/\/import\?snapshot=[0-9a-f-]{36}$/);
  const snapshotId = new URL(page.url()).searchParams.get('snapshot')!;
  const api = await graphFromApi(request, snapshotId);
  const checkout = findEdge(api, 'boutique/checkoutservice', 'boutique/paymentservice');
  expect(checkout.observed?.count, 'observed in the imported log').toBeGreaterThan(0);
  await page.getByRole('link', { name: 'Open graph →' }).click();
  await expect(page).toHaveURL(new RegExp(`/graph\\?snapshot=${snapshotId}`));
  await waitForGraph(page);
  await expect.poll(async () => (await canvasElements(page)).edges.map((e) => e.id)).toContain(checkout.id);
});

test('an Envoy format that cannot be read is explained at the field and blocks the import until corrected', async ({ page }) => {
  const uploads: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && /\/imports(\?|$)/.test(r.url())) uploads.push(r.url());
  });
  await page.goto('/import');
  await page.getByTestId('file-input').setInputFiles([files.customEnvoyLog]);
  await targetNewSnapshot(page, uniqueSnapshotName('e2e bad envoy format'));
  await page.getByText('Custom Envoy / Istio log format').click();
  const format = page.getByRole('textbox', { name: 'Access log format' });
  const remarks = page.getByTestId('envoy-format-remarks');

  // A common slip: a line of the log pasted instead of the format that wrote it.
  const firstLogLine = (await readFile(files.customEnvoyLog, 'utf8')).split('\n')[0]!;
  await format.fill(firstLogLine);
  await expect(remarks.getByRole('listitem')).toHaveText([/line 1: the access log format has no command operator Eastwest reads/]);
  await expect(remarks).toHaveAttribute('role', 'alert');
  await expect(format).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('start-import')).toBeDisabled();
  await expect(page.getByTestId('format-blocks-import')).toHaveText('Correct the custom log format, or clear it.');
  await page.screenshot({ path: shot('import-bad-envoy-format.png'), fullPage: true });

  // A format with a typo (%START_TIME] for %START_TIME%) is usable but says which entries it cannot import.
  const meshConfig = await readFile(files.meshConfig, 'utf8');
  await format.fill(meshConfig.replace('[%START_TIME%]', '[%START_TIME]'));
  await expect(remarks.locator('[data-severity="warning"]').first()).toContainText('has no %START_TIME%');
  await expect(remarks.locator('[data-severity="error"]')).toHaveCount(0);
  await expect(page.getByTestId('start-import')).toBeEnabled();

  // Clearing the field keeps it open, and nothing is wrong with no custom format.
  await format.fill('');
  await expect(format).toBeVisible();
  await expect(remarks).toHaveCount(0);
  expect(uploads, 'nothing was sent while the format was wrong').toEqual([]);

  await format.fill(meshConfig);
  await expect(remarks).toHaveCount(0);
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 1);
  await expect(fileRow(page, 'istio-proxy-access-custom-peer-identity.log')).toHaveAttribute('data-state', 'succeeded');
  expect(uploads).toHaveLength(1);
});

test('a policy file the engine would ignore fails with its error, and is not counted as imported', async ({ page }) => {
  const name = uniqueSnapshotName('e2e bad policy');
  await page.goto('/import');
  await page.getByTestId('file-input').setInputFiles([files.cluster, files.ciliumPolicies]);
  await targetNewSnapshot(page, name);
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 2);

  await expect(fileRow(page, 'cluster-state.json')).toHaveAttribute('data-state', 'succeeded');
  const cilium = fileRow(page, 'cilium-policies.yaml');
  await expect(cilium).toHaveAttribute('data-state', 'failed');
  await expect(cilium.getByText('failed', { exact: true })).toBeVisible();
  await expect(cilium).toContainText('nothing imported: an error in this file (listed below)');
  await expect(cilium.getByTestId('import-counts')).toContainText('imported 0');
  const error = cilium.getByTestId('diagnostics').getByRole('listitem');
  await expect(error).toHaveCount(1);
  await expect(error).toContainText('line 47');
  await expect(error).toContainText('CiliumNetworkPolicy boutique/boutique-services: ignored (Cilium would reject it): spec.specs is not a field of a rule');
  await expect(error).toContainText('invalid-policy');
  // The header counts the file as failed, not imported.
  await expect(page.getByText('1 imported · 1 failed')).toBeVisible();
  await page.screenshot({ path: shot('import-invalid-policy.png'), fullPage: true });

  // The snapshot holds none of that file's policies: the four valid ones next to the rejected one are not stored either.
  await page.goto('/');
  const row = page.getByTestId('snapshot-row').filter({ hasText: name });
  await expect(row.locator('[data-count="policies"]')).toHaveText('0');
});

test('a new snapshot whose files all fail is not created; an unknown format is explained once, in the page’s terms', async ({ page, request }) => {
  const name = uniqueSnapshotName('e2e nothing imported');
  await page.goto('/import');
  await page.getByTestId('file-input').setInputFiles([notes, tcpxPolicy]);
  await targetNewSnapshot(page, name);
  await page.getByTestId('start-import').click();
  await expectAllFinished(page, 2);

  const policy = fileRow(page, 'tcpx-policy.yaml');
  await expect(policy).toHaveAttribute('data-state', 'failed');
  await expect(policy.getByTestId('diagnostics')).toContainText('line 1');
  await expect(policy.getByTestId('diagnostics')).toContainText('NetworkPolicy boutique/api ignored (the API server would reject it): spec.ingress[0].ports[0].protocol: unsupported protocol "TCPX"');

  const unknown = fileRow(page, 'notes.txt');
  await expect(unknown).toHaveAttribute('data-state', 'failed');
  const reason = 'format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log';
  await expect(unknown.getByText(reason)).toHaveCount(1);
  await expect(unknown.getByTestId('import-hint')).toHaveText(/paste that format under “Custom Envoy \/ Istio log format”/);
  await expect(unknown).not.toContainText('--');

  await expect(page.getByTestId('snapshot-not-created')).toHaveText(`Nothing was imported, so the snapshot “${name}” was not created.`);
  await expect(page).toHaveURL(/\/import$/);
  await expect(page.getByRole('link', { name: 'Open graph →' })).toHaveCount(0);
  await page.screenshot({ path: shot('import-nothing-imported.png'), fullPage: true });

  // Not in the snapshot list, nor in the API that Compare's baseline picker reads.
  await page.goto('/');
  await expect(page.getByTestId('snapshot-row').first()).toBeVisible();
  await expect(page.getByTestId('snapshot-row').filter({ hasText: name })).toHaveCount(0);
  const list = (await (await request.get('/api/snapshots')).json()) as { snapshots: { name: string }[] };
  expect(list.snapshots.map((s) => s.name)).not.toContain(name);
});
