// The seed scenario's Istio policies (fixtures/istio/seed-policies.yaml) behave as the issue describes them:
// api-gateway may GET/POST /api/v1/users*, admin-service may DELETE, istio-system may GET /healthz,
// everything else in backend is denied by default-deny; only finance-client may GET /v1/finance/*.
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { HttpRequest, Outcome } from '../../model/verdict';
import { buildTestInput, connection, namespaceObject, podObject, serviceObject } from '../mesh/testing';
import { istioLayerFactory } from './index';
import { readIstioFixture } from './test-cluster';

const injected = { 'istio-injection': 'enabled' };
const SEED_CLUSTER = [
  namespaceObject('frontend', injected),
  namespaceObject('backend', injected),
  namespaceObject('finance', injected),
  namespaceObject('istio-system'),
  podObject({ ns: 'frontend', name: 'api-gateway', ip: '10.2.0.10', serviceAccount: 'api-gateway', sidecar: 'istio' }),
  podObject({ ns: 'backend', name: 'user-service', ip: '10.2.1.10', serviceAccount: 'user-service', ports: [{ port: 8080, name: 'http' }], sidecar: 'istio' }),
  serviceObject('backend', 'user-service', { app: 'user-service' }, [{ name: 'http', port: 80, targetPort: 'http' }]),
  podObject({ ns: 'backend', name: 'admin-service', ip: '10.2.1.20', serviceAccount: 'admin-service', sidecar: 'istio' }),
  podObject({ ns: 'backend', name: 'database', ip: '10.2.1.30', serviceAccount: 'database', ports: [{ port: 5432 }], sidecar: 'istio' }),
  serviceObject('backend', 'database', { app: 'database' }, [{ name: 'tcp-postgres', port: 5432, targetPort: 5432 }]),
  podObject({ ns: 'istio-system', name: 'istio-ingressgateway', ip: '10.2.9.10', labels: { istio: 'ingressgateway' }, serviceAccount: 'istio-ingressgateway-service-account', sidecar: 'istio' }),
  podObject({ ns: 'finance', name: 'finance-api', ip: '10.2.2.10', serviceAccount: 'finance-api', ports: [{ port: 8080 }], sidecar: 'istio' }),
  serviceObject('finance', 'finance-api', { app: 'finance-api' }, [{ name: 'http', port: 80, targetPort: 8080 }]),
  podObject({ ns: 'finance', name: 'finance-client', ip: '10.2.2.20', serviceAccount: 'finance-client', sidecar: 'istio' }),
];

const { inventory, objects } = buildTestInput(SEED_CLUSTER, readIstioFixture('seed-policies.yaml'));
const layer = istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value!;

const cases: [string, string, number, HttpRequest | undefined, Outcome][] = [
  ['frontend/api-gateway', 'backend/user-service', 8080, { method: 'GET', path: '/api/v1/users/123' }, 'allowed'],
  ['frontend/api-gateway', 'backend/user-service', 8080, { method: 'POST', path: '/api/v1/users' }, 'allowed'],
  ['frontend/api-gateway', 'backend/user-service', 8080, { method: 'DELETE', path: '/api/v1/users/123' }, 'denied'],
  ['frontend/api-gateway', 'backend/user-service', 8080, { method: 'GET', path: '/admin' }, 'denied'],
  ['frontend/api-gateway', 'backend/user-service', 8080, undefined, 'conditional'],
  ['backend/admin-service', 'backend/user-service', 8080, { method: 'DELETE', path: '/api/v1/users/123' }, 'allowed'],
  ['backend/admin-service', 'backend/user-service', 8080, { method: 'GET', path: '/api/v1/users/123' }, 'denied'],
  ['istio-system/istio-ingressgateway', 'backend/user-service', 8080, { method: 'GET', path: '/healthz' }, 'allowed'],
  ['istio-system/istio-ingressgateway', 'backend/user-service', 8080, { method: 'POST', path: '/healthz' }, 'denied'],
  ['backend/user-service', 'backend/database', 5432, undefined, 'denied'],
  ['frontend/api-gateway', 'backend/database', 5432, undefined, 'denied'],
  ['finance/finance-client', 'finance/finance-api', 8080, { method: 'GET', path: '/v1/finance/report' }, 'allowed'],
  ['finance/finance-client', 'finance/finance-api', 8080, { method: 'POST', path: '/v1/finance/report' }, 'denied'],
  ['frontend/api-gateway', 'finance/finance-api', 8080, { method: 'GET', path: '/v1/finance/report' }, 'denied'],
];

describe('seed scenario, Istio', () => {
  test.each(cases)('%s -> %s:%i %o is %s', (from, to, port, request, outcome) => {
    const d = layer.decide(connection(inventory, from, to, port, request));
    expect(d.outcome, d.reason).toBe(outcome);
  });

  test('the DELETE denial names the policy and the request', () => {
    const d = layer.decide(connection(inventory, 'frontend/api-gateway', 'backend/user-service', 8080, { method: 'DELETE', path: '/api/v1/users/123' }));
    expect(d.reason).toMatch(/^denied, no ALLOW rule of AuthorizationPolicy\/backend\/user-service-authz matches DELETE \/api\/v1\/users\/123/);
  });

  test('default-deny alone explains the database denial', () => {
    const d = layer.decide(connection(inventory, 'backend/user-service', 'backend/database', 5432));
    expect(d.rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'backend', name: 'default-deny' }]);
    expect(d.reason).toContain('allows nothing');
  });

  test('without a request, the gateway is allowed only for GET/POST on /api/v1/users*', () => {
    const d = layer.decide(connection(inventory, 'frontend/api-gateway', 'backend/user-service', 8080));
    expect(d.conditions).toEqual(['allowed by AuthorizationPolicy/backend/user-service-authz#rules[0] if the request has methods GET,POST; paths /api/v1/users*']);
  });
});
