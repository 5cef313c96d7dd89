/** Environment as lib/auth reads it; looser than NodeJS.ProcessEnv (which Next makes require NODE_ENV), so tests pass plain objects. */
export type Env = Readonly<Record<string, string | undefined>>;
