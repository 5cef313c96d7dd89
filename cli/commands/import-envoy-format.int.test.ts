import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { getPrisma } from '../../lib/db';
import { setupTestDatabase } from '../../lib/db/test-support/setup-test-database';
import { runEastwestAsync } from '../testing/run-eastwest';

/** `eastwest import --envoy-format @meshconfig.yaml` as a user runs it, against a test database. */
const db = setupTestDatabase();
const root = path.resolve(import.meta.dirname, '../..');
const boutique = (rel: string) => path.join(root, 'fixtures/boutique', rel);

/** Only --database-url names the database. */
const eastwest = (args: string[]) => runEastwestAsync(args, { databaseUrl: null });

describe('eastwest import --envoy-format', () => {
  test('the MeshConfig provider format reads a custom text log: every line imported, edges resolved', async () => {
    const r = await eastwest([
      'import', '--snapshot', 'envoy custom', '--database-url', db.url,
      '--envoy-format', `@${boutique('istio/meshconfig-text-with-peers.yaml')}`,
      boutique('kubernetes/cluster-state.json'), boutique('istio/istio-proxy-access-custom-peer-identity.log'),
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/istio-proxy-access-custom-peer-identity\.log: succeeded \(envoy-text\), read 10, imported \d+/);
    expect(r.stdout).not.toContain('invalid-record');
    const snapshot = await getPrisma().snapshot.findFirstOrThrow({ where: { name: 'envoy custom' } });
    expect(await getPrisma().trafficEdge.count({ where: { snapshotId: snapshot.id, source: 'boutique/checkoutservice', destination: 'boutique/paymentservice' } })).toBeGreaterThan(0);
  });

  test('a format that cannot be read stops before the database is touched (exit 2)', async () => {
    const r = await eastwest(['import', '--snapshot', 'envoy bad', '--database-url', db.url, '--envoy-format', 'apiVersion: v1\nkind: Service\n', boutique('istio/istio-proxy-access-custom-peer-identity.log')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--envoy-format: cannot use this format');
    expect(await getPrisma().snapshot.count({ where: { name: 'envoy bad' } })).toBe(0);
  });
});
