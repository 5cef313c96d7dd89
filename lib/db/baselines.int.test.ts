import { describe, expect, test } from 'vitest';
import { createSnapshot, findSnapshotByName, getBaseline, listTimeline, markBaseline, clearBaseline } from './index';
import { prodSnapshot, stagingSnapshot } from './test-support/fixtures';
import { setupTestDatabase } from './test-support/setup-test-database';

setupTestDatabase();

describe('baselines and the timeline', () => {
  test('one baseline per cluster: marking another unmarks the first, other clusters are untouched', async () => {
    const first = await createSnapshot({ ...prodSnapshot, name: 'week 1' });
    const second = await createSnapshot({ ...prodSnapshot, name: 'week 2' });
    const other = await createSnapshot({ ...stagingSnapshot, name: 'week 1' });
    await markBaseline(other.id);
    expect(await getBaseline(prodSnapshot.cluster)).toBeNull();
    await markBaseline(first.id);
    expect((await getBaseline(prodSnapshot.cluster))?.id).toBe(first.id);
    await markBaseline(second.id);
    expect((await getBaseline(prodSnapshot.cluster))?.id).toBe(second.id);
    expect((await getBaseline(stagingSnapshot.cluster))?.id).toBe(other.id);
    expect((await listTimeline(prodSnapshot.cluster)).map((s) => [s.name, s.isBaseline])).toEqual([['week 1', false], ['week 2', true]]);
    await clearBaseline(second.id);
    expect(await getBaseline(prodSnapshot.cluster)).toBeNull();
  });

  test('find by name: unique, narrowed by cluster, ambiguous, unknown', async () => {
    expect((await findSnapshotByName('week 2')).cluster).toBe(prodSnapshot.cluster);
    await expect(findSnapshotByName('week 1')).rejects.toMatchObject({ code: 'conflict' });
    expect((await findSnapshotByName('week 1', stagingSnapshot.cluster)).cluster).toBe(stagingSnapshot.cluster);
    await expect(findSnapshotByName('nope')).rejects.toMatchObject({ code: 'not-found' });
    await expect(markBaseline('not-a-uuid')).rejects.toMatchObject({ code: 'not-found' });
  });
});
