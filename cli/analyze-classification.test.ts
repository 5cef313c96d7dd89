import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runEastwest } from './testing/run-eastwest';

/** `eastwest analyze` as a user runs it: a subprocess on the Online Boutique samples, checked against answer-key.json. */
const root = path.resolve(import.meta.dirname, '..');
const boutique = (p: string) => path.join(root, 'fixtures/boutique', p);
const key = JSON.parse(readFileSync(boutique('answer-key.json'), 'utf8')) as { edges: { id: string; source: string; destination: string; port: number; classification: string }[] };
const expectedClass: Record<string, string> = { allowed_and_observed: 'allowed', observed_but_unauthorized: 'unauthorized', allowed_but_unused: 'unused' };

const analyze = (...args: string[]) => runEastwest(['analyze', ...args]);

interface JsonEdge {
  source: string;
  destination: string;
  port: number;
  protocol: string;
  class: string;
  state: string | null;
  observed: { count: number; firstSeen: string; lastSeen: string; verdicts: Record<string, number> } | null;
  explanation: { summary: string };
}

describe('eastwest analyze (Hubble flows + NetworkPolicy)', { timeout: 60_000 }, () => {
  const input = ['--input', boutique('kubernetes/cluster-state.json'), boutique('policies/networkpolicy.yaml'), '--traffic', boutique('hubble/hubble-observe.jsonl')];
  const run = analyze(...input, '--json');
  const out = JSON.parse(run.stdout || '{}') as { edges: JsonEdge[]; unusedRules: { ref: string; dangling: boolean; partOf?: { ref: string } }[]; nodes: { id: string }[] };

  test('exits 0 and prints { edges, unusedRules, nodes }', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(Object.keys(out)).toEqual(expect.arrayContaining(['edges', 'unusedRules', 'nodes']));
  });

  test.each(key.edges.filter((e) => !e.source.includes('<')))('$id $source -> $destination :$port', (e) => {
    const edge = out.edges.find((x) => x.source === e.source && x.destination === e.destination && x.port === e.port);
    expect(edge).toBeDefined();
    expect(edge!.class).toBe(expectedClass[e.classification]);
    expect(edge!.state).toBe(edge!.class === 'unauthorized' ? 'denied' : null);
    expect(edge!.observed === null).toBe(edge!.class === 'unused');
    expect(edge!.explanation.summary).toMatch(/\w/);
  });

  test('A2 is reported as a dangling part of the rule that authorizes checkoutservice', () => {
    expect(out.unusedRules.filter((r) => r.dangling).map((r) => [r.ref, r.partOf?.ref])).toEqual([['NetworkPolicy/boutique/paymentservice#ingress[0].from[1]', 'NetworkPolicy/boutique/paymentservice#ingress[0]']]);
  });

  test('the readable table lists the unauthorized edges first', () => {
    const table = analyze(...input);
    expect(table.code).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^CLASS\s+SOURCE\s+DESTINATION\s+PORT/);
    expect(lines.slice(1, 4).every((l) => l.startsWith('UNAUTHORIZED (denied)'))).toBe(true);
    expect(table.stdout).toContain('  PARTLY DANGLING NetworkPolicy/boutique/paymentservice#ingress[0].from[1]: partly dangling: from[1]: its source selector matches no pod');
  });

  test('--from/--to select the window; a bad time is a usage error', () => {
    const late = JSON.parse(analyze(...input, '--json', '--from', '2030-01-01T00:00:00Z').stdout) as { edges: JsonEdge[] };
    expect(late.edges.every((e) => e.class === 'unused')).toBe(true);
    const bad = analyze(...input, '--from', 'yesterday-ish');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from');
  });
});

/** The reviewer's repros: the NGINX log of paymentservice's mTLS sidecar (kubelet probes from its node, payments from checkoutservice). */
describe('eastwest analyze on the paymentservice NGINX log', { timeout: 60_000 }, () => {
  const nginx = ['--traffic', boutique('nginx/paymentservice-mtls-access.jsonl')];
  const json = (policies: string) => JSON.parse(analyze('--input', boutique('kubernetes/cluster-state.json'), boutique(`policies/${policies}`), ...nginx, '--json').stdout || '{}') as { edges: (JsonEdge & { rules: string[] })[] };
  const probe = (e: JsonEdge) => e.source === 'node:ip-10-0-3-17.eu-west-1.compute.internal' && e.destination === 'boutique/paymentservice';

  test('NetworkPolicy: the probes from paymentservice\'s own node are allowed by the node exemption', () => {
    const edge = json('networkpolicy.yaml').edges.find(probe);
    expect([edge?.class, edge?.rules]).toEqual(['allowed', ['Kubernetes/own-node']]);
  });

  test('Istio: the fraudservice principal is partly dangling; the rule that carries the payments is not listed', () => {
    const table = analyze('--input', boutique('kubernetes/cluster-state.json'), boutique('policies/istio-policies.yaml'), ...nginx).stdout;
    expect(table).toContain('  PARTLY DANGLING AuthorizationPolicy/boutique/paymentservice#rules[0].from[0].source.principals[1]: partly dangling: principal cluster.local/ns/boutique/sa/fraudservice');
    expect(table).not.toMatch(/^ {2}(DANGLING )?AuthorizationPolicy\/boutique\/paymentservice#rules\[0\]:/m);
  });

  test('Linkerd policies on pods without linkerd-proxy: a warning per Server, not silence', () => {
    const run = analyze('--input', boutique('kubernetes/cluster-state.json'), boutique('policies/linkerd-policies.yaml'), ...nginx);
    expect(run.stderr).toMatch(/warning: Server\/boutique\/paymentservice-grpc: not enforced, the pod it selects runs no linkerd-proxy .*\[linkerd-not-enforced\]/);
  });
});
