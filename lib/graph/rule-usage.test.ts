// Rule usage of NetworkPolicy peers: a peer that matched traffic is never listed as unused or dangling; a peer that
// matches nothing is listed `partOf` its rule when the rule's other peers match (partly dangling); a rule whose only
// peer matches nothing is dangling.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import type { ManifestObject } from '../model/manifest';
import { createEvaluator } from '../policy';
import { classifyGraph, computeRuleUsage, type UnusedRule } from './index';
import { layer, observedEdge, verdict } from './testing/builders';
import { shopObjects } from './testing/shop-cluster';

const ghostOnly: ManifestObject = {
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'ghost-only', namespace: 'shop', labels: {}, annotations: {} },
  body: { spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'ghost' } } }] }] } },
  source: { file: 'partly-dangling.test.ts', line: 1 },
};
const objects = [...shopObjects, ghostOnly];
const inventory = buildInventory(objects).value;
const evaluator = createEvaluator(inventory, objects).value;
const frontendToApi = observedEdge({ source: 'shop/frontend', destination: 'shop/api', port: 9090, lastSeen: '2026-03-12T09:40:00.000Z' });

const listed = (rules: UnusedRule[], ref: string) => rules.find((r) => r.ref === ref);

describe('NetworkPolicy peers (shop cluster: api ingress[0] = frontend OR app=ghost; ghost-only ingress[0] = app=ghost)', () => {
  const cases = [
    { name: 'traffic on the rule', edges: [frontendToApi], partLast: '2026-03-12T09:40:00.000Z', partReason: /matched 1 observed edge\(s\) in the window through its other peers/ },
    { name: 'no traffic at all', edges: [], partLast: null, partReason: /still matches existing workloads through its other peers/ },
  ];
  test.each(cases)('$name', ({ edges, partLast, partReason }) => {
    const { unusedRules } = classifyGraph({ inventory, evaluator, edges });
    // used: the peer that carried the traffic is not listed; partly dangling: the ghost peer, part of ingress[0].
    expect(listed(unusedRules, 'NetworkPolicy/shop/api#ingress[0].from[0]') === undefined).toBe(edges.length > 0);
    const part = listed(unusedRules, 'NetworkPolicy/shop/api#ingress[0].from[1]');
    expect(part).toMatchObject({ dangling: true, lastMatched: null, partOf: { ref: 'NetworkPolicy/shop/api#ingress[0]', lastMatched: partLast } });
    expect(part?.reason).toMatch(partReason);
    expect(part?.reason).toContain('remove only from[1]');
    // dangling: the rule's only peer matches nothing, so the rule admits nobody.
    const whole = listed(unusedRules, 'NetworkPolicy/shop/ghost-only#ingress[0].from[0]');
    expect(whole).toMatchObject({ dangling: true, reason: 'dangling: its source selector matches no pod' });
    expect(whole?.partOf).toBeUndefined();
  });
});

test('built-in rules (the node exemption) are never listed as unused, matched outside the window or not', () => {
  const ownNode = { kind: 'Kubernetes', name: 'own-node', builtin: true };
  const hit = { source: 'node:node-1', destination: 'shop/api', lastSeen: '2026-03-12T09:40:00.000Z', inWindow: false, verdict: verdict(layer('network', 'allowed', 'explicit', [ownNode])) };
  const usage = computeRuleUsage([], [hit], [{ rule: ownNode, layer: 'network' }]);
  expect([usage.unusedRules, usage.wildcardRules, [...usage.lastMatched.keys()]]).toEqual([[], [], []]);
});
