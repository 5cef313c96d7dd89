import { describe, expect, test } from 'vitest';
import { buildEndpointIndex, buildRuleCatalog, catalogCandidates, classifyGraph, findUnusedGrants, grantedPorts, networkModelOf } from './index';
import { observedEdge } from './testing/builders';
import { loadShop } from './testing/shop-cluster';

const { inventory, evaluator } = loadShop();
const model = networkModelOf(evaluator.layers)!;
const catalog = buildRuleCatalog(model);
const index = buildEndpointIndex(inventory);

describe('buildRuleCatalog', () => {
  test.each([
    { ref: 'NetworkPolicy/shop/frontend#ingress[0]', wildcard: true, dangling: false, targets: ['shop/frontend'], peers: [] },
    { ref: 'NetworkPolicy/shop/api#ingress[0].from[0]', wildcard: false, dangling: false, targets: ['shop/api'], peers: ['shop/frontend'] },
    { ref: 'NetworkPolicy/shop/api#ingress[0].from[1]', wildcard: false, dangling: true, targets: ['shop/api'], peers: [] },
    { ref: 'NetworkPolicy/shop/api#ingress[1].from[0]', wildcard: true, dangling: false, targets: ['shop/api'], peers: [] },
    { ref: 'NetworkPolicy/shop/db#ingress[0].from[0]', wildcard: false, dangling: false, targets: ['shop/db'], peers: ['shop/api'] },
    { ref: 'NetworkPolicy/shop/db#ingress[0].from[1]', wildcard: false, dangling: false, targets: ['shop/db'], peers: [] },
  ])('$ref: wildcard=$wildcard dangling=$dangling', ({ ref, ...expected }) => {
    const rule = catalog.find((r) => r.ref === ref);
    expect(rule).toBeDefined();
    expect({ wildcard: rule!.wildcard, dangling: rule!.dangling, targets: rule!.targets, peers: rule!.peers }).toEqual(expected);
  });

  test('the network model is found through the evaluator layers', () => {
    expect(model.netpols).toHaveLength(4);
  });
});

describe('grantedPorts', () => {
  const ports = [
    { name: 'grpc', port: 9090, protocol: 'TCP' as const },
    { name: 'dns', port: 53, protocol: 'UDP' as const },
  ];
  test.each([
    { rules: null, expected: ['9090/TCP', '53/UDP'], reason: 'no ports = every declared port' },
    { rules: [{ protocol: 'TCP' as const, port: 'grpc' }], expected: ['9090/TCP'], reason: 'named port resolved on the destination' },
    { rules: [{ protocol: 'TCP' as const, port: 'http' }], expected: [], reason: 'a name the destination does not declare' },
    { rules: [{ protocol: 'TCP' as const, port: 7000 }], expected: ['7000/TCP'], reason: 'a number is granted even if undeclared' },
    { rules: [{ protocol: 'TCP' as const, port: 9000, endPort: 9999 }], expected: ['9090/TCP'], reason: 'range over declared ports' },
    { rules: [{ protocol: 'UDP' as const }], expected: ['53/UDP'], reason: 'protocol only' },
  ])('$reason', ({ rules, expected }) => {
    expect(grantedPorts(rules, ports).map((p) => `${p.port}/${p.protocol}`)).toEqual(expected);
  });
});

describe('unused grants', () => {
  const candidates = catalogCandidates(catalog, index);
  const wildcards = new Set(catalog.filter((c) => c.wildcard).map((c) => c.ref));

  test('candidates come from specific rules only, on the granted ports', () => {
    expect(candidates.map((c) => `${c.source}->${c.destination}:${c.port}`).sort()).toEqual(['shop/api->shop/db:5432', 'shop/frontend->shop/api:9090']);
  });

  test('observed candidates are not unused', () => {
    const observed = new Set(['shop/frontend|shop/api|9090|TCP']);
    expect(findUnusedGrants(evaluator, index, candidates, observed, wildcards).map((g) => g.id)).toEqual(['shop/api|shop/db|5432|TCP']);
  });

  test('in the graph: wildcard rules are listed once, the dangling peer as a dangling rule', () => {
    const graph = classifyGraph({ inventory, evaluator, edges: [observedEdge({ source: 'shop/frontend', destination: 'shop/api', port: 9090 }), observedEdge({ source: 'ops/debug', destination: 'shop/api', port: 9091 })] });
    expect(graph.edges.map((e) => `${e.source}->${e.destination}:${e.port} ${e.class}`)).toEqual([
      'ops/debug->shop/api:9091 allowed',
      'shop/api->shop/db:5432 unused',
      'shop/frontend->shop/api:9090 allowed',
    ]);
    expect(graph.wildcardRules.map((w) => `${w.ref} used by ${w.usedBy}`)).toEqual(['NetworkPolicy/shop/api#ingress[1].from[0] used by 1', 'NetworkPolicy/shop/frontend#ingress[0] used by 0']);
    expect(graph.unusedRules.filter((r) => r.dangling).map((r) => r.ref)).toEqual(['NetworkPolicy/shop/api#ingress[0].from[1]']);
  });
});
