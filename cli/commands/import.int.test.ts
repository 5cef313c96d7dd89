import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, getPrisma } from '../../lib/db';
import { importRowCounts } from '../../lib/db/test-support/row-counts';
import { setupTestDatabase } from '../../lib/db/test-support/setup-test-database';
import { runEastwestAsync } from '../testing/run-eastwest';

/** `eastwest import` as a user runs it: a subprocess against a test database given with --database-url. */
const db = setupTestDatabase();
const root = path.resolve(import.meta.dirname, '../..');
const boutique = (rel: string) => path.join(root, 'fixtures/boutique', rel);

/** Only --database-url names the database. */
const eastwest = (args: string[]) => runEastwestAsync(args, { databaseUrl: null });

let badFile: string;
/** A valid NetworkPolicy, then one the API server would refuse (its document starts on line 8). */
let badPolicyFile: string;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'eastwest-import-cli-'));
  const lines = (await readFile(boutique('hubble/hubble-observe.jsonl'), 'utf8')).trimEnd().split('\n');
  badFile = path.join(dir, 'bad.jsonl');
  await writeFile(badFile, [lines[0], lines[1], 'garbage', lines[2], '{"flow":', ...lines.slice(3)].join('\n'));
  badPolicyFile = path.join(dir, 'policies.yaml');
  const netpol = (name: string, protocol: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  podSelector: {}\n  ingress: [{ports: [{protocol: ${protocol}, port: 80}]}]\n`;
  await writeFile(badPolicyFile, `${netpol('web', 'TCP')}---\n${netpol('api', 'TCPX')}`);
});

describe('eastwest import', () => {
  test('creates the snapshot and imports manifests and traffic in one go (exit 0)', async () => {
    const r = await eastwest(['import', '--snapshot', 'cli boutique', '--cluster', 'boutique-prod', '--environment', 'prod', '--database-url', db.url, boutique('hubble'), boutique('kubernetes/cluster-state.json'), boutique('policies/networkpolicy.yaml')]);
    expect(r.stderr).toContain('created snapshot "cli boutique"');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hubble-observe\.jsonl: succeeded \(hubble\), read 36, imported \d+, skipped: /);
    expect(r.stdout).toMatch(/cluster-state\.json: succeeded \(kubernetes\)/);
    expect(r.stdout).toContain('snapshot "cli boutique": 3 imported, 0 already imported, 0 failed');
    const snapshot = await getPrisma().snapshot.findFirstOrThrow({ where: { name: 'cli boutique' }, include: { _count: { select: { edges: true, workloads: true, policies: true } } } });
    expect(snapshot).toMatchObject({ cluster: 'boutique-prod', environment: 'prod' });
    expect(snapshot._count.policies).toBe(13);
    expect(snapshot._count.workloads).toBeGreaterThan(0);
    // Manifests went first: traffic resolved to workloads, not to bare IPs.
    expect(await getPrisma().trafficEdge.count({ where: { snapshotId: snapshot.id, source: 'boutique/checkoutservice', destination: 'boutique/paymentservice' } })).toBeGreaterThan(0);
  });

  test('the same files again are reported as already imported (exit 0)', async () => {
    const r = await eastwest(['import', '--snapshot', 'cli boutique', '--database-url', db.url, boutique('hubble/hubble-observe.jsonl')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/hubble-observe\.jsonl: duplicate \(hubble\).*\n\s+already imported on .* as .*hubble-observe\.jsonl/);
  });

  test('bad records are listed with file:line; over the threshold the file fails (exit 1)', async () => {
    const ok = await eastwest(['import', '--snapshot', 'cli bad', '--database-url', db.url, badFile]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`${badFile}:3: warning:`);
    expect(ok.stdout).toContain(`${badFile}:5: warning:`);
    expect(ok.stdout).toMatch(/skipped: .*invalid-json 2/);
    // Documented per-record behaviour: the good records are in, and the file does not pass for a clean success.
    expect(ok.stdout).toContain(`${badFile}: succeeded, 2 rejected (hubble)`);
    expect(ok.stdout).toContain('snapshot "cli bad": 1 imported (1 with rejected records), 0 already imported, 0 failed');
    const failed = await eastwest(['import', '--snapshot', 'cli bad 2', '--database-url', db.url, '--bad-record-threshold', '1', badFile]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('bad.jsonl: failed (hubble)');
    expect(failed.stdout).toContain('[too-many-bad-records]');
  });

  test.each([
    { name: 'into an existing snapshot', snapshot: 'cli killed', existing: true },
    { name: 'into a new snapshot: not even the snapshot remains', snapshot: 'cli killed new', existing: false },
  ])('killed halfway (SIGKILL inside its transaction), an import leaves nothing behind: $name', async ({ snapshot, existing }) => {
    if (existing) await createSnapshot({ name: snapshot, cluster: 'default', environment: 'default' });
    const before = await importRowCounts();
    const hubble = await readFile(boutique('hubble/hubble-observe.jsonl'));
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'cli/main.ts'), 'import', '--snapshot', snapshot, '--database-url', db.url, '/dev/stdin'], { cwd: root, stdio: ['pipe', 'ignore', 'ignore'] });
    const exited = new Promise((resolve) => child.on('close', resolve));
    child.stdin.on('error', () => undefined); // EPIPE once it is killed: expected
    // More than the 64 KiB the importer sniffs before its transaction; the pipe stays open, so it waits for more.
    child.stdin.write(Buffer.concat(Array.from({ length: 3 }, () => hubble)));
    // Inside the transaction: the importer holds the snapshot's row lock (FOR UPDATE takes RowShareLock on the table).
    const inTransaction = async () =>
      (await getPrisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'Snapshot' AND l.mode = 'RowShareLock' AND l.pid <> pg_backend_pid()`)[0]!.n > 0n;
    while (!(await inTransaction())) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGKILL');
    await exited;
    expect(await importRowCounts()).toEqual(before);
    // and the snapshot is not left locked: a new import goes through
    const again = await eastwest(['import', '--snapshot', snapshot, '--database-url', db.url, boutique('hubble/hubble-observe.jsonl')]);
    expect(again.code).toBe(0);
    expect(await getPrisma().snapshot.count({ where: { name: snapshot } })).toBe(1);
  });

  test('a new snapshot whose files all fail is not created: exit 1, each error with its hint, nothing left behind', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'eastwest-import-cli-fail-'));
    const notes = path.join(dir, 'notes.txt');
    await writeFile(notes, 'meeting notes, not a log\n');
    const before = await importRowCounts();
    const r = await eastwest(['import', '-s', 'cli all failed', '--database-url', db.url, notes, badPolicyFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${notes}: failed, read 0, imported 0`);
    expect(r.stdout).toContain(`${notes}:1: error: format not recognised: neither Kubernetes manifests (apiVersion and kind) nor a known traffic log [unknown-format]`);
    expect(r.stdout).toMatch(/\n {2}hint: if it is a traffic log, name its format with --format \(hubble, .*\); Envoy\/Istio logs in a custom format need --envoy-format\n/);
    expect(r.stdout).toContain(`${badPolicyFile}:8: error: NetworkPolicy shop/api ignored (the API server would reject it): spec.ingress[0].ports[0].protocol: unsupported protocol "TCPX" [invalid-policy]`);
    expect(r.stdout).toContain('snapshot "cli all failed": 0 imported, 0 already imported, 2 failed; nothing was imported, so the snapshot was not created');
    expect(r.stderr).not.toContain('created snapshot');
    expect(await importRowCounts()).toEqual(before);
  });

  test('a bad policy file fails alone in an existing snapshot: its valid policies are not stored either', async () => {
    const before = await importRowCounts();
    const r = await eastwest(['import', '-s', 'cli boutique', '--database-url', db.url, badPolicyFile]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${badPolicyFile}: failed (kubernetes), read 2, imported 0, skipped: invalid-policy 1`);
    expect(r.stdout).toContain('nothing imported: an error in this file (listed below); correct it and import the file again');
    expect(r.stdout).toContain(`${badPolicyFile}:8:`);
    const after = await importRowCounts();
    expect({ ...after, jobs: after.jobs - 1 }).toEqual(before); // the failure is recorded, nothing of the content
  });

  test.each([
    { name: 'no --snapshot', args: ['import', 'x.json'] },
    { name: 'no file', args: ['import', '--snapshot', 's'] },
    { name: 'unknown --format', args: ['import', '--snapshot', 's', '--format', 'pcap', 'x.json'] },
    { name: 'missing file', args: ['import', '--snapshot', 's', '/nonexistent/flows.json'] },
    { name: 'bad threshold', args: ['import', '--snapshot', 's', '--bad-record-threshold', 'many', 'x.json'] },
  ])('bad usage exits 2: $name', async ({ args }) => {
    const r = await eastwest([...args, '--database-url', db.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toBe('');
  });
});
