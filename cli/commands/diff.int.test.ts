import { beforeAll, describe, expect, test } from 'vitest';
import { createSnapshot, saveSnapshotContent } from '../../lib/db';
import { readDemoContent } from '../../lib/db/demo';
import { BOUTIQUE_DIR } from '../../lib/db/test-support/fixtures';
import { setupTestDatabase } from '../../lib/db/test-support/setup-test-database';
import { newShippingToPayment } from '../../lib/findings/testing/boutique-timeline';
import { runEastwest } from '../testing/run-eastwest';

/** `eastwest diff` between stored snapshots (`snapshot:<name>`), as a subprocess against a test database. */
const database = setupTestDatabase();

beforeAll(async () => {
  const { content } = await readDemoContent(BOUTIQUE_DIR);
  const a = await createSnapshot({ name: 'monday', cluster: 'boutique-prod', environment: 'prod' });
  const b = await createSnapshot({ name: 'tuesday', cluster: 'boutique-prod', environment: 'prod' });
  await saveSnapshotContent(a.id, content);
  await saveSnapshotContent(b.id, { ...content, edges: [...content.edges, newShippingToPayment] });
});

const eastwest = (...args: string[]) => runEastwest(args, { databaseUrl: database.url });

describe('eastwest diff snapshot:<name>', { timeout: 60_000 }, () => {
  test('a new unauthorized caller between two stored snapshots: exit 1', () => {
    const r = eastwest('diff', '--baseline', 'snapshot:boutique-prod/monday', '--current', 'snapshot:tuesday', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const c = JSON.parse(r.stdout) as { newCallers: { source: string; destination: string }[] };
    expect(c.newCallers.map((n) => `${n.source} -> ${n.destination}`)).toEqual(['boutique/shippingservice -> boutique/paymentservice']);
  });

  test('the reverse direction has nothing new: exit 0', () => {
    const r = eastwest('diff', '--baseline', 'snapshot:tuesday', '--current', 'snapshot:monday');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Edges gone (1):');
  });

  test('an unknown snapshot: exit 2', () => {
    const r = eastwest('diff', '--baseline', 'snapshot:sunday', '--current', 'snapshot:monday');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('not found');
  });
});
