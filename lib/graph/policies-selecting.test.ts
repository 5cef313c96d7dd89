import { describe, expect, test } from 'vitest';
import { formatRuleRef } from '../model/verdict';
import { buildEndpointIndex } from './endpoint-index';
import { policiesSelectingWorkload } from './policies-selecting';
import { loadBoutique } from './testing/boutique';

describe('policiesSelectingWorkload', async () => {
  const { inventory, evaluator } = await loadBoutique(['policies/networkpolicy.yaml']);
  const index = buildEndpointIndex(inventory);
  const refs = (pods: Parameters<typeof policiesSelectingWorkload>[1]) => policiesSelectingWorkload(evaluator, pods).map((p) => formatRuleRef(p.ref));

  test('lists the deny-all that decides none of paymentservice edges next to its own policy', () => {
    expect(policiesSelectingWorkload(evaluator, index.podsByWorkload.get('boutique/paymentservice')!)).toEqual([
      { layer: 'network', ref: { kind: 'NetworkPolicy', namespace: 'boutique', name: 'deny-all' }, directions: ['ingress', 'egress'], isolates: ['ingress', 'egress'] },
      { layer: 'network', ref: { kind: 'NetworkPolicy', namespace: 'boutique', name: 'paymentservice' }, directions: ['ingress', 'egress'], isolates: ['ingress', 'egress'] },
    ]);
  });

  test('replicas that share their labels list each policy once', () => {
    const coredns = index.podsByWorkload.get('kube-system/coredns')!;
    expect(coredns).toHaveLength(2);
    expect(refs(coredns)).toEqual(refs(coredns.slice(0, 1)));
  });

  test('replicas whose labels differ: the union, with a note on the policy selecting only some', () => {
    const [pod] = index.podsByWorkload.get('boutique/paymentservice')!;
    const relabelled = { ...pod!, name: `${pod!.name}-b`, labels: { ...pod!.labels, app: 'paymentservice-canary' } };
    const policies = policiesSelectingWorkload(evaluator, [pod!, relabelled]);
    expect(policies.map((p) => [formatRuleRef(p.ref), p.note])).toEqual([
      ['NetworkPolicy/boutique/deny-all', undefined],
      ['NetworkPolicy/boutique/paymentservice', 'selects 1 of its 2 pods'],
    ]);
  });

  test('no pods (world, an address): nothing selects it', () => {
    expect(policiesSelectingWorkload(evaluator, [])).toEqual([]);
  });
});
