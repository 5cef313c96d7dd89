import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';

/**
 * Loads Prisma's schema engine compiled to WebAssembly (@prisma/schema-engine-wasm, by the Prisma
 * team). The package's default entry imports the `.wasm` file as an ES module, which Node rejects;
 * like Prisma 6.19's CLI we compile the module ourselves and hand its exports to the JS glue.
 */
export { bindings };

// On globalThis, not in a module variable: the JS glue is a Node-cached module shared by every
// re-evaluation of this file (Vitest re-runs it per test file), and instantiating a second WASM
// instance under the same glue corrupts the first one's pending callbacks.
const globalWasm = globalThis as unknown as { __eastwestSchemaEngineWasm?: Promise<void> };

/** The glue reports Rust panics through this global (as Prisma's CLI sets it); we attach the message to the error. */
const panics = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void }; __eastwestLastPanic?: string };
panics.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message: (message: string) => {
    if (process.env.EASTWEST_DEBUG) console.error('schema engine panic:', message);
    panics.__eastwestLastPanic = message;
  },
};

export function loadWasm(): Promise<void> {
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


/** Takes the panic message the glue reported for the last failure, if any. */
export function takePanicMessage(): string | undefined {
  const panic = panics.__eastwestLastPanic;
  panics.__eastwestLastPanic = undefined;
  return panic;
}
