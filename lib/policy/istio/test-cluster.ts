/**
 * The cluster of the Istio reference tests: the namespaces and workloads the Istio documentation's examples
 * talk about (httpbin in foo and bar, sleep clients in default/test/dev, a sidecar-less client in legacy,
 * tcp-echo for TCP rules, finance for PeerAuthentication). Test support only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildTestInput, deploymentObject, namespaceObject, podObject, serviceObject } from '../mesh/testing';

const meshed = { 'istio-injection': 'enabled' };

export const ISTIO_TEST_CLUSTER = [
  namespaceObject('istio-system'),
  namespaceObject('foo', meshed),
  namespaceObject('bar', meshed),
  namespaceObject('default', meshed),
  namespaceObject('test', meshed),
  namespaceObject('dev', meshed),
  namespaceObject('legacy'),
  podObject({ ns: 'foo', name: 'httpbin', ip: '10.1.1.10', labels: { app: 'httpbin', version: 'v1' }, ports: [{ port: 8000 }], sidecar: 'istio' }),
  serviceObject('foo', 'httpbin', { app: 'httpbin' }, [{ name: 'http', port: 8000, targetPort: 8000 }]),
  podObject({ ns: 'foo', name: 'httpbin-v2', ip: '10.1.1.11', labels: { app: 'httpbin-v2', version: 'v2' }, ports: [{ port: 8000 }], sidecar: 'istio' }),
  serviceObject('foo', 'httpbin-v2', { app: 'httpbin-v2' }, [{ name: 'http-web', port: 8000, targetPort: 8000 }]),
  podObject({ ns: 'foo', name: 'tcp-echo', ip: '10.1.1.12', labels: { app: 'tcp-echo' }, ports: [{ port: 8080 }, { port: 9000 }], sidecar: 'istio' }),
  serviceObject('foo', 'tcp-echo', { app: 'tcp-echo' }, [
    { name: 'tcp', port: 8080, targetPort: 8080 },
    { name: 'tcp-other', port: 9000, targetPort: 9000 },
  ]),
  podObject({ ns: 'foo', name: 'finance', ip: '10.1.1.13', labels: { app: 'finance' }, ports: [{ port: 8080 }, { port: 9090 }], sidecar: 'istio' }),
  serviceObject('foo', 'finance', { app: 'finance' }, [
    { name: 'http', port: 80, targetPort: 8080 },
    { name: 'http-admin', port: 9090, targetPort: 9090 },
  ]),
  podObject({ ns: 'foo', name: 'grpc', ip: '10.1.1.14', labels: { app: 'grpc' }, ports: [{ port: 5000, name: 'api' }, { port: 5001 }], sidecar: 'istio' }),
  serviceObject('foo', 'grpc', { app: 'grpc' }, [
    { name: 'grpc-api', port: 5000, targetPort: 'api' },
    { name: 'tcp-custom', appProtocol: 'http', port: 5001, targetPort: 5001 },
  ]),
  podObject({ ns: 'foo', name: 'no-service', ip: '10.1.1.15', labels: { app: 'no-service' }, ports: [{ port: 7000 }], sidecar: 'istio' }),
  podObject({ ns: 'foo', name: 'client', ip: '10.1.1.20', labels: { app: 'client' }, serviceAccount: 'client', sidecar: 'istio' }),
  deploymentObject('foo', 'templated', { app: 'templated' }, { ports: [{ port: 8000 }] }),
  podObject({ ns: 'foo', name: 'edge-istio', ip: '10.1.1.30', labels: { 'gateway.networking.k8s.io/gateway-name': 'edge' }, ports: [{ port: 80 }], sidecar: 'istio' }),
  serviceObject('foo', 'edge-istio', { 'gateway.networking.k8s.io/gateway-name': 'edge' }, [{ name: 'http', port: 80, targetPort: 80 }]),
  podObject({ ns: 'bar', name: 'httpbin', ip: '10.1.2.10', labels: { app: 'httpbin', version: 'v1' }, ports: [{ port: 8000 }], sidecar: 'istio' }),
  serviceObject('bar', 'httpbin', { app: 'httpbin' }, [{ name: 'http', port: 8000, targetPort: 8000 }]),
  podObject({ ns: 'default', name: 'sleep', ip: '10.1.3.10', serviceAccount: 'sleep', sidecar: 'istio' }),
  podObject({ ns: 'default', name: 'sleep-far', ip: '10.1.9.9', labels: { app: 'sleep-far' }, serviceAccount: 'sleep', sidecar: 'istio' }),
  podObject({ ns: 'test', name: 'sleep', ip: '10.1.4.10', serviceAccount: 'sleep', sidecar: 'istio' }),
  podObject({ ns: 'dev', name: 'sleep', ip: '10.1.5.10', serviceAccount: 'sleep', sidecar: 'istio' }),
  podObject({ ns: 'legacy', name: 'sleep', ip: '10.1.6.10', serviceAccount: 'sleep' }),
  podObject({ ns: 'legacy', name: 'web', ip: '10.1.6.20', labels: { app: 'web' }, ports: [{ port: 80 }] }),
  deploymentObject('legacy', 'templated', { app: 'templated' }, { ports: [{ port: 8000 }] }),
];

const fixtureDir = path.resolve(import.meta.dirname, '../../../fixtures/istio');

export const readIstioFixture = (name: string) => readFileSync(path.join(fixtureDir, name), 'utf8');

export function istioTestInput(fixtures: string[], extraYaml = '') {
  return buildTestInput(ISTIO_TEST_CLUSTER, [...fixtures.map(readIstioFixture), extraYaml].filter(Boolean).join('\n---\n'));
}
