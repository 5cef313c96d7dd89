import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runEastwest } from './testing/run-eastwest';

/** `eastwest blast-radius` and `eastwest exposure` as a user runs them, on the Online Boutique samples. */
const root = path.resolve(import.meta.dirname, '..');
const boutique = (p: string) => path.join(root, 'fixtures/boutique', p);
const input = ['--input', boutique('kubernetes/cluster-state.json'), boutique('policies/networkpolicy.yaml')];

const eastwest = (...args: string[]) => runEastwest(args);

interface Reached {
  workload: string;
  hops: number;
  path: { from: string; to: string; port: number; protocol: string }[];
  crownJewel: boolean;
  infra?: string;
  notTraversed?: true;
  sensitivity?: { level: string; categories: string[] };
}

/** The least-privilege draft of the boutique namespace (the golden file of `eastwest draft`): kube-system keeps no policy. */
const drafted = ['--input', boutique('kubernetes/cluster-state.json'), path.join(root, 'fixtures/draft/boutique-networkpolicy.yaml')];

describe('eastwest blast-radius', () => {
  test('--json prints the contract shape with hops, paths and crown jewels', () => {
    const run = eastwest('blast-radius', ...input, '--from', 'boutique/frontend', '--crown-jewel', 'boutique/paymentservice', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { from: string[]; reached: Reached[] };
    expect(out.from).toEqual(['boutique/frontend']);
    const payment = out.reached.find((r) => r.workload === 'boutique/paymentservice');
    expect(payment).toMatchObject({ hops: 2, crownJewel: true });
    expect(payment?.path).toEqual([
      { from: 'boutique/frontend', to: 'boutique/checkoutservice', port: 5050, protocol: 'TCP' },
      { from: 'boutique/checkoutservice', to: 'boutique/paymentservice', port: 50051, protocol: 'TCP' },
    ]);
  });

  test('--max-hops 1 keeps only direct targets', () => {
    const out = JSON.parse(eastwest('blast-radius', ...input, '--from', 'boutique/frontend', '--max-hops', '1', '--json').stdout) as { reached: Reached[] };
    expect(out.reached.every((r) => r.hops === 1)).toBe(true);
    expect(out.reached.map((r) => r.workload)).not.toContain('boutique/paymentservice');
  });

  test('--observed-only follows traffic that was not blocked', () => {
    const out = JSON.parse(eastwest('blast-radius', ...input, '--traffic', boutique('edges/edges.jsonl'), '--from', 'boutique/frontend', '--observed-only', '--json').stdout) as { reached: Reached[] };
    // frontend never called emailservice itself (A1 is allowed but unused): only through checkoutservice.
    expect(out.reached.find((r) => r.workload === 'boutique/emailservice')?.hops).toBe(2);
    expect(out.reached.find((r) => r.workload === 'boutique/paymentservice')?.hops).toBe(2);
  });

  test('--crown-jewel-label marks workloads by a label the user chooses', () => {
    const out = JSON.parse(eastwest('blast-radius', ...input, '--from', 'boutique/frontend', '--crown-jewel-label', 'app=redis-cart', '--json').stdout) as { reached: Reached[] };
    expect(out.reached.filter((r) => r.crownJewel).map((r) => r.workload)).toEqual(['boutique/redis-cart']);
  });

  test('an unknown workload is a clear error with exit code 2', () => {
    const run = eastwest('blast-radius', ...input, '--from', 'boutique/nope');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown workload "boutique/nope"');
  });
});

// Each test spawns the CLI (tsx start-up ~1 s, more on a busy machine): generous timeouts, not timing assertions.
describe('shared infrastructure is reached, not traversed, unless --pivot-through-infra', { timeout: 60_000 }, () => {
  test.each([
    { flags: [], reached: 12, ingressGateway: false },
    { flags: ['--pivot-through-infra'], reached: 14, ingressGateway: true },
  ])('loadgenerator under the drafted policies $flags reaches $reached', ({ flags, reached, ingressGateway }) => {
    const run = eastwest('blast-radius', ...drafted, '--from', 'boutique/loadgenerator', ...flags, '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { reached: Reached[]; pivotThroughInfra: boolean };
    expect(out.reached).toHaveLength(reached);
    expect(out.pivotThroughInfra).toBe(flags.length > 0);
    expect(out.reached.find((r) => r.workload === 'kube-system/coredns')).toMatchObject({ hops: 1, infra: 'dns', ...(ingressGateway ? {} : { notTraversed: true }) });
    // Only CoreDNS (no policy in kube-system) leads there: the draft gives boutique no egress to istio-system.
    expect(out.reached.some((r) => r.workload === 'istio-system/istio-ingressgateway')).toBe(ingressGateway);
  });

  test('the text output names what was reached but not traversed, and marks sensitive workloads as Findings does', () => {
    const run = eastwest('blast-radius', ...drafted, '--from', 'boutique/frontend');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^boutique\/frontend reaches 11 workload\(s\)/);
    expect(run.stdout).toMatch(/kube-system\/coredns {2}cluster DNS, not traversed/);
    expect(run.stdout).toContain('Reached but not traversed (shared infrastructure: going further takes compromising it; --pivot-through-infra walks on): kube-system/coredns (cluster DNS)');
    expect(run.stdout).toMatch(/boutique\/paymentservice {2}sensitive · payment/);
    expect(run.stdout).toMatch(/boutique\/redis-cart {2}sensitive · data-store/);
  });

  test('exposure follows the same rule: who reaches paymentservice, not every DNS client by way of CoreDNS', () => {
    const reached = (...flags: string[]) => (JSON.parse(eastwest('exposure', ...drafted, '--to', 'boutique/paymentservice', ...flags, '--json').stdout) as { reached: Reached[] }).reached;
    expect(reached().find((r) => r.workload === 'kube-system/coredns')?.notTraversed).toBe(true);
    expect(reached().map((r) => r.workload)).not.toContain('boutique/adservice');
    expect(reached('--pivot-through-infra').map((r) => r.workload)).toContain('boutique/adservice');
  });
});

describe('eastwest exposure', () => {
  test('lists who can reach paymentservice, directly and transitively', () => {
    const run = eastwest('exposure', ...input, '--to', 'boutique/paymentservice', '--json');
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { to: string[]; reached: Reached[] };
    const hops = Object.fromEntries(out.reached.map((r) => [r.workload, r.hops]));
    expect(hops['boutique/checkoutservice']).toBe(1);
    expect(hops['boutique/frontend']).toBe(2);
  });
});
