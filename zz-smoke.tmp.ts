import { spawn } from 'node:child_process';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createUser, disconnectPrisma, ensureDemoSnapshot, listSnapshotsWithCounts } from '/work/main/lib/db';
import { withPgClient } from '/work/main/lib/db/connection';
import { withDatabase } from '/work/main/lib/db/database-url';
import { applyMigrations } from '/work/main/lib/db/migrate';
import { hashPassword } from '/work/main/lib/auth/password';

const admin = 'postgresql://postgres@127.0.0.1:5432/postgres';
const name = `eastwest_smoke_${randomBytes(3).toString('hex')}`;
await withPgClient(admin, (c) => c.query(`CREATE DATABASE "${name}"`));
const url = withDatabase(admin, name);
await applyMigrations(url);
process.env.DATABASE_URL = url;
await ensureDemoSnapshot(url);
await createUser({ username: 'ada', role: 'admin', passwordHash: await hashPassword('ada password 123') });
await createUser({ username: 'vera', role: 'viewer', passwordHash: await hashPassword('vera password 123') });
const snap = (await listSnapshotsWithCounts())[0]!;
await disconnectPrisma();
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, DATABASE_URL: url, NEXT_TELEMETRY_DISABLED: '1', ...(process.env.LOCAL ? {} : { EASTWEST_AUTH: '1' }) };
const child = spawn(process.execPath, ['/work/main/node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], { cwd: '/work/main', env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
try {
  for (let i = 0; i < 120; i++) { if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break; await new Promise((r) => setTimeout(r, 500)); }
  const show = async (label: string, p: Promise<Response>) => { const r = await p; const t = await r.text(); console.log(label, r.status, r.headers.get('location') ?? '', t.slice(0, 160).replace(/\s+/g, ' ')); return r; };
  const home = await show('GET / anon', fetch(`${base}/`, { redirect: 'manual' }));
  console.log(' csp', home.headers.get('content-security-policy')?.slice(0, 80), '| xcto', home.headers.get('x-content-type-options'));
  const login = await fetch(`${base}/login`);
  const html = await login.text();
  const nonce = /'nonce-([^']+)'/.exec(login.headers.get('content-security-policy') ?? '')?.[1];
  const scripts = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
  console.log('login', login.status, 'scripts', scripts.length, 'with nonce', scripts.filter((s) => nonce && s.includes(`nonce="${nonce}"`)).length);
  await show('signin wrong', fetch(`${base}/api/auth/signin`, { method: 'POST', body: JSON.stringify({ username: 'ada', password: 'nope' }), headers: { 'content-type': 'application/json' } }));
  const signin = async (u: string, p: string) => { const r = await fetch(`${base}/api/auth/signin`, { method: 'POST', body: JSON.stringify({ username: u, password: p }), headers: { 'content-type': 'application/json', origin: base } }); console.log('signin', u, r.status, r.headers.get('set-cookie')); return (r.headers.get('set-cookie') ?? '').split(';')[0]!; };
  const ada = await signin('ada', 'ada password 123');
  const vera = await signin('vera', 'vera password 123');
  await show('GET /api/snapshots vera', fetch(`${base}/api/snapshots`, { headers: { cookie: vera } }));
  await show('GET graph vera', fetch(`${base}/api/snapshots/${snap.id}/graph`, { headers: { cookie: vera } }));
  await show('POST snapshots vera', fetch(`${base}/api/snapshots`, { method: 'POST', body: '{}', headers: { cookie: vera, 'content-type': 'application/json' } }));
  await show('DELETE snapshot vera', fetch(`${base}/api/snapshots/${snap.id}`, { method: 'DELETE', headers: { cookie: vera } }));
  await show('POST snapshots ada evil origin', fetch(`${base}/api/snapshots`, { method: 'POST', body: '{}', headers: { cookie: ada, origin: 'https://evil.example', 'content-type': 'application/json' } }));
  await show('POST snapshots ada', fetch(`${base}/api/snapshots`, { method: 'POST', body: JSON.stringify({ name: 'smoke', cluster: 'c', environment: 'prod' }), headers: { cookie: ada, 'content-type': 'application/json', origin: base } }));
  await show('GET /admin vera', fetch(`${base}/admin`, { headers: { cookie: vera } }));
  await show('GET /admin ada', fetch(`${base}/admin`, { headers: { cookie: ada } }));
  await show('audit csv ada', fetch(`${base}/api/admin/audit?format=csv`, { headers: { cookie: ada } }));
  await show('signout vera', fetch(`${base}/api/auth/signout`, { method: 'POST', headers: { cookie: vera } }));
  await show('GET snapshots after signout', fetch(`${base}/api/snapshots`, { headers: { cookie: vera } }));
  await show('spoofed host', fetch(`${base}/api/snapshots`, { headers: { host: 'evil.example' } }));
  const big = await new Promise<string>((resolve) => {
    const req = http.request(`${base}/api/snapshots/${snap.id}/imports?fileName=x.jsonl`, { method: 'POST', headers: { cookie: ada, 'content-length': String(300 * 1024 * 1024) } }, (res) => { let b = ''; res.on('data', (c) => (b += c)); res.on('end', () => resolve(`${res.statusCode} ${b.slice(0, 200)}`)); });
    req.on('error', (e) => resolve(`error ${e.message}`));
    req.write('x'.repeat(1000));
    req.on('drain', () => undefined);
    setTimeout(() => req.destroy(), 3000);
  });
  console.log('huge upload', big);
} finally {
  process.kill(-child.pid!, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 1500));
  await withPgClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
