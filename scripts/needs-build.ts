import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** What a production build depends on; a change to any of these after the last build triggers a new one. */
const SOURCES = ['app', 'components', 'lib', 'public', 'package.json', 'package-lock.json', 'next.config.mjs', 'tsconfig.json', 'postcss.config.mjs'];
const SKIP = new Set(['node_modules', '.next', '.eastwest', 'test-results']);

/**
 * A simple freshness check for `npm start`: build when there is no `.next/BUILD_ID` or when a source
 * file is newer than it. Tests (`*.test.ts`) do not go into the bundle and are ignored.
 */
export function needsBuild(root: string): { build: boolean; reason: string } {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return { build: true, reason: 'no production build yet' };
  const builtAt = statSync(buildId).mtimeMs;
  for (const source of SOURCES) {
    const changed = newerThan(path.join(root, source), builtAt);
    if (changed) return { build: true, reason: `${path.relative(root, changed)} changed since the last build` };
  }
  return { build: false, reason: 'the build is up to date' };
}

function newerThan(p: string, time: number): string | null {
  if (!existsSync(p)) return null;
  const st = statSync(p);
  if (st.isFile()) return st.mtimeMs > time && !/\.test\.tsx?$/.test(p) ? p : null;
  if (!st.isDirectory()) return null;
  for (const entry of readdirSync(p)) {
    if (SKIP.has(entry)) continue;
    const found = newerThan(path.join(p, entry), time);
    if (found) return found;
  }
  return null;
}
