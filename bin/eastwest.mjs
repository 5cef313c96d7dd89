#!/usr/bin/env node
// Runs the TypeScript CLI (cli/main.ts) through tsx. Paths are resolved from this file, so `npx eastwest`
// works from any directory after install.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../cli/main.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));
const tsx = import.meta.resolve('tsx');
// tsx reads tsconfig.json (path aliases such as `@/lib`) from the working directory unless told otherwise:
// point it at the package's own, since the user runs `eastwest` from anywhere.
const child = spawn(process.execPath, ['--import', tsx, entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TSX_TSCONFIG_PATH: process.env.TSX_TSCONFIG_PATH ?? tsconfig },
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
