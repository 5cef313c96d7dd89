import { describe, expect, test } from 'vitest';
import { getPrisma, listAuditLog, recordAudit } from './index';
import { setupTestDatabase } from './test-support/setup-test-database';

setupTestDatabase();

const deleted = { actor: 'alice', action: 'snapshot.delete', targetType: 'snapshot', targetId: 's-1' };
const imported = { actor: 'cli', action: 'import', targetType: 'snapshot', targetId: 's-2', details: { files: 2 } };

describe('audit log', () => {
  test('records entries and lists them newest first, in pages', async () => {
    await recordAudit(deleted);
    await recordAudit(imported);
    const all = await listAuditLog();
    expect(all.map((e) => e.action)).toEqual(['import', 'snapshot.delete']);
    expect(all[0]).toMatchObject({ ...imported, userId: null });
    expect(await listAuditLog({ before: all[0]!.id })).toEqual([all[1]]);
  });

  test('an entry written in a rolled-back transaction disappears with it', async () => {
    const before = (await listAuditLog()).length;
    await expect(
      getPrisma().$transaction(async (tx) => {
        await recordAudit({ actor: 'bob', action: 'draft.create' }, tx);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await listAuditLog()).toHaveLength(before);
  });
});
