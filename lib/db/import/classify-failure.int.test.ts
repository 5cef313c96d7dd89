import { describe, expect, test, vi } from 'vitest';
import { createSnapshot, getPrisma, importFiles, loadSnapshotContent } from '@/lib/db';
import { setupTestDatabase } from '../test-support/setup-test-database';
import { CLUSTER_STATE, fileUpload } from './testing';

// The stored classification fails (a bug, a lost connection): the import has committed and must say so, not fail.
vi.mock('../graph-classification', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../graph-classification')>()),
  refreshGraphClassification: vi.fn(async () => {
    throw new Error('classifier exploded');
  }),
}));

setupTestDatabase();

describe('importFiles when the graph cannot be classified afterwards', () => {
  test('the files are imported, and the last one carries a warning saying the graph page will classify it', async () => {
    const s = await createSnapshot({ name: 'classify failure', cluster: 'boutique-prod', environment: 'prod' });
    const [result] = await importFiles(s.id, [fileUpload(CLUSTER_STATE)]);
    expect(result?.status).toBe('succeeded');
    expect(result?.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'graph-not-classified', message: expect.stringContaining('classifier exploded') }));
    expect((await loadSnapshotContent(s.id)).inventory.workloads.length).toBeGreaterThan(0);
    expect(await getPrisma().graphClassification.count({ where: { snapshotId: s.id } })).toBe(0);
  });
});
