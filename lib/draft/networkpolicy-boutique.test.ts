import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import { evaluateEdge, generateDraft, simulateDraft, toManifestObjects } from './index';
import { answerKey, boutiqueEdges, boutiqueInventory, loadObjects } from './test-support/boutique';

const inventory = boutiqueInventory();
const edges = boutiqueEdges();
const draft = generateDraft({ inventory, edges, scope: { namespaces: ['boutique'] }, kinds: ['networkpolicy'] });
const draftObjects = toManifestObjects(draft.documents);
const evaluator = createEvaluator(inventory, draftObjects.value).value;
const key = answerKey();
const byId = (prefix: string) => key.filter((e) => e.id.startsWith(prefix) && !e.source.includes('<')).map((e) => [e.id, e] as const);

describe('NetworkPolicy draft for the Online Boutique samples (edges.jsonl, scope boutique)', () => {
  test('parses back without diagnostics', () => {
    expect(draftObjects.diagnostics).toEqual([]);
    expect(draftObjects.value.every((o) => o.kind === 'NetworkPolicy')).toBe(true);
  });

  test.each(byId('E'))('%s is allowed', (_id, e) => {
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe('allowed');
  });

  test.each(byId('U'))('%s (observed but denied) is denied', (_id, e) => {
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe('denied');
  });

  test.each(byId('A'))('%s (allowed today but never observed) is not re-created', (_id, e) => {
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe('denied');
  });

  test('the dangling fraudservice rule (A2) is not carried over', () => {
    expect(draft.yaml).not.toContain('fraudservice');
  });

  test('DNS to kube-dns and the kubelet probe keep working', () => {
    const infra = edges.filter((e) => e.destination === 'kube-system/coredns' || e.source.startsWith('node:'));
    expect(infra.length).toBeGreaterThan(0);
    for (const e of infra) expect(evaluateEdge(evaluator, inventory, e).outcome, `${e.source} -> ${e.destination}`).toBe('allowed');
  });

  test('no selector uses pod-template-hash; every workload is selected by its app label', () => {
    expect(draft.yaml).not.toContain('pod-template-hash');
    const selectors = draft.documents.map((d) => JSON.stringify((d.object.spec as { podSelector: unknown }).podSelector));
    expect(selectors).toContain(JSON.stringify({ matchLabels: { app: 'paymentservice' } }));
  });

  test('cross-namespace callers are selected through kubernetes.io/metadata.name', () => {
    expect(draft.yaml).toMatch(/namespaceSelector:\n\s+matchLabels:\n\s+kubernetes.io\/metadata.name: istio-system\n\s+podSelector:\n\s+matchLabels:\n\s+app: istio-ingressgateway/);
  });

  test('denied attempts are excluded by default and granted only when asked', () => {
    expect(draft.excluded.filter((x) => x.reason === 'filtered').map((x) => `${x.edge.source}->${x.edge.destination}`).sort()).toEqual([
      'boutique/frontend->boutique/paymentservice',
      'boutique/frontend->boutique/redis-cart',
      'tools/netshoot-debug->boutique/cartservice',
    ]);
    const all = generateDraft({ inventory, edges, scope: { namespaces: ['boutique'] }, keep: () => true });
    const ev = createEvaluator(inventory, toManifestObjects(all.documents).value).value;
    for (const [, e] of byId('U')) expect(evaluateEdge(ev, inventory, e).outcome).toBe('allowed');
  });

  test('without a scope: every namespace the kept traffic touches, except system and mesh control-plane namespaces', () => {
    const whole = generateDraft({ inventory, edges });
    expect(whole.scope.namespaces).toEqual(['boutique']);
    expect(whole.diagnostics.map((d) => d.code)).toContain('system-namespace-skipped');
  });

  test('what-if: replacing the sample policies breaks nothing observed and still blocks U1-U3', () => {
    const current = loadObjects('boutique/policies/networkpolicy.yaml');
    const sim = simulateDraft({ inventory, currentObjects: current, draftObjects: draftObjects.value, edges, mode: 'replace' });
    expect(sim.wouldBreak.map((e) => `${e.edge.source}->${e.edge.destination}`)).toEqual([]);
    expect(sim.blocked.map((e) => `${e.edge.source}->${e.edge.destination}`).sort()).toEqual([
      'boutique/frontend->boutique/paymentservice',
      'boutique/frontend->boutique/redis-cart',
      'tools/netshoot-debug->boutique/cartservice',
    ]);
    expect(sim.stillAllowed).toEqual([]);
  });
});
