import { describe, expect, test } from 'vitest';
import { createDraft, createSnapshot, deleteDraft, deleteSnapshot, getDraft, listDrafts, updateDraft, type DbErrorCode, type EdgeDecisionRecord, type NewDraft } from './index';
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

const dropFrontendToCart: EdgeDecisionRecord = { decision: 'drop', source: 'boutique/frontend', destination: 'boutique/cartservice', port: 7070, protocol: 'TCP' };
const grantGetUsers: EdgeDecisionRecord = { decision: 'grant', source: 'shop/api-gateway', destination: 'shop/users', port: 8080, protocol: 'TCP', operations: [{ method: 'GET', pathTemplate: '/api/v1/users/{id}' }] };

const boutiqueDraft = (snapshotId: string): NewDraft => ({ snapshotId, name: 'boutique', scope: { kind: 'namespace', namespaces: ['boutique'], from: '2026-03-12T09:00:00Z' }, kinds: ['networkpolicy', 'istio'] });

describe('drafts', () => {
  test('create, get and list round-trip scope, kinds and decisions', async () => {
    const snapshot = await createSnapshot(stagingSnapshot);
    const created = await createDraft({ ...boutiqueDraft(snapshot.id), decisions: [dropFrontendToCart], yaml: 'kind: NetworkPolicy\n' });
    expect(created).toMatchObject({ ...boutiqueDraft(snapshot.id), decisions: [dropFrontendToCart], yaml: 'kind: NetworkPolicy\n' });
    expect(await getDraft(created.id)).toEqual(created);
    const second = await createDraft({ ...boutiqueDraft(snapshot.id), name: 'whole', scope: { kind: 'snapshot' } });
    expect(second.decisions).toEqual([]);
    expect((await listDrafts(snapshot.id)).map((d) => d.name)).toEqual(['whole', 'boutique']);
  });

  test('update changes only the given fields and moves the draft to the top of the list', async () => {
    const snapshot = await createSnapshot(prodSnapshot);
    const first = await createDraft(boutiqueDraft(snapshot.id));
    await createDraft({ ...boutiqueDraft(snapshot.id), name: 'later' });
    const updated = await updateDraft(first.id, { decisions: [dropFrontendToCart, grantGetUsers], yaml: 'x: 1\n' });
    expect(updated).toMatchObject({ name: 'boutique', kinds: ['networkpolicy', 'istio'], scope: first.scope, decisions: [dropFrontendToCart, grantGetUsers], yaml: 'x: 1\n' });
    expect(updated.updatedAt.getTime()).toBeGreaterThan(first.updatedAt.getTime());
    expect((await listDrafts(snapshot.id))[0]?.id).toBe(first.id);
  });

  test.each([
    { id: '00000000-0000-4000-8000-000000000000', why: 'unknown UUID' },
    { id: 'not-a-uuid', why: 'not a UUID' },
  ])('get, update and delete of $why are not-found', async ({ id }) => {
    expect(await errorCode(getDraft(id))).toBe('not-found');
    expect(await errorCode(updateDraft(id, { name: 'x' }))).toBe('not-found');
    expect(await errorCode(deleteDraft(id))).toBe('not-found');
  });

  test('a draft of an unknown snapshot is not-found; deleting the snapshot deletes its drafts', async () => {
    expect(await errorCode(createDraft(boutiqueDraft('00000000-0000-4000-8000-000000000000')))).toBe('not-found');
    const snapshot = await createSnapshot({ ...stagingSnapshot, name: 'to delete' });
    const draft = await createDraft(boutiqueDraft(snapshot.id));
    await deleteSnapshot(snapshot.id);
    expect(await errorCode(getDraft(draft.id))).toBe('not-found');
    expect(await listDrafts(snapshot.id)).toEqual([]);
  });

  test('delete removes the draft', async () => {
    const snapshot = await createSnapshot({ ...prodSnapshot, name: 'delete draft' });
    const draft = await createDraft(boutiqueDraft(snapshot.id));
    await deleteDraft(draft.id);
    expect(await errorCode(getDraft(draft.id))).toBe('not-found');
  });
});
