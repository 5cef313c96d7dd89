import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * The driver adapter the schema engine talks to PostgreSQL through: PrismaPg over one pool, with
 * three fixes for PrismaPg 7.10 when used for migrations (each explained below).
 */
export function createMigrationAdapter(databaseUrl: string) {
  // Split the URL into fields: the shadow database copies this config with another `database`,
  // and in node-postgres a `connectionString` would override it (connection-parameters.js).
  const config = parseIntoClientConfig(databaseUrl);
  const pool = new pg.Pool({ ...config, max: 2 });
  return {
    adapter: bindMigrationAwareSqlAdapterFactory(withShadowDatabase(new PrismaPg(pool), pool, config)),
    // The engine does not dispose the adapter; ending the pool lets the process exit.
    close: () => pool.end(),
  };
}

/**
 * PrismaPg's own `connectToShadowDb` drops the shadow database before closing the pool connected to
 * it, which PostgreSQL refuses ("is being accessed by other users") and leaks the database.
 * This one closes the pool first, then drops it (see dropWhenClosed).
 */
function withShadowDatabase(factory: PrismaPg, main: pg.Pool, config: pg.ClientConfig): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => readCharAsCharacter(await factory.connect()),
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await main.query(`CREATE DATABASE "${name}"`);
      // From the parsed URL, not `main.options`: pg-pool keeps the password there as a non-enumerable property.
      const shadowPool = new pg.Pool({ ...config, database: name, max: 2 });
      const adapter = readCharAsCharacter(await new PrismaPg(shadowPool).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await shadowPool.end();
        await dropWhenClosed(main, name);
      };
      return adapter;
    },
  };
}

/**
 * A closed pool's backends may still be exiting for a moment; dropping WITH (FORCE) then kills them
 * and their clients see an error nobody listens to. Retry the plain DROP briefly, force as a last resort.
 */
async function dropWhenClosed(main: pg.Pool, name: string): Promise<void> {
  for (let attempt = 0; attempt < 40; attempt++) {
    try {
      await main.query(`DROP DATABASE IF EXISTS "${name}"`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006') throw error; // object_in_use
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  await main.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

/**
 * The engine describes a database through pg_catalog, whose `"char"` columns (OID 18: relkind,
 * contype, ...) PrismaPg 7.10 does not map ("Column type 'char' could not be deserialized"); the
 * describer reads them as Character values. node-postgres returns them as one-letter strings, so
 * we report them as `Character` (driver-adapter-utils ColumnTypeEnum). Patched around the adapter's
 * `queryRaw`, which maps types after its private `performIO`; each call gets its own view of the
 * adapter, so concurrent queries do not share state.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6;
type Fields = { fields: { dataTypeID: number }[] };
type Queryable = { performIO(query: unknown): Promise<Fields>; queryRaw(query: unknown): Promise<{ columnTypes: number[] }> };

function readCharAsCharacter<T extends object>(queryable: T): T {
  const target = queryable as T & Partial<Queryable> & { startTransaction?: (...args: unknown[]) => Promise<object> };
  const queryRaw = target.queryRaw;
  const performIO = target.performIO;
  if (queryRaw && performIO) {
    target.queryRaw = async function (query: unknown) {
      const charColumns: number[] = [];
      const view = Object.create(target, {
        performIO: {
          value: async (q: unknown) => {
            const result = await performIO.call(target, q);
            result.fields.forEach((field, i) => {
              if (field.dataTypeID === PG_CHAR_OID) {
                charColumns.push(i);
                field.dataTypeID = PG_TEXT_OID;
              }
            });
            return result;
          },
        },
      }) as Queryable;
      const result = await queryRaw.call(view, query);
      for (const i of charColumns) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      return result;
    };
  }
  const startTransaction = target.startTransaction?.bind(target);
  if (startTransaction) target.startTransaction = async (...args) => readCharAsCharacter(await startTransaction(...args));
  return queryable;
}

