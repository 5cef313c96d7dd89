import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { emptyInventory } from '../model/kubernetes';
import { computeFindings, normalizeEnvironment, resolveEnvironments, type EnvironmentLeak } from './index';
import { FINDINGS_FIXTURES, laterEdges, loadBoutiqueInput, observed } from './testing/boutique-timeline';

const ns = (name: string, labels: Record<string, string> = {}) => ({ name, labels: { 'kubernetes.io/metadata.name': name, ...labels }, annotations: {} });

describe('resolveEnvironments', () => {
  const inventory = { ...emptyInventory(), namespaces: [ns('payments', { env: 'Production' }), ns('dev-tools'), ns('shop-staging'), ns('shared'), ns('pinned', { environment: 'dev' })] };
  test.each([
    { namespace: 'payments', environment: 'prod', source: 'label' },
    { namespace: 'dev-tools', environment: 'dev', source: 'name' },
    { namespace: 'shop-staging', environment: 'staging', source: 'name' },
    { namespace: 'shared', environment: 'prod', source: 'snapshot' },
    { namespace: 'pinned', environment: 'qa-2', source: 'explicit' },
  ])('$namespace is $environment (from $source)', ({ namespace, environment, source }) => {
    const envs = resolveEnvironments(inventory, { fallback: 'production', namespaces: { pinned: 'qa-2' } });
    expect(envs.find((e) => e.namespace === namespace)).toMatchObject({ environment, source });
  });

  test('without a fallback, unnamed namespaces have no environment', () => {
    expect(resolveEnvironments(inventory).map((e) => e.namespace)).not.toContain('shared');
  });

  test.each([['Production', 'prod'], ['stage', 'staging'], ['DEV', 'dev'], ['perf', 'perf']])('normalizeEnvironment(%s) = %s', (raw, env) => {
    expect(normalizeEnvironment(raw)).toBe(env);
  });
});

describe('dev -> prod: a load-test pod in shop-dev calls the boutique frontend', () => {
  const devCall = observed('shop-dev/loadtest', 'boutique/frontend', 8080, { appProtocol: 'http', count: 40, verdicts: { forwarded: 40 } });
  const devToRedis = observed('shop-dev/loadtest', 'boutique/redis-cart', 6379, { count: 3, verdicts: { 'dropped:POLICY_DENIED': 3 } });

  test('is reported with its evidence; the blocked attempt is listed after it; same-environment edges are not', async () => {
    const input = await loadBoutiqueInput([path.join(FINDINGS_FIXTURES, 'dev-namespace.yaml')], laterEdges([devCall, devToRedis]));
    const f = computeFindings(input, { environment: { fallback: 'prod' } });
    expect(f.environments.find((e) => e.namespace === 'shop-dev')).toMatchObject({ environment: 'dev', source: 'label' });
    const observedLeaks = f.environmentLeaks.filter((l) => l.evidence.kind === 'observed');
    const leaks = observedLeaks.map((l: EnvironmentLeak) => ({ source: l.source, destination: l.destination, port: l.port, severity: l.severity, blocked: l.blocked, env: `${l.sourceEnvironment}->${l.destinationEnvironment}` }));
    expect(leaks).toEqual([
      { source: 'shop-dev/loadtest', destination: 'boutique/frontend', port: 8080, severity: 'critical', blocked: false, env: 'dev->prod' },
      { source: 'shop-dev/loadtest', destination: 'boutique/redis-cart', port: 6379, severity: 'critical', blocked: true, env: 'dev->prod' },
    ]);
    // Open findings come before blocked ones.
    expect(f.environmentLeaks.at(-1)).toBe(observedLeaks[1]);
    expect(f.environmentLeaks[0]!.evidence).toMatchObject({ kind: 'observed', count: 40, lastSeen: devCall.lastSeen });
    // frontend admits everyone (wildcard rule), so the call is allowed, and the rule is named as evidence.
    expect(f.environmentLeaks[0]!.class).toBe('allowed');
    expect(f.environmentLeaks[0]!.rules.length).toBeGreaterThan(0);
  });

  test('unisolated workloads in other environments are default-allow findings (no rule to name); boutique is isolated', async () => {
    const input = await loadBoutiqueInput([path.join(FINDINGS_FIXTURES, 'dev-namespace.yaml')], laterEdges([]));
    const f = computeFindings(input, { environment: { fallback: 'prod' } });
    const defaults = f.environmentLeaks.filter((l) => l.evidence.kind === 'default-allow').map((l) => `${l.source} -> ${l.destination} (${l.severity})`);
    // istio-ingressgateway and the debug pod are not isolated (no policy selects them), nor is the dev pod.
    expect(defaults).toEqual([
      'shop-dev/* -> istio-system/istio-ingressgateway (critical)',
      'shop-dev/* -> tools/netshoot-debug (critical)',
      'istio-system/* -> shop-dev/loadtest (high)',
      'tools/* -> shop-dev/loadtest (high)',
    ]);
    expect(f.environmentLeaks.every((l) => !l.destination.startsWith('boutique/') || l.evidence.kind !== 'default-allow')).toBe(true);
  });

  test('nothing is reported when every namespace is in one environment', async () => {
    const input = await loadBoutiqueInput([path.join(FINDINGS_FIXTURES, 'dev-namespace.yaml')], laterEdges([devCall]));
    const f = computeFindings(input, { environment: { fallback: 'prod', labelKeys: [] , namePrefixes: false } });
    expect(f.environmentLeaks).toEqual([]);
  });
});
