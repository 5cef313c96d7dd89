import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { beforeEach, describe, expect, test } from 'vitest';
import { withPgClient } from './connection';
import { DEMO_SNAPSHOT, ensureDemoSnapshot, getSnapshotWithCounts, listSnapshotsWithCounts } from './index';
import { BOUTIQUE_DIR } from './test-support/fixtures';
import { setupTestDatabase } from './test-support/setup-test-database';

const db = setupTestDatabase();

async function demoCount(): Promise<number> {
  return (await listSnapshotsWithCounts()).filter((s) => s.isDemo).length;
}

beforeEach(async () => {
  await withPgClient(db.url, (c) => c.query('DELETE FROM "Snapshot"'));
});

describe('ensureDemoSnapshot', () => {
  test('loads the Online Boutique demo once, with the fixture counts', async () => {
    const first = await ensureDemoSnapshot(db.url, BOUTIQUE_DIR);
    expect(first.created).toBe(true);
    expect(first.snapshot).toMatchObject({ ...DEMO_SNAPSHOT, isDemo: true });

    const cluster = JSON.parse(await readFile(path.join(BOUTIQUE_DIR, 'kubernetes', 'cluster-state.json'), 'utf8')) as { items: { kind: string }[] };
    const counts = (await getSnapshotWithCounts(first.snapshot.id)).counts;
    expect(counts.namespaces).toBe(cluster.items.filter((i) => i.kind === 'Namespace').length);
    expect(counts.workloads).toBeGreaterThan(0);
    expect(counts.policies).toBeGreaterThan(0);
    expect(counts.edges).toBeGreaterThan(0);
    expect(first.snapshot.trafficFrom).not.toBeNull();

    const second = await ensureDemoSnapshot(db.url, BOUTIQUE_DIR);
    expect(second).toMatchObject({ created: false, snapshot: { id: first.snapshot.id } });
    expect(await demoCount()).toBe(1);
  });

  test('concurrent calls create exactly one demo', async () => {
    const results = await Promise.all([ensureDemoSnapshot(db.url, BOUTIQUE_DIR), ensureDemoSnapshot(db.url, BOUTIQUE_DIR), ensureDemoSnapshot(db.url, BOUTIQUE_DIR)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.snapshot.id)).size).toBe(1);
    expect(await demoCount()).toBe(1);
  });

  test('a process killed halfway through loading leaves no demo; the next start loads exactly one', async () => {
    // Hold a lock on the edge table so the loader blocks after writing the snapshot, inventory and policies.
    const blocker = new pg.Client({ connectionString: db.url });
    blocker.on('error', () => undefined);
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE "TrafficEdge" IN ACCESS EXCLUSIVE MODE');

    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'test-support', 'run-ensure-demo.ts')], {
      env: { ...process.env, DATABASE_URL: db.url },
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Wait (by polling the server, not a timer guess) until the loader's transaction waits on that lock.
    const loaderPid = await waitForLockWaiter(db.url);
    const inside = await blocker.query('SELECT count(*)::int AS n FROM "Snapshot"');
    expect(inside.rows[0].n).toBe(0); // the loader's uncommitted snapshot row is invisible

    child.kill('SIGKILL');
    await exited;
    await blocker.query('COMMIT');
    await blocker.query('SELECT pg_terminate_backend($1)', [loaderPid]);
    await blocker.end();

    expect(await demoCount()).toBe(0);
    const again = await ensureDemoSnapshot(db.url, BOUTIQUE_DIR);
    expect(again.created).toBe(true);
    expect(await demoCount()).toBe(1);
  });
});

/** Polls from its own connection: inside a transaction pg_stat_activity is a frozen snapshot. */
async function waitForLockWaiter(url: string): Promise<number> {
  for (;;) {
    const pid = await withPgClient(url, async (c) => {
      const r = await c.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' LIMIT 1`);
      return r.rows[0]?.pid as number | undefined;
    });
    if (pid !== undefined) return pid;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
