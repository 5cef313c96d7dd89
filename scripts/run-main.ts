import { isDbError } from '@/lib/db/errors';

/**
 * Runs a script's main function; failures the user can act on (bad DATABASE_URL, server down)
 * print one line, not a stack trace. Set EASTWEST_DEBUG=1 for the full error.
 */
export async function runMain(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (process.env.EASTWEST_DEBUG) console.error(error);
    const message = error instanceof Error ? error.message : String(error);
    console.error(`eastwest: ${isDbError(error) ? message : message.split('\n')[0]}`);
    process.exitCode = 1;
  }
}
