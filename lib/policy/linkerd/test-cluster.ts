/**
 * The cluster of the Linkerd reference tests: booksapp and emojivoto as in the Linkerd documentation, a
 * linkerd-viz Prometheus, unmeshed clients in legacy (one inside an `except` range), and namespace `policy`
 * for default inbound policies. Test support only.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Labels } from '../../model/kubernetes';
import { buildTestInput, namespaceObject, podObject } from '../mesh/testing';

const inject = { 'linkerd.io/inject': 'enabled' };

export function linkerdTestCluster(policyNamespaceAnnotations: Labels = {}) {
  return [
    namespaceObject('booksapp', {}, inject),
    namespaceObject('emojivoto', {}, inject),
    namespaceObject('linkerd-viz', {}, inject),
    namespaceObject('legacy'),
    namespaceObject('policy', {}, { ...inject, ...policyNamespaceAnnotations }),
    podObject({ ns: 'booksapp', name: 'authors', ip: '10.3.1.10', ports: [{ port: 7001, name: 'service' }], sidecar: 'linkerd' }),
    podObject({ ns: 'booksapp', name: 'books', ip: '10.3.1.11', ports: [{ port: 7002, name: 'service' }], sidecar: 'linkerd' }),
    podObject({ ns: 'booksapp', name: 'webapp', ip: '10.3.1.12', ports: [{ port: 7000, name: 'service' }], sidecar: 'linkerd' }),
    podObject({ ns: 'booksapp', name: 'traffic', ip: '10.3.1.13', sidecar: 'linkerd' }),
    podObject({ ns: 'emojivoto', name: 'emoji', ip: '10.3.2.10', labels: { app: 'emoji-svc' }, ports: [{ port: 8080, name: 'grpc' }], sidecar: 'linkerd' }),
    podObject({ ns: 'emojivoto', name: 'web', ip: '10.3.2.11', labels: { app: 'web-svc' }, ports: [{ port: 8080, name: 'http' }, { port: 9990 }], sidecar: 'linkerd' }),
    podObject({ ns: 'emojivoto', name: 'voting', ip: '10.3.2.12', labels: { app: 'voting-svc' }, sidecar: 'linkerd' }),
    podObject({ ns: 'linkerd-viz', name: 'prometheus', ip: '10.3.3.10', sidecar: 'linkerd' }),
    podObject({ ns: 'legacy', name: 'client', ip: '10.3.9.10' }),
    podObject({ ns: 'legacy', name: 'excluded', ip: '10.3.66.5' }),
    podObject({ ns: 'policy', name: 'open', ip: '10.3.4.10', ports: [{ port: 8080 }], sidecar: 'linkerd' }),
    podObject({ ns: 'policy', name: 'strict', ip: '10.3.4.11', ports: [{ port: 8080 }, { port: 9000 }], annotations: { 'config.linkerd.io/default-inbound-policy': 'all-authenticated' }, sidecar: 'linkerd' }),
    podObject({ ns: 'policy', name: 'require-id', ip: '10.3.4.12', ports: [{ port: 8080 }, { port: 9000 }], annotations: { 'config.linkerd.io/proxy-require-identity-inbound-ports': '9000' }, sidecar: 'linkerd' }),
  ];
}

const fixtureDir = path.resolve(import.meta.dirname, '../../../fixtures/linkerd');
export const readLinkerdFixture = (name: string) => readFileSync(path.join(fixtureDir, name), 'utf8');

export function linkerdTestInput(fixtures: string[], namespaceAnnotations: Labels = {}) {
  return buildTestInput(linkerdTestCluster(namespaceAnnotations), fixtures.map(readLinkerdFixture).join('\n---\n'));
}
