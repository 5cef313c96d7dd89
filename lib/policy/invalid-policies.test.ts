import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildInventory, isInventoryKind } from '../inventory';
import { parseManifestText } from '../manifest';
import { createEvaluator, findInvalidPolicies } from './index';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const objectsOf = (text: string, file = 'policy.yaml') => parseManifestText(text, file).value;
const fixture = (rel: string) => objectsOf(readFileSync(path.join(FIXTURES, rel), 'utf8'), rel);

const netpol = (ports: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - ports:
${ports}
`;

describe('findInvalidPolicies', () => {
  test.each([
    { name: 'a NetworkPolicy port with protocol TCPX', text: netpol('    - protocol: TCPX\n      port: 80'), expected: [{ code: 'invalid-policy', line: 1, message: /NetworkPolicy shop\/api ignored \(the API server would reject it\): spec\.ingress\[0\]\.ports\[0\]\.protocol: unsupported protocol "TCPX"/ }] },
    { name: 'a valid NetworkPolicy', text: netpol('    - protocol: TCP\n      port: 80'), expected: [] },
    {
      name: 'an Istio AuthorizationPolicy with an unknown action, second document',
      text: `${netpol('    - port: 80')}---\napiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: deny-all\n  namespace: shop\nspec:\n  action: BLOCK\n`,
      expected: [{ code: 'istio-invalid-action', line: 12, message: /unknown action BLOCK; policy ignored/ }],
    },
    { name: 'inventory objects alone', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\n', expected: [] },
  ])('$name', ({ text, expected }) => {
    const found = findInvalidPolicies(objectsOf(text));
    expect(found).toEqual(expected.map((e) => expect.objectContaining({ severity: 'error', code: e.code, file: 'policy.yaml', line: e.line, message: expect.stringMatching(e.message) })));
  });

  test('the shipped Boutique Cilium sample nests `specs` under `spec`: its line and the field are named', () => {
    expect(findInvalidPolicies(fixture('boutique/policies/cilium-policies.yaml'))).toEqual([
      expect.objectContaining({ severity: 'error', code: 'invalid-policy', file: 'boutique/policies/cilium-policies.yaml', line: 47, message: expect.stringContaining('spec.specs') }),
    ]);
  });

  // The importer checks a file's policies before anything else is known: this holds only while the engine's errors
  // are about one object alone. Every policy fixture, checked alone and next to the Boutique cluster, must agree.
  const policyFixtures = ['boutique/policies', 'netpol', 'cilium', 'calico', 'istio', 'linkerd'].flatMap((dir) =>
    readdirSync(path.join(FIXTURES, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => `${dir}/${f}`),
  );
  const cluster = fixture('boutique/kubernetes/cluster-state.json');
  const inventory = buildInventory(cluster.filter((o) => isInventoryKind(o.kind))).value;

  test.each(policyFixtures)('%s: the same errors without and with an inventory', (rel) => {
    const objects = fixture(rel);
    const withInventory = createEvaluator(inventory, [...cluster, ...objects]).diagnostics.filter((d) => d.severity === 'error');
    expect(findInvalidPolicies(objects)).toEqual(withInventory);
  });
});
