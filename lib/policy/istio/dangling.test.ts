// Which part of an Istio ALLOW rule a principal of no ServiceAccount makes dead: the principal, its `from` entry, or the rule.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import { formatRuleRef } from '../../model/verdict';
import { createEvaluator } from '../index';
import { istioLayerFactory } from './index';

const cluster = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: checkout, namespace: shop }
`;
const SA = (name: string) => `cluster.local/ns/shop/sa/${name}`;
const policy = (action: string, from: unknown[]) =>
  JSON.stringify({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name: 'payment', namespace: 'shop' }, spec: { action, rules: [{ from }] } });

const cases = [
  { name: 'one of two principals is dead: the principal, part of the rule', from: [{ source: { principals: [SA('checkout'), SA('fraud')] } }], expected: [['AuthorizationPolicy/shop/payment#rules[0].from[0].source.principals[1]', true]] },
  { name: 'the only principal of the only source: the whole rule', from: [{ source: { principals: [SA('fraud')] } }], expected: [['AuthorizationPolicy/shop/payment#rules[0]', false]] },
  { name: 'the only principal of a second source: that source, part of the rule', from: [{ source: { principals: [SA('checkout')] } }, { source: { principals: [SA('fraud')] } }], expected: [['AuthorizationPolicy/shop/payment#rules[0].from[1]', true]] },
  { name: 'a dead principal ANDed with a namespace: that source', from: [{ source: { principals: [SA('fraud')], namespaces: ['shop'] } }, { source: { principals: [SA('checkout')] } }], expected: [['AuthorizationPolicy/shop/payment#rules[0].from[0]', true]] },
  { name: 'a pattern matches whoever comes: nothing dangles', from: [{ source: { principals: ['cluster.local/ns/shop/sa/*'] } }], expected: [] },
  { name: 'every principal alive: nothing dangles', from: [{ source: { principals: [SA('checkout')] } }], expected: [] },
];

describe('dangling-principal', () => {
  test.each(cases)('$name', ({ from, expected }) => {
    const objects = [...parseManifestText(cluster, 'cluster.yaml').value, ...parseManifestText(policy('ALLOW', from), 'policy.json').value];
    const built = createEvaluator(buildInventory(objects).value, objects, {}, [istioLayerFactory]);
    const found = built.diagnostics.filter((d) => d.code === 'dangling-principal');
    expect(found.map((d) => [formatRuleRef(d.dangling!.part), d.dangling!.partial])).toEqual(expected);
    // The message names the part (what to edit), the data the rule verdicts name (what usage joins on).
    for (const d of found) {
      expect(d.message.startsWith(`${formatRuleRef(d.dangling!.part)}: `)).toBe(true);
      expect(formatRuleRef(d.dangling!.rule)).toBe('AuthorizationPolicy/shop/payment#rules[0]');
    }
  });

  test('DENY rules are not judged', () => {
    const objects = [...parseManifestText(cluster, 'cluster.yaml').value, ...parseManifestText(policy('DENY', [{ source: { principals: [SA('fraud')] } }]), 'policy.json').value];
    expect(createEvaluator(buildInventory(objects).value, objects, {}, [istioLayerFactory]).diagnostics.filter((d) => d.code === 'dangling-principal')).toEqual([]);
  });
});
