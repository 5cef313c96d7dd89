import { describe, expect, test } from 'vitest';
import { parseManifestText } from '../manifest';
import { combinePolicies, generateDraft, semanticDiff, simulateDraft, toManifestObjects } from './index';
import { answerKey, boutiqueEdges, boutiqueInventory, loadObjects } from './test-support/boutique';

const inventory = boutiqueInventory();
const edges = boutiqueEdges();
const current = loadObjects('boutique/policies/networkpolicy.yaml');
const draft = toManifestObjects(generateDraft({ inventory, edges, scope: { namespaces: ['boutique'] } }).documents).value;
const denyAllIngress = parseManifestText(
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-all-ingress, namespace: boutique}\nspec: {podSelector: {}, policyTypes: [Ingress]}\n',
  'proposal.yaml',
).value;
const pair = (e: { source: string; destination: string; port: number }) => `${e.source}->${e.destination}:${e.port}`;

describe('what-if', () => {
  test('replace drops the current policies of the same family in the same namespaces only', () => {
    const other = parseManifestText('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: x, namespace: tools}\nspec: {podSelector: {}}\n', 'other.yaml').value;
    const combined = combinePolicies([...current, ...other], denyAllIngress, 'replace');
    expect(combined.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['tools/x', 'boutique/deny-all-ingress']);
    expect(combinePolicies(current, denyAllIngress, 'add')).toHaveLength(current.length + 1);
  });

  test('add: NetworkPolicies only add allowances, so a deny-all next to the current policies breaks nothing', () => {
    expect(simulateDraft({ inventory, currentObjects: current, draftObjects: denyAllIngress, edges, mode: 'add' }).wouldBreak).toEqual([]);
  });

  test('replace: alone, a deny-all-ingress breaks every observed connection into boutique (E1-E17 among them)', () => {
    const sim = simulateDraft({ inventory, currentObjects: current, draftObjects: denyAllIngress, edges, mode: 'replace' });
    const broken = sim.wouldBreak.map((e) => pair(e.edge));
    for (const e of answerKey().filter((x) => x.id.startsWith('E'))) expect(broken).toContain(pair(e));
    expect(sim.wouldBreak.every((e) => e.edge.destination.startsWith('boutique/'))).toBe(true);
    // DNS egress to kube-system is not touched by an ingress policy in boutique.
    expect(broken.filter((p) => p.includes('coredns'))).toEqual([]);
  });

  test('the generated draft added to the current policies breaks nothing and leaves U1-U3 denied', () => {
    const sim = simulateDraft({ inventory, currentObjects: current, draftObjects: draft, edges, mode: 'add' });
    expect(sim.wouldBreak).toEqual([]);
    expect(sim.blocked).toHaveLength(3);
  });
});

describe('semantic diff', () => {
  const boutique = inventory.workloads.filter((w) => w.namespace === 'boutique').map((w) => `${w.namespace}/${w.name}`);
  const diff = semanticDiff({ inventory, before: current, after: combinePolicies(current, draft, 'replace'), workloads: boutique });

  test('the draft only takes away: nothing gained', () => {
    expect(diff.gained).toEqual([]);
    expect(diff.compared).toBeGreaterThan(100);
  });

  test.each([
    ['A1', 'boutique/frontend->boutique/emailservice:8080'],
    ['A3', 'boutique/checkoutservice->boutique/recommendationservice:8080'],
    ['frontend wildcard', 'boutique/adservice->boutique/frontend:8080'],
  ])('%s is lost', (_name, expected) => {
    expect(diff.lost.map(pair)).toContain(expected);
  });

  test('observed connections are neither lost nor gained', () => {
    const changed = new Set([...diff.lost, ...diff.gained, ...diff.changed].map(pair));
    for (const e of edges.filter((x) => boutique.includes(x.source) && boutique.includes(x.destination) && !x.verdicts.dropped)) expect(changed.has(pair(e)), pair(e)).toBe(false);
  });

  test('identical policy sets in another order: no change', () => {
    const same = semanticDiff({ inventory, before: current, after: [...current].reverse(), workloads: boutique });
    expect([...same.gained, ...same.lost, ...same.changed]).toEqual([]);
  });
});
