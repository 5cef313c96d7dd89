import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS, type ManifestObject } from '../../model/manifest';
import { calicoLayerFactory } from '../calico';
import { ciliumLayerFactory } from './index';
import { connection, inventoryOf, loadObjects } from './test-support';

const cluster = loadObjects('cilium/docs-cluster.yaml');
const inventory = inventoryOf(cluster);

function object(apiVersion: string, kind: string, body: Record<string, unknown>, namespace?: string): ManifestObject {
  return { apiVersion, kind, metadata: { name: 'p', ...(namespace ? { namespace } : {}), labels: {}, annotations: {} }, body: { apiVersion, kind, ...body }, source: { file: 'bad.yaml', line: 7 } };
}

describe('bad Cilium input: diagnostics with file and line, the rest still evaluated', () => {
  test.each([
    [{ spec: { endpointSelector: {}, ingress: [{ fromEntities: ['galaxy'] }] } }, 'unknown entity'],
    [{ spec: { endpointSelector: { matchExpressions: [{ key: 'a', operator: 'Near' }] } } }, 'unknown operator'],
    [{ spec: { endpointSelector: {}, ingress: [{ toPorts: [{ ports: [{ port: '80' }], rules: { http: [{ path: '(' }] } }] }] } }, 'invalid regular expression'],
    [{ spec: { endpointSelector: {}, nodeSelector: {} } }, 'exactly one'],
    [{ spec: { endpointSelector: {}, ingressDeny: [{ toPorts: [{ ports: [{ port: '80' }], rules: { http: [{}] } }] }] } }, 'deny rules cannot carry L7 rules'],
    [{ spec: { endpointSelector: {}, egress: [{ toCIDR: ['10.0.0.0/33'] }] } }, 'invalid CIDR'],
  ])('%j', (body, message) => {
    const good = loadObjects('cilium/docs-policies.yaml').filter((p) => p.metadata.name === 'l3-rule');
    const objects = [...cluster, object('cilium.io/v2', 'CiliumNetworkPolicy', body, 'default'), ...good];
    const r = ciliumLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'bad.yaml', line: 7, message: expect.stringContaining(message) })]);
    expect(r.value!.decide(connection(inventory, 'default/frontend', 'default/backend', 80)).outcome).toBe('allowed');
  });

  test('any JSON as a CiliumNetworkPolicy or Calico policy body never throws', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('spec', 'specs'), fc.constantFrom('CiliumNetworkPolicy', 'GlobalNetworkPolicy', 'NetworkPolicy'), (value, key, kind) => {
        const o = kind === 'CiliumNetworkPolicy' ? object('cilium.io/v2', kind, { [key]: value }, 'default') : object('projectcalico.org/v3', kind, { spec: value }, 'default');
        const input = { inventory, objects: [...cluster, o], options: DEFAULT_ENGINE_OPTIONS };
        const layer = (kind === 'CiliumNetworkPolicy' ? ciliumLayerFactory : calicoLayerFactory)(input).value;
        layer?.decide(connection(inventory, 'default/frontend', 'default/backend', 80));
      }),
      { numRuns: 300 },
    );
  });

  test('rules with arbitrary field values never throw', () => {
    const ciliumRule = fc.dictionary(fc.constantFrom('fromEndpoints', 'fromEntities', 'fromCIDR', 'fromCIDRSet', 'toPorts', 'toFQDNs', 'toEndpoints', 'toServices'), fc.jsonValue());
    const calicoRule = fc.dictionary(fc.constantFrom('action', 'protocol', 'source', 'destination', 'http', 'notProtocol'), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(ciliumRule, { maxLength: 3 }), fc.array(calicoRule, { maxLength: 3 }), (cRules, kRules) => {
        const cnp = object('cilium.io/v2', 'CiliumNetworkPolicy', { spec: { endpointSelector: {}, ingress: cRules, egress: cRules } }, 'default');
        const knp = object('projectcalico.org/v3', 'NetworkPolicy', { spec: { selector: 'all()', ingress: kRules, egress: kRules } }, 'default');
        for (const [factory, o] of [[ciliumLayerFactory, cnp], [calicoLayerFactory, knp]] as const) {
          factory({ inventory, objects: [...cluster, o], options: DEFAULT_ENGINE_OPTIONS }).value?.decide(connection(inventory, 'default/frontend', 'default/backend', 80));
        }
      }),
      { numRuns: 300 },
    );
  });
});
