#!/usr/bin/env node
/**
 * `npm ci` refuses a lockfile that lacks an entry for any optional dependency, including the other platforms'
 * native builds (next-swc, tailwind oxide, rollup, ...). The registry mirror of our build machines lacks some
 * of those versions, so `npm install` here leaves them out of package-lock.json. This adds an entry for each
 * missing optional platform package, tagged with the os/cpu/libc its name says, so npm skips it on other
 * platforms and fetches it normally on its own. Run it after every lockfile change:
 *   npm install && node scripts/lockfile-optional-stubs.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';

const path = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32', 'wasm32'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', wasi: 'wasm32' };

let added = 0;
for (const meta of Object.values(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`;
    if (key in packages) continue;
    const name = dep.split('/').at(-1);
    const parts = name.split('-');
    const os = OS.find((o) => name.includes(`-${o}-`) || name.endsWith(`-${o}`));
    const cpu = parts.slice(1).map((p) => (p !== os ? CPU[p] : undefined)).find(Boolean);
    const entry = { version: spec, optional: true, ...(meta.dev ? { dev: true } : {}) };
    if (os === 'wasm32') entry.cpu = ['wasm32'];
    else {
      if (os) entry.os = [os];
      if (cpu) entry.cpu = [cpu];
    }
    if (name.includes('musl')) entry.libc = ['musl'];
    else if (name.includes('gnu') && os === 'linux') entry.libc = ['glibc'];
    packages[key] = entry;
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries to ${path}`);
