// The seed scenario's Linkerd policies (fixtures/linkerd/seed-policies.yaml): only api-gateway may call user-service on its http port.
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Outcome } from '../../model/verdict';
import { buildTestInput, connection, namespaceObject, podObject } from '../mesh/testing';
import { linkerdLayerFactory } from './index';
import { readLinkerdFixture } from './test-cluster';

const inject = { 'linkerd.io/inject': 'enabled' };
const cluster = [
  namespaceObject('frontend', {}, inject),
  namespaceObject('backend', {}, inject),
  namespaceObject('tools'),
  podObject({ ns: 'frontend', name: 'api-gateway', ip: '10.2.0.10', serviceAccount: 'api-gateway', sidecar: 'linkerd' }),
  podObject({ ns: 'backend', name: 'user-service', ip: '10.2.1.10', serviceAccount: 'user-service', ports: [{ port: 8080, name: 'http' }, { port: 9090, name: 'metrics' }], sidecar: 'linkerd' }),
  podObject({ ns: 'backend', name: 'admin-service', ip: '10.2.1.20', serviceAccount: 'admin-service', sidecar: 'linkerd' }),
  podObject({ ns: 'tools', name: 'debug', ip: '10.2.7.7' }),
];
const { inventory, objects } = buildTestInput(cluster, readLinkerdFixture('seed-policies.yaml'));
const layer = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value!;

const cases: [string, string, number, Outcome | 'not-enforced'][] = [
  ['frontend/api-gateway', 'backend/user-service', 8080, 'allowed'],
  ['backend/admin-service', 'backend/user-service', 8080, 'denied'],
  ['tools/debug', 'backend/user-service', 8080, 'denied'],
  ['tools/debug', 'backend/user-service', 9090, 'not-enforced'],
];

describe('seed scenario, Linkerd', () => {
  test.each(cases)('%s -> %s:%i is %s', (from, to, port, outcome) => {
    const c = connection(inventory, from, to, port);
    if (outcome === 'not-enforced') return expect(layer.enforces(c)).toBe(false);
    expect(layer.enforces(c)).toBe(true);
    const d = layer.decide(c);
    expect(d.outcome, d.reason).toBe(outcome);
  });

  test('the allowed call names allow-api-gateway', () => {
    expect(layer.decide(connection(inventory, 'frontend/api-gateway', 'backend/user-service', 8080)).rules).toEqual([{ kind: 'AuthorizationPolicy', namespace: 'backend', name: 'allow-api-gateway' }]);
  });
});
