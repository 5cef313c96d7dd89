// Pod lifetimes (Pod.startTime/endTime columns, migration 20261123160000_pod_lifetimes) through PostgreSQL, and
// traffic imported into a snapshot resolved by time (fixtures/inventory/boutique-ip-reuse.yaml: a Completed Job
// pod had 10.0.2.84 until 09:39:30, cartservice has it since 09:40:00).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildInventory } from '@/lib/inventory';
import { parseManifestText } from '@/lib/manifest';
import { withPgClient } from './connection';
import { createSnapshot, importFiles, loadSnapshotContent } from './index';
import { bytesUpload } from './import/testing';
import { setupTestDatabase } from './test-support/setup-test-database';

const db = setupTestDatabase();
const FIXTURE = path.join(process.cwd(), 'fixtures', 'inventory', 'boutique-ip-reuse.yaml');
const fixtureText = readFileSync(FIXTURE, 'utf8');

// AWS VPC flow logs v2 from frontend (10.0.1.57) to 10.0.2.84:7070: during the Job (09:30–09:31), during
// cartservice (09:41–09:42), and one aggregation window across the handover (09:39–09:41).
const FLOWS = [
  'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status',
  '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39922 7070 6 29 3922 1773307800 1773307860 ACCEPT OK',
  '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39920 7070 6 29 3922 1773308460 1773308520 ACCEPT OK',
  '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39918 7070 6 29 3922 1773308340 1773308460 ACCEPT OK',
].join('\n');

async function snapshotWithFixture(name: string): Promise<string> {
  const s = await createSnapshot({ name, cluster: 'boutique-ip-reuse', environment: 'prod' });
  const [result] = await importFiles(s.id, [bytesUpload('boutique-ip-reuse.yaml', fixtureText)]);
  expect(result?.status).toBe('succeeded');
  return s.id;
}

describe('pod lifetimes in the database', () => {
  test('startTime and endTime round-trip through the Pod table', async () => {
    const id = await snapshotWithFixture('round trip');
    const expected = buildInventory(parseManifestText(fixtureText, 'boutique-ip-reuse.yaml').value).value.pods;
    const loaded = (await loadSnapshotContent(id)).inventory.pods;
    const times = (pods: typeof loaded) => pods.map((p) => [p.name, p.startTime, p.endTime]).sort();
    expect(times(loaded)).toEqual(times(expected));
    const rows = await withPgClient(db.url, async (c) => (await c.query(`SELECT name, "startTime", "endTime" FROM "Pod" WHERE "snapshotId" = $1 AND name = 'cart-redis-flush-q8x2k'`, [id])).rows);
    expect(rows).toEqual([{ name: 'cart-redis-flush-q8x2k', startTime: new Date('2026-03-12T09:20:01Z'), endTime: new Date('2026-03-12T09:39:30Z') }]);
  });

  test('traffic imported into the snapshot goes to the pod that had the IP at the time, and the handover is ambiguous', async () => {
    const id = await snapshotWithFixture('resolve by time');
    const [result] = await importFiles(id, [bytesUpload('flows.log', FLOWS)]);
    expect(result).toMatchObject({ status: 'succeeded', format: 'aws-vpc' });
    const content = await loadSnapshotContent(id);
    expect(content.edges.map((e) => [e.source, e.destination, e.port, e.firstSeen]).sort()).toEqual([
      ['boutique/frontend', 'boutique/cart-redis-flush', 7070, '2026-03-12T09:30:00.000Z'],
      ['boutique/frontend', 'boutique/cartservice', 7070, '2026-03-12T09:41:00.000Z'],
      ['boutique/frontend', 'unresolved:ambiguous-ip', 7070, '2026-03-12T09:39:00.000Z'],
    ]);
    expect(content.unresolved.map((u) => [u.side, u.reason, u.value, u.endpoint, u.count])).toEqual([
      ['destination', 'ambiguous-ip', '10.0.2.84 from 2026-03-12T09:39:00Z to 2026-03-12T09:41:00Z', 'unresolved:ambiguous-ip', 1],
    ]);
  });
});
