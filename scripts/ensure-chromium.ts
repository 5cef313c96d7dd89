import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * Playwright drives the system Chromium: `npx playwright install` downloads browsers, which
 * air-gapped machines cannot do. Debian's `chromium` package installs it at /usr/bin/chromium.
 * CHROMIUM_PATH overrides the location (e.g. a Chrome binary elsewhere).
 */
export const chromiumPath = process.env.CHROMIUM_PATH?.trim() || '/usr/bin/chromium';

export type ChromiumCheck = { ok: true; path: string; installed: boolean } | { ok: false; message: string };

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const installHint = [
  `Chromium was not found at ${chromiumPath}. The browser tests need it. Install it with:`,
  '    sudo apt-get update && sudo apt-get install -y chromium      # Debian, Ubuntu',
  'or point CHROMIUM_PATH at a Chromium or Chrome binary, then run the tests again.',
].join('\n');

/** Uses the system Chromium; as root on a machine with apt-get, installs Debian's `chromium` package. */
export function ensureChromium(): ChromiumCheck {
  if (isExecutable(chromiumPath)) return { ok: true, path: chromiumPath, installed: false };
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || process.env.CHROMIUM_PATH || !isExecutable('/usr/bin/apt-get')) return { ok: false, message: installHint };
  console.log(`Chromium is missing; installing Debian's chromium package (running as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const run = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (run.status !== 0) return { ok: false, message: `\`apt-get ${args.join(' ')}\` failed (exit ${run.status ?? run.signal}).\n${installHint}` };
  }
  return isExecutable(chromiumPath) ? { ok: true, path: chromiumPath, installed: true } : { ok: false, message: installHint };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = ensureChromium();
  if (result.ok) console.log(`Chromium: ${result.path}${result.installed ? ' (just installed)' : ''}`);
  else console.error(result.message);
  process.exit(result.ok ? 0 : 1);
}
