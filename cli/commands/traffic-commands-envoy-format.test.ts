import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runEastwest } from '../testing/run-eastwest';

/**
 * `--envoy-format` on every command that reads traffic, as a CI job on a cluster with a custom Envoy access-log format
 * runs them: a subprocess on the Online Boutique custom text log. The oracle is the same entries in Istio's JSON
 * encoding (fixtures/boutique/istio/istio-proxy-access-custom-peer-identity.jsonl), which is read without a format.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const boutique = (p: string) => path.join(ROOT, 'fixtures/boutique', p);
const CLUSTER = boutique('kubernetes/cluster-state.json');
const MESH_CONFIG = boutique('istio/meshconfig-text-with-peers.yaml');
const CUSTOM_LOG = boutique('istio/istio-proxy-access-custom-peer-identity.log');
const SAME_AS_JSON = boutique('istio/istio-proxy-access-custom-peer-identity.jsonl');
const WITH_FORMAT = ['--envoy-format', `@${MESH_CONFIG}`];
const work = mkdtempSync(path.join(tmpdir(), 'eastwest-envoy-format-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const eastwest = (...args: string[]) => runEastwest(args, { databaseUrl: null });

/** The connections of the log that were not blocked (the others are RBAC or filter-chain denials): what a draft grants. */
const FORWARDED = [
  'boutique/cartservice -> boutique/redis-cart:6379',
  'boutique/checkoutservice -> boutique/emailservice:8080',
  'boutique/checkoutservice -> boutique/paymentservice:50051',
  'boutique/loadgenerator -> boutique/frontend:8080',
  'istio-system/istio-ingressgateway -> boutique/frontend:8080',
];

