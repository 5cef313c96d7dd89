import { describe, expect, test } from 'vitest';
import { generateDraft, toCiliumPathRegex, validateDraftObject } from './index';
import { clusterInventory, observedEdge } from './test-support/cluster';

/** Cilium and Linkerd output for a small scenario with L7, cross-namespace, external and API-server peers. */
const inventory = clusterInventory([
  { namespace: 'backend', name: 'api-gateway', ports: [{ port: 8080 }] },
  { namespace: 'backend', name: 'user-service', ports: [{ port: 8000 }] },
  { namespace: 'ops', name: 'prober', ports: [] },
]);
const edges = [
  observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'GET', pathTemplate: '/api/v1/users/{id}' }),
  observedEdge('ops/prober', 'backend/user-service', 8000),
  observedEdge('ip:198.51.100.7', 'backend/api-gateway', 8080),
  observedEdge('backend/user-service', 'dns:api.stripe.com', 443),
  observedEdge('backend/user-service', 'world', 443),
];
const docs = (kind: 'cilium' | 'linkerd') => generateDraft({ inventory, edges, scope: { namespaces: ['backend'] }, kinds: [kind] }).documents;
const named = (kind: 'cilium' | 'linkerd', name: string) => docs(kind).find((d) => d.object.metadata.name === name)?.object;

describe('CiliumNetworkPolicy draft', () => {
  test('ingress: L7 HTTP rule for the observed request, L4 for the cross-namespace prober', () => {
    expect(named('cilium', 'eastwest-user-service-ingress')?.spec).toEqual({
      endpointSelector: { matchLabels: { app: 'user-service' } },
      ingress: [
        { fromEndpoints: [{ matchLabels: { app: 'prober', 'k8s:io.kubernetes.pod.namespace': 'ops' } }], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }] }] },
        { fromEndpoints: [{ matchLabels: { app: 'api-gateway' } }], toPorts: [{ ports: [{ port: '8000', protocol: 'TCP' }], rules: { http: [{ method: 'GET', path: '/api/v1/users/[^/]+' }] } }] },
      ],
    });
  });

  test('egress: FQDN and world peers, with DNS visibility switched on for toFQDNs', () => {
    expect(named('cilium', 'eastwest-user-service-egress')?.spec).toEqual({
      endpointSelector: { matchLabels: { app: 'user-service' } },
      egress: [
        { toEntities: ['world'], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
        { toFQDNs: [{ matchName: 'api.stripe.com' }], toPorts: [{ ports: [{ port: '443', protocol: 'TCP' }] }] },
      ],
    });
    expect(JSON.stringify(named('cilium', 'eastwest-allow-dns')?.spec)).toContain('"matchPattern":"*"');
  });

  test('external callers become fromCIDR', () => {
    expect(named('cilium', 'eastwest-api-gateway-ingress')?.spec.ingress).toEqual([{ fromCIDR: ['198.51.100.7/32'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
  });

  test('every document is valid', () => {
    for (const d of docs('cilium')) expect(validateDraftObject(d.object), d.object.metadata.name).toEqual([]);
  });

  test.each([
    ['/api/v1/users/{id}', '/api/v1/users/[^/]+'],
    ['/hipstershop.CartService/GetCart', '/hipstershop\\.CartService/GetCart'],
  ])('path %s becomes regex %s', (template, regex) => {
    expect(toCiliumPathRegex(template)).toBe(regex);
  });
});

describe('Linkerd draft', () => {
  test('a Server per observed port, MeshTLSAuthentication of the callers, NetworkAuthentication for addresses', () => {
    expect(named('linkerd', 'eastwest-user-service-ingress-8000')).toMatchObject({ kind: 'Server', spec: { podSelector: { matchLabels: { app: 'user-service' } }, port: 8000, accessPolicy: 'deny' } });
    expect(named('linkerd', 'eastwest-user-service-ingress-8000-clients')?.kind).toBeDefined();
    const auth = docs('linkerd').filter((d) => d.object.kind === 'MeshTLSAuthentication').map((d) => d.object.spec);
    expect(auth).toEqual([{ identityRefs: [{ kind: 'ServiceAccount', name: 'api-gateway' }, { kind: 'ServiceAccount', name: 'prober', namespace: 'ops' }] }]);
    const network = docs('linkerd').find((d) => d.object.kind === 'NetworkAuthentication')?.object;
    expect(network).toMatchObject({ metadata: { name: 'eastwest-api-gateway-ingress-8080-networks' }, spec: { networks: [{ cidr: '198.51.100.7/32' }] } });
    const policies = docs('linkerd').filter((d) => d.object.kind === 'AuthorizationPolicy');
    expect(policies.map((d) => d.object.spec)).toContainEqual({
      targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: 'eastwest-user-service-ingress-8000' },
      requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: 'eastwest-user-service-ingress-8000-clients' }],
    });
    for (const d of docs('linkerd')) expect(validateDraftObject(d.object), d.object.metadata.name).toEqual([]);
  });
});
