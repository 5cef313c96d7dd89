import { describe, expect, test } from 'vitest';
import { generateDraft, toIstioPath } from './index';
import { clusterInventory, observedEdge } from './test-support/cluster';

/** The seeds' scenario: api-gateway calls user-service over HTTP; a DELETE attempt was refused with 403. */
const inventory = clusterInventory([
  { namespace: 'backend', name: 'api-gateway', ports: [{ port: 8080 }] },
  { namespace: 'backend', name: 'user-service', ports: [{ port: 8000 }] },
  { namespace: 'backend', name: 'postgres', labels: { 'app.kubernetes.io/name': 'postgres' }, serviceAccount: 'db', ports: [{ port: 5432 }] },
]);
const getUser = observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'GET', pathTemplate: '/api/v1/users/{id}' });
const listUsers = observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'GET', pathTemplate: '/api/v1/users' });
const createUser = observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'POST', pathTemplate: '/api/v1/users' });
const deleteUser = observedEdge('backend/api-gateway', 'backend/user-service', 8000, { method: 'DELETE', pathTemplate: '/api/v1/users/{id}', verdicts: { 'denied:403': 2 } });
const userToDb = observedEdge('backend/user-service', 'backend/postgres', 5432, { countUnit: 'connections' });

const draft = generateDraft({ inventory, edges: [getUser, listUsers, createUser, deleteUser, userToDb], scope: { namespaces: ['backend'] }, kinds: ['istio'] });
const policy = (name: string) => draft.documents.find((d) => d.object.metadata.name === name)?.object;

describe('Istio AuthorizationPolicy draft', () => {
  test('a namespace allow-nothing baseline', () => {
    expect(policy('eastwest-allow-nothing')).toMatchObject({ apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', spec: {} });
    expect(Object.keys(policy('eastwest-allow-nothing')?.spec ?? { x: 1 })).toEqual([]);
  });

  test('user-service allows the observed GET and POST from the gateway principal, and not DELETE', () => {
    expect(policy('eastwest-user-service-ingress')?.spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { app: 'user-service' } },
      rules: [
        {
          from: [{ source: { principals: ['cluster.local/ns/backend/sa/api-gateway'] } }],
          to: [
            { operation: { ports: ['8000'], methods: ['GET', 'POST'], paths: ['/api/v1/users'] } },
            { operation: { ports: ['8000'], methods: ['GET'], paths: ['/api/v1/users/*'] } },
          ],
        },
      ],
    });
    expect(draft.yaml).not.toContain('DELETE');
  });

  test('L4-only traffic grants the port to the caller principal (custom trust domain honoured)', () => {
    const d = generateDraft({ inventory, edges: [userToDb], scope: { namespaces: ['backend'] }, kinds: ['istio'], options: { trustDomain: 'corp.example' } });
    expect(d.documents.find((x) => x.object.metadata.name === 'eastwest-postgres-ingress')?.object.spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { 'app.kubernetes.io/name': 'postgres' } },
      rules: [{ from: [{ source: { principals: ['corp.example/ns/backend/sa/user-service'] } }], to: [{ operation: { ports: ['5432'] } }] }],
    });
  });

  test('a workload scope isolates each workload by its own ALLOW policy, without a namespace baseline', () => {
    const d = generateDraft({ inventory, edges: [getUser], scope: { workloads: ['backend/api-gateway'] }, kinds: ['istio'] });
    expect(d.documents.map((x) => x.object.metadata.name)).toEqual(['eastwest-api-gateway-ingress']);
    expect(d.documents[0]?.object.spec).toEqual({ action: 'ALLOW', selector: { matchLabels: { app: 'api-gateway' } } });
  });

  test.each([
    ['/api/v1/users/{id}', '/api/v1/users/*'],
    ['/api/v1/users', '/api/v1/users'],
    ['/api/v1/users/{id}/orders', '/api/v1/users/{*}/orders'],
    ['/hipstershop.CartService/GetCart', '/hipstershop.CartService/GetCart'],
    ['/{id}', '/{*}'],
  ])('path template %s becomes %s', (template, expected) => {
    expect(toIstioPath(template)).toBe(expected);
  });
});

describe('L4 and L7 records of one connection', () => {
  test('when requests were seen, an L4-only record of the same connection does not widen the grant to the whole port', () => {
    const l4 = observedEdge('backend/api-gateway', 'backend/user-service', 8000, { countUnit: 'connections', observedBy: ['hubble'] });
    const d = generateDraft({ inventory, edges: [l4, getUser], scope: { namespaces: ['backend'] }, kinds: ['istio'] });
    expect(d.grants).toHaveLength(1);
    expect(d.grants[0]?.operations).toEqual([{ method: 'GET', pathTemplate: '/api/v1/users/{id}' }]);
    // Hubble's connections and Envoy's requests are the same traffic: the count is the requests, not their sum.
    expect(d.grants[0]?.count).toBe(getUser.count);
    expect(getUser.countUnit).toBe('requests');
  });
});
