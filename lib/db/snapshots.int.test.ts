import { describe, expect, test } from 'vitest';
import { createSnapshot, deleteSnapshot, getSnapshot, getSnapshotWithCounts, listSnapshotsWithCounts, type DbErrorCode } from './index';
import { prodSnapshot, stagingSnapshot } from './test-support/fixtures';
import { setupTestDatabase } from './test-support/setup-test-database';

setupTestDatabase();

async function errorCode(promise: Promise<unknown>): Promise<DbErrorCode | 'none'> {
  try {
    await promise;
    return 'none';
  } catch (error) {
    return (error as { code?: DbErrorCode }).code ?? 'none';
  }
}

describe('snapshots', () => {
  test('create, get and list with zero counts, newest first', async () => {
    const staging = await createSnapshot(stagingSnapshot);
    const prod = await createSnapshot(prodSnapshot);
    expect(staging).toMatchObject({ ...stagingSnapshot, isDemo: false, isBaseline: false, trafficFrom: null });
    expect(await getSnapshot(prod.id)).toMatchObject(prodSnapshot);
    expect(await getSnapshotWithCounts(prod.id)).toMatchObject({ ...prodSnapshot, counts: { namespaces: 0, workloads: 0, policies: 0, edges: 0 } });
    const list = await listSnapshotsWithCounts();
    expect(list.map((s) => s.id)).toEqual([prod.id, staging.id]);
  });

  test('a name is unique within its cluster, not across clusters', async () => {
    expect(await errorCode(createSnapshot(stagingSnapshot))).toBe('conflict');
    expect(await errorCode(createSnapshot({ ...stagingSnapshot, cluster: 'other-cluster' }))).toBe('none');
  });

  test.each([
    { id: '00000000-0000-4000-8000-000000000000', why: 'unknown UUID' },
    { id: 'not-a-uuid', why: 'not a UUID' },
  ])('get and delete of $why are not-found', async ({ id }) => {
    expect(await errorCode(getSnapshot(id))).toBe('not-found');
    expect(await errorCode(deleteSnapshot(id))).toBe('not-found');
  });

  test('delete removes the snapshot', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'to delete' });
    await deleteSnapshot(s.id);
    expect(await errorCode(getSnapshot(s.id))).toBe('not-found');
    expect((await listSnapshotsWithCounts()).map((x) => x.id)).not.toContain(s.id);
  });
});
