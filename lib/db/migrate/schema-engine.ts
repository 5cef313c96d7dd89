import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { createMigrationAdapter } from './adapter';
import { bindings, loadWasm, takePanicMessage } from './wasm';

/**
 * Prisma's schema engine (WebAssembly build, see wasm.ts) driven through the pg driver adapter.
 * The native `schema-engine` binary that `prisma migrate` downloads is unavailable offline, so
 * Eastwest applies and creates migrations with this build (see /work/shared/NOTES.md).
 */
export const EMPTY_FILTERS = { externalTables: [], externalEnums: [] };

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * Runs `fn` with an engine connected to `databaseUrl` and frees it afterwards. Diffs from a
 * migrations directory replay it into a throw-away shadow database on the same server.
 */
export async function withSchemaEngine<T>(databaseUrl: string, schema: SchemaFile, fn: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  await loadWasm();
  const { adapter, close } = createMigrationAdapter(databaseUrl);
  try {
    const engine = await bindings.SchemaEngine.new({ datamodels: [[schema.path, schema.content]] }, () => undefined, adapter);
    try {
      return await fn(engine);
    } finally {
      engine.free();
    }
  } catch (error) {
    const panic = takePanicMessage();
    if (panic) throw Object.assign(new Error(`Prisma schema engine panicked: ${panic.split('\n')[0]}`), { cause: error });
    throw toEngineError(error);
  } finally {
    await close();
  }
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
