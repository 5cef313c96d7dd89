import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Prisma's schema engine compiled to WebAssembly, driven through the pg driver adapter.
 * The native `schema-engine` binary that `prisma migrate` downloads is unavailable offline,
 * so Eastwest applies and creates migrations with this build (see /work/shared/NOTES.md).
 *
 * The package's default entry imports the `.wasm` file as an ES module, which Node rejects;
 * like Prisma 6.19's CLI we compile the module ourselves and hand its exports to the JS glue.
 */
// On globalThis, not in a module variable: the JS glue is a Node-cached module shared by every
// re-evaluation of this file (Vitest re-runs it per test file), and instantiating a second WASM
// instance under the same glue corrupts the first one's pending callbacks.
const globalWasm = globalThis as unknown as { __eastwestSchemaEngineWasm?: Promise<void> };

/** The glue reports Rust panics through this global (as Prisma's CLI sets it); we attach the message to the error. */
const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void }; __eastwestLastPanic?: string };
panics.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message: string) => { if (process.env.EASTWEST_DEBUG) console.error('schema engine panic:', message); panics.__eastwestLastPanic = message; } };

function loadWasm(): Promise<void> {
  return (globalWasm.__eastwestSchemaEngineWasm ??= (async () => {
    const require = createRequire(import.meta.url);
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const bytes = await readFile(path.join(dir, 'schema_engine_bg.wasm'));
    const wasmModule = new WebAssembly.Module(bytes);
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': withUnrefTimers(bindings as unknown as WebAssembly.ModuleImports) });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })());
}

/**
 * The engine arms 10 s timers (connection timeouts) that it never clears; unref them so a finished
 * script exits at once instead of lingering. The glue's import names carry a hash suffix.
 */
function withUnrefTimers(imports: WebAssembly.ModuleImports): WebAssembly.ModuleImports {
  const patched: WebAssembly.ModuleImports = { ...imports };
  for (const [name, value] of Object.entries(imports)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      patched[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return patched;
}

export const EMPTY_FILTERS = { externalTables: [], externalEnums: [] };

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * Runs `fn` with an engine connected to `databaseUrl` and frees it afterwards.
 * The engine creates its shadow database (for diffs from a migrations directory) through the
 * same adapter: PrismaPg's `connectToShadowDb` creates a throw-away database and drops it.
 */
export async function withSchemaEngine<T>(databaseUrl: string, schema: SchemaFile, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const logs: string[] = [];
  // Split the URL into fields: PrismaPg's shadow database sets `database` on a copy of the pool
  // options, and in node-postgres a `connectionString` would override it (connection-parameters.js).
  const config = parseIntoClientConfig(databaseUrl);
  const pool = new pg.Pool({ ...config, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(withShadowDatabase(new PrismaPg(pool), pool, config));
  try {
    const engine = await bindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, (log: string) => logs.push(log), adapter);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    const panic = panics.__eastwestLastPanic;
    panics.__eastwestLastPanic = undefined;
    if (panic) throw Object.assign(new Error(`Prisma schema engine panicked: ${panic.split('\n')[0]}`), { cause: error });
    throw toEngineError(error);
  } finally {
    // The engine does not dispose the adapter; end the pool so the process can exit.
    await pool.end();
  }
}

/**
 * PrismaPg's own `connectToShadowDb` drops the shadow database before closing the pool connected to
 * it, which PostgreSQL refuses ("is being accessed by other users") and leaks the database.
 * This one closes the pool first and drops with FORCE.
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

/** The engine rejects with plain objects or strings; turn them into Errors with a readable message. */
function toEngineError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (typeof error === 'string') return new Error(error);
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; error?: unknown; meta?: unknown };
    const message = typeof e.message === 'string' ? e.message : typeof e.error === 'string' ? e.error : JSON.stringify(error);
    return Object.assign(new Error(message), { cause: error });
  }
  return new Error(String(error));
}
