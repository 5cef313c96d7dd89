// `eastwest reach` run as a subprocess through bin/eastwest.mjs, the way `npx eastwest` runs it.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'bin/eastwest.mjs');
const boutique = ['fixtures/boutique/kubernetes/cluster-state.json', 'fixtures/boutique/policies/networkpolicy.yaml', 'fixtures/boutique/policies/adminnetworkpolicy-v1alpha1.yaml'].map((f) => path.join(root, f));
const tmp = mkdtempSync(path.join(tmpdir(), 'eastwest-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // cwd is a temp dir: the bin must resolve its own paths.
    execFile(process.execPath, [bin, ...args], { cwd: tmp, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('eastwest reach', () => {
  test('a single query prints the verdict with its explanation, exit 0', async () => {
    const r = await run(['reach', '--input', ...boutique, '--from', 'boutique/frontend', '--to', 'boutique/currencyservice', '--port', 'grpc']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ALLOWED {2}boutique\/frontend -> boutique\/currencyservice grpc \(7000\)\/TCP/);
    expect(r.stdout).toContain('NetworkPolicy/boutique/currencyservice#ingress[0].from[0]');
    expect(r.stdout).toContain('passed by AdminNetworkPolicy/boutique-delegate-currency#ingress[0].from[0]');
  });

  test.each([
    ['ip:10.0.3.17', 'ALLOWED', 'Kubernetes/own-node'],
    ['ip:10.0.1.23', 'DENIED', 'NetworkPolicy/boutique/deny-all'],
  ])('from %s (paymentservice runs on node 10.0.3.17): %s by %s', async (from, answer, rule) => {
    const r = await run(['reach', '--input', ...boutique, '--from', from, '--to', 'boutique/paymentservice', '--port', '50051']);
    expect(r.stdout.startsWith(`${answer}  ${from} -> boutique/paymentservice 50051/TCP`)).toBe(true);
    expect(r.stdout).toContain(rule);
  });

  test('--json gives allowed, verdict and the explanation', async () => {
    const r = await run(['reach', '--input', ...boutique, '--from', 'boutique/frontend', '--to', 'boutique/paymentservice', '--port', '50051', '--protocol', 'tcp', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ from: 'boutique/frontend', to: 'boutique/paymentservice', port: 50051, protocol: 'TCP', allowed: false, verdict: 'denied' });
    expect(out.explanation.layers[0]).toMatchObject({ layer: 'network', outcome: 'denied', basis: 'deny-rule' });
    expect(out.explanation.summary).toContain('AdminNetworkPolicy/payment-pci-guardrail#ingress[2].from[0]');
  });

  test('--queries answers a batch in the same order', async () => {
    const queries = [
      { from: 'boutique/loadgenerator', to: 'boutique/frontend', port: 8080, protocol: 'TCP' },
      { from: 'tools/netshoot-debug', to: 'boutique/cartservice', port: 7070 },
      { from: 'boutique/checkoutservice', to: 'boutique/currencyservice', port: 'grpc' },
      { from: 'ip:203.0.113.50', to: 'boutique/frontend', port: 8080, method: 'GET', path: '/cart', headers: { 'X-Test': '1' } },
    ];
    const file = path.join(tmp, 'queries.json');
    writeFileSync(file, JSON.stringify(queries, null, 2));
    const r = await run(['reach', '--input', ...boutique, '--queries', file, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { from: string; to: string; port: number | string; protocol: string; allowed: boolean; explanation: { summary: string } }[];
    expect(out.map((o) => [o.from, o.to, o.port, o.protocol, o.allowed])).toEqual([
      ['boutique/loadgenerator', 'boutique/frontend', 8080, 'TCP', true],
      ['tools/netshoot-debug', 'boutique/cartservice', 7070, 'TCP', false],
      ['boutique/checkoutservice', 'boutique/currencyservice', 'grpc', 'TCP', true],
      ['ip:203.0.113.50', 'boutique/frontend', 8080, 'TCP', true],
    ]);
    expect(out.every((o) => typeof o.explanation.summary === 'string')).toBe(true);
  });

  test('an unknown name in a batch is reported as file:line on stderr, exit 2', async () => {
    const file = path.join(tmp, 'bad-queries.json');
    writeFileSync(file, JSON.stringify([{ from: 'boutique/frontend', to: 'boutique/cartservice', port: 7070 }, { from: 'boutique/ghost', to: 'boutique/cartservice', port: 7070 }], null, 2));
    const r = await run(['reach', '--input', ...boutique, '--queries', file, '--json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^${file.replace(/[/.]/g, '\\$&')}:7: unknown pod, workload or service "boutique/ghost"`, 'm'));
    const out = JSON.parse(r.stdout);
    expect(out[0].allowed).toBe(true);
    expect(out[1].error).toMatch(/unknown pod, workload or service/);
  });

  test.each([
    [['--from', 'boutique/nope', '--to', 'boutique/frontend', '--port', '80'], /unknown pod, workload or service "boutique\/nope"/],
    [['--from', 'boutique/frontend', '--to', 'boutique/cartservice', '--port', 'nosuchport'], /no pod of boutique\/cartservice declares a container port named "nosuchport"/],
    [['--from', 'boutique/frontend', '--to', 'boutique/cartservice', '--port', '7070', '--protocol', 'ICMP'], /--protocol: expected TCP, UDP or SCTP/],
  ])('bad single query %j: exit 2 with a reason', async (args, message) => {
    const r = await run(['reach', '--input', ...boutique, ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  test('invalid input files: diagnostics with file:line, the rest is still evaluated, exit 2', async () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n---\nkind: [oops\n');
    const r = await run(['reach', '--input', ...boutique, bad, '--from', 'boutique/frontend', '--to', 'boutique/cartservice', '--port', '7070']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${bad.replace(/[/.]/g, '\\$&')}:[56]:\\d+: error: `));
    expect(r.stdout).toMatch(/^ALLOWED/);
  });

  test('--matrix --json lists every pod against every exposed port', async () => {
    const r = await run(['reach', '--input', ...boutique, '--matrix', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { pods: string[]; entries: { from: string; to: string; port: number; allowed: boolean }[] };
    expect(out.pods).toHaveLength(17);
    const entry = (from: string, to: string, port: number) => out.entries.find((e) => e.from.startsWith(from) && e.to.startsWith(to) && e.port === port);
    expect(entry('boutique/frontend-', 'boutique/cartservice-', 7070)?.allowed).toBe(true);
    expect(entry('boutique/frontend-', 'boutique/paymentservice-', 50051)?.allowed).toBe(false);
    expect(entry('tools/netshoot-debug', 'boutique/cartservice-', 7070)?.allowed).toBe(false);
  });
});