/** The drafted YAML names each granted connection in a comment above its rule: `# src -> dst 8080/TCP ...`. */
const granted = (yaml: string) => [...new Set([...yaml.matchAll(/^\s*# (\S+) -> (\S+) (\d+)\/TCP/gm)].map((m) => `${m[1]} -> ${m[2]}:${m[3]}`))].sort();

interface CheckJson {
  result: string;
  wouldDeny: { source: string; destination: string; port: number }[];
  unauthorizedBlocked: { source: string }[];
  summary: { observed: number; legitimate: number };
}
const edgesOf = (list: { source: string; destination: string; port: number }[]) => list.map((e) => `${e.source} -> ${e.destination}:${e.port}`).sort();

const BAD_FORMATS = [
  { name: 'only an unknown operator', args: ['--envoy-format', '%RESPONCE_CODE%'], messages: ['--envoy-format: cannot use this format', '%RESPONCE_CODE% is not an Envoy command operator'] },
  { name: 'an unreadable @file', args: ['--envoy-format', '@/nonexistent/mesh.yaml'], messages: ['--envoy-format: cannot read /nonexistent/mesh.yaml (ENOENT)'] },
];

// Each test spawns the CLI (tsx start-up ~1 s, more on a busy machine): generous timeouts, not timing assertions.
describe('eastwest draft --envoy-format', { timeout: 120_000 }, () => {
  const draft = (traffic: string, ...args: string[]) => eastwest('draft', '-i', CLUSTER, '-t', traffic, '-n', 'boutique', ...args);

  test('grants every connection of the custom log: the same policies as from the same entries in JSON', () => {
    const r = draft(CUSTOM_LOG, ...WITH_FORMAT);
    expect(r.stderr).not.toContain('invalid-record');
    expect(r.stderr).toContain(`granting ${FORWARDED.length} observed edge(s)`);
    expect(r.code).toBe(0);
    expect(granted(r.stdout)).toEqual(FORWARDED);
    expect(r.stdout).toBe(draft(SAME_AS_JSON).stdout);
  });

  test('without it no line is read, each is reported, and nothing is granted', () => {
    const r = draft(CUSTOM_LOG);
    expect(r.stderr.split('\n').filter((l) => l.includes('[invalid-record]'))).toHaveLength(10);
    expect(r.stderr).toContain('granting 0 observed edge(s)');
    expect(granted(r.stdout)).toEqual([]);
  });

  test.each(BAD_FORMATS)('a format that cannot be used is a usage error (exit 2): $name', ({ args, messages }) => {
    const r = draft(CUSTOM_LOG, ...args);
    expect(r.code).toBe(2);
    for (const m of messages) expect(r.stderr).toContain(m);
    expect(r.stdout).toBe('');
  });
});

describe('eastwest check --envoy-format', { timeout: 120_000 }, () => {
  const check = (policies: string, traffic: string, ...args: string[]) => eastwest('check', '-i', CLUSTER, '-p', policies, '-t', traffic, '--json', ...args);
  const denyAll = path.join(work, 'deny-all.yaml');
  writeFileSync(denyAll, 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: boutique\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n');

  test('the policies drafted from the custom log pass the gate on it: every connection evaluated, the denied ones stay blocked', () => {
    const drafted = path.join(work, 'drafted');
    expect(eastwest('draft', '-i', CLUSTER, '-t', CUSTOM_LOG, ...WITH_FORMAT, '-n', 'boutique', '-o', drafted).code).toBe(0);
    const r = check(drafted, CUSTOM_LOG, ...WITH_FORMAT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as CheckJson;
    expect(report).toMatchObject({ result: 'ok', wouldDeny: [], summary: { observed: 8, legitimate: FORWARDED.length } });
    expect(report.unauthorizedBlocked.map((e) => e.source).sort()).toEqual(['boutique/frontend', 'boutique/frontend', 'tools/netshoot-debug']);
    expect(r.stdout).toBe(check(drafted, SAME_AS_JSON).stdout);
  });

  test('a proposal that cuts the traffic of the custom log fails the gate, naming each connection it would deny', () => {
    const r = check(denyAll, CUSTOM_LOG, ...WITH_FORMAT);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as CheckJson;
    expect(report.result).toBe('would-break');
    expect(edgesOf(report.wouldDeny)).toEqual(FORWARDED);
  });

  test('without it no connection is observed, so the same proposal passes: the gate needs the format', () => {
    const r = check(denyAll, CUSTOM_LOG);
    expect(r.stderr).toContain('[invalid-record]');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ result: 'ok', summary: { observed: 0 } });
  });

  test.each(BAD_FORMATS)('a format that cannot be used is a usage error (exit 2): $name', ({ args, messages }) => {
    const r = check(denyAll, CUSTOM_LOG, ...args);
    expect(r.code).toBe(2);
    for (const m of messages) expect(r.stderr).toContain(m);
  });
});

/**
 * The other commands that read traffic: with the format, the custom log gives what its JSON twin gives; without
 * it, something else (so each row shows that the command's output depends on the traffic it parsed).
 */
describe('every other traffic command reads the custom log with --envoy-format', { timeout: 120_000 }, () => {
  const report = path.join(work, 'report.html');
  test.each([
    { command: 'blast-radius', run: (t: string[]) => eastwest('blast-radius', '-i', CLUSTER, ...t, '--from', 'boutique/checkoutservice', '--observed-only', '--json') },
    { command: 'exposure', run: (t: string[]) => eastwest('exposure', '-i', CLUSTER, ...t, '--to', 'boutique/frontend', '--observed-only', '--json') },
    { command: 'alerts', run: (t: string[]) => eastwest('alerts', '-i', CLUSTER, ...t) },
    { command: 'report', run: (t: string[]) => eastwest('report', '-i', CLUSTER, ...t, '--title', 'boutique', '-o', report) },
    { command: 'diff', run: (t: string[]) => eastwest('diff', '--baseline', CLUSTER, '--current', CLUSTER, ...t.map((a) => (a === '-t' ? '--current-traffic' : a)), '--json') },
  ])('$command', ({ run }) => {
    const withFormat = run(['-t', CUSTOM_LOG, ...WITH_FORMAT]);
    const oracle = run(['-t', SAME_AS_JSON]);
    const withoutFormat = run(['-t', CUSTOM_LOG]);
    expect(withFormat.stderr).toBe(oracle.stderr);
    expect(withFormat.stdout).toBe(oracle.stdout);
    expect(withFormat.code).toBe(oracle.code);
    expect(withoutFormat.stderr).toContain('[invalid-record]');
    expect(`${withoutFormat.stdout}${withoutFormat.stderr}`).not.toBe(`${oracle.stdout}${oracle.stderr}`);
  });
});
