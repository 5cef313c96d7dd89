// Shared mesh helpers: membership (https://istio.io/latest/docs/setup/additional-setup/sidecar-injection/,
// https://linkerd.io/2-edge/features/proxy-injection/) and protocol selection
// (https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/).
import { describe, expect, test } from 'vitest';
import { meshMembership, type MeshName, parseAddressOrCidr, protocolFromName } from './index';
import { buildTestInput, deploymentObject, namespaceObject, podByName, podObject } from './testing';

const { inventory } = buildTestInput([
  namespaceObject('injected', { 'istio-injection': 'enabled' }),
  namespaceObject('revision', { 'istio.io/rev': 'canary' }),
  namespaceObject('disabled', { 'istio-injection': 'disabled' }),
  namespaceObject('linkerd-ns', {}, { 'linkerd.io/inject': 'enabled' }),
  namespaceObject('plain'),
  podObject({ ns: 'plain', name: 'istio-pod', ip: '10.9.0.1', sidecar: 'istio' }),
  podObject({ ns: 'plain', name: 'linkerd-pod', ip: '10.9.0.2', sidecar: 'linkerd' }),
  podObject({ ns: 'injected', name: 'created-before-injection', ip: '10.9.0.3' }),
  deploymentObject('injected', 'tmpl', { app: 'tmpl' }),
  deploymentObject('injected', 'opt-out', { app: 'opt-out', 'sidecar.istio.io/inject': 'false' }),
  deploymentObject('revision', 'tmpl', { app: 'tmpl' }),
  deploymentObject('disabled', 'tmpl', { app: 'tmpl', 'sidecar.istio.io/inject': 'true' }),
  deploymentObject('plain', 'opt-in', { app: 'opt-in', 'sidecar.istio.io/inject': 'true' }),
  deploymentObject('linkerd-ns', 'tmpl', { app: 'tmpl' }),
  deploymentObject('linkerd-ns', 'opt-out', { app: 'opt-out' }, { annotations: { 'linkerd.io/inject': 'disabled' } }),
  deploymentObject('plain', 'linkerd-opt-in', { app: 'lo' }, { annotations: { 'linkerd.io/inject': 'enabled' } }),
]);

const ns = (name: string) => inventory.namespaces.find((n) => n.name === name);

describe('mesh membership', () => {
  test.each<[string, MeshName, boolean]>([
    ['plain/istio-pod', 'istio', true],
    ['plain/istio-pod', 'linkerd', false],
    ['plain/linkerd-pod', 'linkerd', true],
    ['plain/linkerd-pod', 'istio', false],
    // A running pod is meshed only if the injector ran when it was created.
    ['injected/created-before-injection', 'istio', false],
    ['injected/tmpl', 'istio', true],
    ['injected/opt-out', 'istio', false],
    ['revision/tmpl', 'istio', true],
    ['disabled/tmpl', 'istio', false],
    ['plain/opt-in', 'istio', true],
    ['linkerd-ns/tmpl', 'linkerd', true],
    ['linkerd-ns/opt-out', 'linkerd', false],
    ['plain/linkerd-opt-in', 'linkerd', true],
    ['injected/tmpl', 'linkerd', false],
  ])('%s in %s: %s', (name, mesh, meshed) => {
    const pod = podByName(inventory, name);
    expect(meshMembership(mesh, pod, ns(pod.namespace)).meshed).toBe(meshed);
  });
});

describe('Istio protocol selection by port name or appProtocol', () => {
  test.each<[string, boolean, ReturnType<typeof protocolFromName>]>([
    ['http', false, 'http'],
    ['http-web', false, 'http'],
    ['http2', false, 'http'],
    ['grpc', false, 'http'],
    ['grpc-web', false, 'http'],
    ['GRPC-api', false, 'http'],
    ['tcp', false, 'tcp'],
    ['tcp-redis', false, 'tcp'],
    ['https', false, 'tcp'],
    ['redis', false, 'tcp'],
    ['httpx', false, null],
    ['web', false, null],
    ['status-port', false, null],
    ['http', true, 'http'],
    ['kubernetes.io/h2c', true, 'http'],
    ['tcp', true, 'tcp'],
  ])('%s (appProtocol: %s) -> %s', (name, isApp, expected) => {
    expect(protocolFromName(name, isApp)).toBe(expected);
  });
});

describe('addresses and blocks (Istio ipBlocks, Linkerd networks)', () => {
  test.each<[string, boolean]>([
    ['203.0.113.4', true],
    ['203.0.113.0/24', true],
    ['2001:db8::1', true],
    ['2001:db8::/32', true],
    ['203.0.113.4/33', false],
    ['not-an-ip', false],
  ])('%s parses: %s', (text, ok) => {
    expect(parseAddressOrCidr(text) !== null).toBe(ok);
  });
});
