import { describe, expect, test } from 'vitest';
import { createSnapshot, deleteSnapshot, listCrownJewels, tagCrownJewel, untagCrownJewel } from './index';
import { prodSnapshot } from './test-support/fixtures';
import { setupTestDatabase } from './test-support/setup-test-database';

setupTestDatabase();

const paymentservice = { targetKind: 'workload', target: 'boutique/paymentservice', reason: 'PCI: card data' } as const;
const dataNamespace = { targetKind: 'namespace', target: 'data', reason: null } as const;

describe('crown jewels', () => {
  test('tag, re-tag, list and untag', async () => {
    const s = await createSnapshot(prodSnapshot);
    await tagCrownJewel(s.id, paymentservice);
    await tagCrownJewel(s.id, dataNamespace);
    await tagCrownJewel(s.id, { ...paymentservice, reason: 'PCI scope' });
    expect(await listCrownJewels(s.id)).toEqual([dataNamespace, { ...paymentservice, reason: 'PCI scope' }]);

    await untagCrownJewel(s.id, dataNamespace);
    await untagCrownJewel(s.id, dataNamespace);
    expect(await listCrownJewels(s.id)).toEqual([{ ...paymentservice, reason: 'PCI scope' }]);
  });

  test('tags go with their snapshot, and an unknown snapshot is not-found', async () => {
    const s = await createSnapshot({ ...prodSnapshot, name: 'jewels gone' });
    await tagCrownJewel(s.id, paymentservice);
    await deleteSnapshot(s.id);
    await expect(listCrownJewels(s.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(tagCrownJewel(s.id, paymentservice)).rejects.toMatchObject({ code: 'not-found' });
  });
});
