import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

/** `eastwest analyze` as a user runs it: a subprocess on the Online Boutique samples, checked against answer-key.json. */
const root = path.resolve(import.meta.dirname, '..');
const boutique = (p: string) => path.join(root, 'fixtures/boutique', p);
const key = JSON.parse(readFileSync(boutique('answer-key.json'), 'utf8')) as { edges: { id: string; source: string; destination: string; port: number; classification: string }[] };
const expectedClass: Record<string, string> = { allowed_and_observed: 'allowed', observed_but_unauthorized: 'unauthorized', allowed_but_unused: 'unused' };

function analyze(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'cli/main.ts'), 'analyze', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
  const out = JSON.parse(run.stdout || '{}') as { edges: JsonEdge[]; unusedRules: { ref: string; dangling: boolean }[]; nodes: { id: string }[] };

  test('exits 0 and prints { edges, unusedRules, nodes }', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
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

  test('A2 is reported as a dangling rule', () => {
    expect(out.unusedRules.filter((r) => r.dangling).map((r) => r.ref)).toEqual(['NetworkPolicy/boutique/paymentservice#ingress[0].from[1]']);
  });

  test('the readable table lists the unauthorized edges first', () => {
    const table = analyze(...input);
    expect(table.status).toBe(0);
    const lines = table.stdout.split('\n');
    expect(lines[0]).toMatch(/^CLASS\s+SOURCE\s+DESTINATION\s+PORT/);
    expect(lines.slice(1, 4).every((l) => l.startsWith('UNAUTHORIZED (denied)'))).toBe(true);
    expect(table.stdout).toContain('DANGLING NetworkPolicy/boutique/paymentservice#ingress[0].from[1]');
  });

  test('--from/--to select the window; a bad time is a usage error', () => {
    const late = JSON.parse(analyze(...input, '--json', '--from', '2030-01-01T00:00:00Z').stdout) as { edges: JsonEdge[] };
    expect(late.edges.every((e) => e.class === 'unused')).toBe(true);
    const bad = analyze(...input, '--from', 'yesterday-ish');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--from');
  });
});
