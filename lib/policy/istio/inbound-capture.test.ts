// Ports the sidecar does not capture: istio/istio manifests/charts/istio-control/istio-discovery/files/injection-template.yaml
// (istio-iptables -b/-d), tools/istio-iptables/pkg/capture/run.go `handleInboundPortsInclude`, and the kubelet probes of
// https://istio.io/latest/docs/ops/configuration/mesh/app-health-check/ (fixtures/istio/probes/health-check.yaml).
import { describe, expect, test } from 'vitest';
import type { Labels } from '../../model/kubernetes';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import { buildTestInput, connection, podByName, podObject } from '../mesh/testing';
import { inboundBypass } from './inbound-capture';
import { istioLayerFactory } from './index';
import { readIstioFixture } from './test-cluster';

const podWith = (annotations: Labels) => podByName(buildTestInput([podObject({ ns: 'foo', name: 'app', ip: '10.1.1.10', annotations, sidecar: 'istio' })]).inventory, 'foo/app');

describe('inboundBypass', () => {
  test.each([
    ['pilot-agent status port', {}, 15020, 'status port'],
    ['Envoy health port', {}, 15021, 'health port'],
    ['Envoy Prometheus port', {}, 15090, 'Prometheus'],
    ['an application port is captured', {}, 8080, null],
    ['status.sidecar.istio.io/port moves the status port', { 'status.sidecar.istio.io/port': '15999' }, 15999, 'status port'],
    ['... and 15020 is then captured', { 'status.sidecar.istio.io/port': '15999' }, 15020, null],
    ['status port 0: no status port', { 'status.sidecar.istio.io/port': '0' }, 15020, null],
    ['excludeInboundPorts', { 'traffic.sidecar.istio.io/excludeInboundPorts': '8080, 9090' }, 9090, 'excludeInboundPorts'],
    ['includeInboundPorts lists the only captured ports', { 'traffic.sidecar.istio.io/includeInboundPorts': '8080' }, 9090, 'includeInboundPorts'],
    ['includeInboundPorts: a listed port is captured', { 'traffic.sidecar.istio.io/includeInboundPorts': '8080' }, 8080, null],
    ['includeInboundPorts empty: nothing is captured', { 'traffic.sidecar.istio.io/includeInboundPorts': '' }, 8080, 'includeInboundPorts'],
  ] as const)('%s', (_name, annotations, port, mentions) => {
    const why = inboundBypass(podWith(annotations), port);
    if (mentions === null) expect(why).toBeNull();
    else expect(why).toContain(mentions);
  });
});

describe('kubelet probes of an Istio pod under STRICT mTLS and allow-nothing', () => {
  const { inventory, objects } = buildTestInput([], readIstioFixture('probes/health-check.yaml'));
  const layer = istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value!;
  const node = 'ip:10.0.0.5';

  test('the rewritten probe on :15020 never reaches Envoy: no Istio policy applies', () => {
    const c = connection(inventory, node, 'istio-io-health/liveness-http', 15020, { method: 'GET', path: '/app-health/liveness-http/livez' });
    expect(layer.enforces(c)).toBe(false);
    const d = layer.decide(c);
    expect([d.outcome, d.basis]).toEqual(['allowed', 'default']);
    expect(d.reason).toContain("pilot-agent's status port");
  });

  test('the sidecar readiness probe on :15021 neither', () => {
    expect(layer.enforces(connection(inventory, node, 'istio-io-health/liveness-http', 15021))).toBe(false);
  });

  test('an unrewritten probe on the application port is refused by STRICT mTLS (why Istio rewrites probes)', () => {
    const c = connection(inventory, node, 'istio-io-health/liveness-http', 8001, { method: 'GET', path: '/foo' });
    expect(layer.enforces(c)).toBe(true);
    expect(layer.decide(c)).toMatchObject({ outcome: 'denied', basis: 'deny-rule', rules: [{ kind: 'PeerAuthentication', namespace: 'istio-io-health', name: 'default' }] });
  });
});
