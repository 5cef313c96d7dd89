import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runEastwest } from './testing/run-eastwest';

/** `--envoy-format` as a user passes it: `eastwest analyze` in a subprocess on the Online Boutique custom text log. */
const root = path.resolve(import.meta.dirname, '..');
const boutique = (p: string) => path.join(root, 'fixtures/boutique', p);
const MESH_CONFIG = boutique('istio/meshconfig-text-with-peers.yaml');
const LOG = boutique('istio/istio-proxy-access-custom-peer-identity.log');

const analyze = (...args: string[]) => runEastwest(['analyze', '--input', boutique('kubernetes/cluster-state.json'), '--traffic', LOG, ...args]);

const observed = (stdout: string) =>
  (JSON.parse(stdout || '{"edges":[]}') as { edges: { source: string; destination: string; port: number; observed: unknown }[] }).edges
    .filter((e) => e.observed)
    .map((e) => `${e.source} -> ${e.destination}:${e.port}`)
    .sort();

describe('eastwest analyze --envoy-format', { timeout: 120_000 }, () => {
  const fromConfig = analyze('--envoy-format', `@${MESH_CONFIG}`, '--json');

  test('@meshconfig.yaml: the provider text format reads the custom log, callers named by their SPIFFE identity', () => {
    expect(fromConfig.stderr).toBe('');
    expect(fromConfig.code).toBe(0);
    expect(observed(fromConfig.stdout)).toEqual(
      expect.arrayContaining(['boutique/loadgenerator -> boutique/frontend:8080', 'istio-system/istio-ingressgateway -> boutique/frontend:8080', 'boutique/checkoutservice -> boutique/paymentservice:50051']),
    );
  });

  test('the same format given as a string reads the same edges', () => {
    const text = /text: \|\n\s+(.+)\n/.exec(readFileSync(MESH_CONFIG, 'utf8'))?.[1] ?? '';
    expect(text).toMatch(/^\[%START_TIME%\]/);
    const inline = analyze('--envoy-format', text, '--json');
    expect(inline.code).toBe(0);
    expect(observed(inline.stdout)).toEqual(observed(fromConfig.stdout));
  });

  test('without it every line is reported with file:line and why, and nothing is observed', () => {
    const r = analyze('--json');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('[invalid-record]'))).toHaveLength(10);
    expect(r.stderr).toContain(`${LOG}:1: warning: does not match the access log format: `);
    expect(observed(r.stdout)).toEqual([]);
  });

  test('an unknown operator is a warning naming the line of the format, once; the rest of the format still reads', () => {
    const r = analyze('--envoy-format', '[%START_TIME%] "%REQ(:METHOD)% %REQ(X-ENVOY-ORIGINAL-PATH?:PATH)% %PROTOCOL%" %RESPONCE_CODE% %DOWNSTREAM_PEER_URI_SAN%', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.includes('%RESPONCE_CODE%'))).toEqual(['--envoy-format:1: warning: %RESPONCE_CODE% is not an Envoy command operator: ignored [envoy-format-operator-ignored]']);
  });

  test.each([
    { args: ['--envoy-format', '@/nonexistent/mesh.yaml'], message: '--envoy-format: cannot read /nonexistent/mesh.yaml (ENOENT)' },
    { args: ['--envoy-format', 'no operators here'], message: 'no command operator Eastwest reads' },
  ])('a format that cannot be used is a usage error (exit 2): $message', ({ args, message }) => {
    const r = analyze(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
