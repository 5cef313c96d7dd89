import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { prometheusRuleSchema } from '../../lib/findings';
import { promqlSyntaxErrors } from '../../lib/findings/testing/promql';
import { runEastwest } from '../testing/run-eastwest';

/** `eastwest diff`, `report` and `alerts` run as a user runs them: a subprocess, exit codes and files. */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CLUSTER = 'fixtures/boutique/kubernetes/cluster-state.json';
const POLICIES = 'fixtures/boutique/policies/networkpolicy.yaml';
const EDGES = 'fixtures/boutique/edges/edges.jsonl';
const work = mkdtempSync(path.join(tmpdir(), 'eastwest-diff-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const eastwest = (...args: string[]) => runEastwest(args, { databaseUrl: null });

const demoRows = () => readFileSync(path.join(ROOT, EDGES), 'utf8').split('\n').filter((l) => l.trim());
const row = (source: string, destination: string, port: number, verdict: string) =>
  JSON.stringify({ source, destination, port, protocol: 'TCP', count: 5, first_seen: '2026-03-19T09:33:00Z', last_seen: '2026-03-19T09:40:00Z', verdict, observed_by: 'hubble' });
/** The demo's edge list without E16 (recommendationservice -> productcatalogservice), plus `added` rows. */
function laterEdgeList(name: string, added: string[]): string {
  const file = path.join(work, name);
  writeFileSync(file, [...demoRows().filter((l) => !l.includes('"boutique/recommendationservice", "destination": "boutique/productcatalogservice"')), ...added].join('\n') + '\n');
  return file;
}
const diff = (current: string, ...extra: string[]) => eastwest('diff', '--baseline', CLUSTER, POLICIES, '--baseline-traffic', EDGES, '--current', CLUSTER, POLICIES, '--current-traffic', current, ...extra);

describe('eastwest diff', { timeout: 60_000 }, () => {
  test('one allowed new caller and one removed edge: listed exactly, exit 0', () => {
    expect(demoRows().length - readFileSync(laterEdgeList('probe.jsonl', []), 'utf8').trim().split('\n').length).toBe(1);
    const r = diff(laterEdgeList('allowed.jsonl', [row('boutique/checkoutservice', 'boutique/recommendationservice', 8080, 'forwarded')]), '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout) as { newCallers: { source: string; destination: string; port: number; firstSeen: string }[]; goneEdges: { source: string; destination: string; port: number }[]; newUnauthorized: unknown[] };
    expect(c.newCallers.map(({ source, destination, port, firstSeen }) => ({ source, destination, port, firstSeen }))).toEqual([
      { source: 'boutique/checkoutservice', destination: 'boutique/recommendationservice', port: 8080, firstSeen: '2026-03-19T09:33:00.000Z' },
    ]);
    expect(c.goneEdges.map(({ source, destination, port }) => ({ source, destination, port }))).toEqual([{ source: 'boutique/recommendationservice', destination: 'boutique/productcatalogservice', port: 3550 }]);
    expect(c.newUnauthorized).toEqual([]);
  });

  test('a new unauthorized caller: exit 1, headline in the text output', () => {
    const r = diff(laterEdgeList('denied.jsonl', [row('boutique/shippingservice', 'boutique/paymentservice', 50051, 'dropped:POLICY_DENIED')]));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/New internal callers \(1\):\n {2}boutique\/shippingservice -> boutique\/paymentservice :50051\/TCP/);
    expect(r.stdout).toContain('FAIL: 1 new unauthorized edge(s)');
  });

  test('time windows of the same files: the demo\'s later traffic is new against its first ten seconds', () => {
    const r = eastwest('diff', '--baseline', CLUSTER, POLICIES, '--baseline-traffic', EDGES, '--baseline-to', '2026-03-12T09:30:10Z', '--current', CLUSTER, POLICIES, '--current-traffic', EDGES, '--json');
    expect(r.code).toBe(1);
    const c = JSON.parse(r.stdout) as { newCallers: { source: string; destination: string }[]; goneEdges: unknown[] };
    expect(c.newCallers.map((n) => `${n.source} -> ${n.destination}`)).toContain('boutique/frontend -> boutique/paymentservice');
    expect(c.goneEdges).toEqual([]);
  });

  test.each([
    { name: 'no baseline', args: ['diff', '--current', CLUSTER], message: '--baseline' },
    { name: 'snapshot without a database', args: ['diff', '--baseline', 'snapshot:week-1', '--current', CLUSTER], message: 'DATABASE_URL' },
    { name: 'snapshot mixed with files', args: ['diff', '--baseline', 'snapshot:week-1', CLUSTER, '--current', CLUSTER], message: 'stands alone' },
  ])('bad input ($name): exit 2', ({ args, message }) => {
    const r = eastwest(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});

describe('eastwest alerts and report', { timeout: 60_000 }, () => {
  test('alerts: a valid PrometheusRule with valid PromQL', () => {
    const out = path.join(work, 'rules.yaml');
    const r = eastwest('alerts', '-i', CLUSTER, POLICIES, '-t', EDGES, '--namespace', 'monitoring', '--label', 'release=prometheus', '--out', out);
    expect(r.code).toBe(0);
    const rule = prometheusRuleSchema.parse(parse(readFileSync(out, 'utf8')));
    expect(rule.metadata.labels).toMatchObject({ release: 'prometheus' });
    for (const g of rule.spec.groups) for (const x of g.rules) expect(promqlSyntaxErrors(x.expr)).toEqual([]);
  });

  test('report: writes one HTML file with the new callers since the baseline', () => {
    const out = path.join(work, 'report.html');
    const current = laterEdgeList('report.jsonl', [row('boutique/checkoutservice', 'boutique/recommendationservice', 8080, 'forwarded')]);
    const r = eastwest('report', '-i', CLUSTER, POLICIES, '-t', current, '--baseline', CLUSTER, POLICIES, '--baseline-traffic', EDGES, '--environment', 'prod', '--title', 'boutique', '--out', out);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<section id="new-callers">');
    expect(html).toMatch(/id="new-callers">[\s\S]*boutique\/checkoutservice[\s\S]*<\/section>/);
    expect(html).toContain('<svg');
  });
});
