import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { runEastwest } from '../testing/run-eastwest';

/** `eastwest draft` and `eastwest check` run as a user runs them: a subprocess, exit codes and files. */
const CLUSTER = 'fixtures/boutique/kubernetes/cluster-state.json';
const CURRENT = 'fixtures/boutique/policies/networkpolicy.yaml';
const EDGES = 'fixtures/boutique/edges/edges.jsonl';
const HUBBLE = 'fixtures/boutique/hubble/hubble-observe.jsonl';
const work = mkdtempSync(path.join(tmpdir(), 'eastwest-draft-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const eastwest = (...args: string[]) => runEastwest(args);

// Each test spawns the CLI (tsx start-up ~1 s, more on a busy machine): generous timeouts, not timing assertions.
describe('eastwest draft', { timeout: 60_000 }, () => {
  test('--out writes one file per namespace and a kustomization; exit 0', () => {
    const out = path.join(work, 'netpol');
    const r = eastwest('draft', '--input', CLUSTER, '--traffic', HUBBLE, '--namespace', 'boutique', '--out', out);
    expect(r.stderr).toContain('eastwest draft:');
    expect(r.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['boutique.yaml', 'kustomization.yaml']);
    expect(readFileSync(path.join(out, 'boutique.yaml'), 'utf8')).toContain('name: eastwest-paymentservice-ingress');
  });

  test('without --out prints the YAML; --kind istio gives AuthorizationPolicies', () => {
    const r = eastwest('draft', '-i', CLUSTER, '-t', EDGES, '-n', 'boutique', '--kind', 'istio');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('kind: AuthorizationPolicy');
    expect(r.stdout).toContain('cluster.local/ns/boutique/sa/checkoutservice');
    expect(r.stdout).not.toContain('kind: NetworkPolicy');
    // A grant is an observed edge (here 1,390 requests), not a connection.
    expect(r.stdout).toContain('# Requests to boutique/adservice: 1 observed edge granted.');
    expect(r.stdout).toContain('# Requests to boutique/productcatalogservice: 3 observed edges granted.');
    expect(r.stderr).toMatch(/granting \d+ observed edge\(s\) for \d+ workload\(s\)/);
  });

  test.each([
    [['--kind', 'calico'], '--kind'],
    [['--namespace', 'boutique', '--workload', 'boutique/frontend'], 'exclusive'],
    [['--from', 'yesterday'], '--from'],
  ])('bad flags %j: exit 2 with a message', (flags, message) => {
    const r = eastwest('draft', '-i', CLUSTER, '-t', EDGES, ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('eastwest check', { timeout: 60_000 }, () => {
  test('the generated draft passes the gate against the observed traffic: exit 0', () => {
    const out = path.join(work, 'gate-ok');
    expect(eastwest('draft', '-i', CLUSTER, '-t', EDGES, '-n', 'boutique', '-o', out).code).toBe(0);
    const r = eastwest('check', '--input', CLUSTER, CURRENT, '--policies', out, '--traffic', EDGES, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { result: string; wouldDeny: unknown[]; unauthorizedBlocked: { source: string }[] };
    expect(report.result).toBe('ok');
    expect(report.wouldDeny).toEqual([]);
    expect(report.unauthorizedBlocked.map((e) => e.source).sort()).toEqual(['boutique/frontend', 'boutique/frontend', 'tools/netshoot-debug']);
  });

  test('a proposal that cuts observed traffic fails the gate: exit 1, naming the broken connections', () => {
    const dir = mkdtempSync(path.join(work, 'gate-fail-'));
    writeFileSync(
      path.join(dir, 'deny.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\n  namespace: boutique\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n',
    );
    const r = eastwest('check', '-i', CLUSTER, '-p', dir, '-t', EDGES, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { result: string; wouldDeny: { source: string; destination: string; port: number }[] };
    expect(report.result).toBe('would-break');
    expect(report.wouldDeny).toContainEqual(expect.objectContaining({ source: 'boutique/checkoutservice', destination: 'boutique/paymentservice', port: 50051 }));
    const text = eastwest('check', '-i', CLUSTER, '-p', dir, '-t', EDGES);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^FAIL: the proposed policies would deny \d+ observed legitimate edge\(s\):/);
    // Each edge with its count and unit, and its verdict today and under the proposal (not "now allowed").
    expect(text.stdout).toMatch(/\n {2}boutique\/checkoutservice -> boutique\/paymentservice 50051\/TCP \([\d,]+ requests observed, last [^;]+; today allowed, proposed denied\)\n/);
    expect(text.stdout).not.toMatch(/now (allowed|denied)/);
  });

  test('unreadable proposed policies: exit 2', () => {
    const r = eastwest('check', '-i', CLUSTER, '-p', path.join(work, 'does-not-exist'), '-t', EDGES);
    expect(r.code).toBe(2);
  });
});
