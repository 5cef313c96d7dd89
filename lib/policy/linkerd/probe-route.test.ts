// Linkerd authorizes kubelet probes by itself: https://linkerd.io/2-edge/features/server-policy/#default-authorizations ,
// linkerd2 policy-controller/k8s/index/src/inbound/index.rs `default_inbound_http_routes` and its test
// tests/http_routes.rs `routes_created_for_probes`. Fixtures: fixtures/linkerd/probes/*.yaml.
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Basis, HttpRequest, Outcome } from '../../model/verdict';
import { formatRuleRef } from '../../model/verdict';
import { buildTestInput, connection, podByName } from '../mesh/testing';
import { linkerdLayerFactory } from './index';
import { probePaths } from './probe-route';
import { readLinkerdFixture } from './test-cluster';

interface Case {
  name: string;
  fixtures: string[];
  from: string;
  to: string;
  port: number;
  request?: HttpRequest;
  expect: Outcome;
  basis?: Basis;
  rules?: string[];
  mentions?: string;
}

const upstream = ['config-probe-networks'];
const get = (path: string): HttpRequest => ({ method: 'GET', path });
const NODE = 'ip:10.0.0.5'; // inside the probe networks 10.0.0.1/24
const OTHER_NODE = 'ip:192.168.7.7'; // in the cluster networks, outside the probe networks
const PROBE = 'Linkerd/probe';

const cases: Case[] = [
  // routes_created_for_probes: no Server on the port.
  { name: 'no Server: the liveness path from the probe networks', fixtures: upstream, from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/liveness-container-1'), expect: 'allowed', basis: 'explicit', rules: [PROBE], mentions: 'authorizes probes automatically' },
  { name: 'no Server: the readiness path from the probe networks', fixtures: upstream, from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/ready-container-1'), expect: 'allowed', rules: [PROBE] },
  { name: 'no Server: a probe path from outside the probe networks is refused, although the default policy admits the address', fixtures: upstream, from: OTHER_NODE, to: 'ns-0/pod-0', port: 5432, request: get('/liveness-container-1'), expect: 'denied', rules: [PROBE], mentions: '10.0.0.1/24' },
  { name: 'no Server: another path falls to the default policy', fixtures: upstream, from: OTHER_NODE, to: 'ns-0/pod-0', port: 5432, request: get('/other'), expect: 'allowed', basis: 'default' },
  { name: 'no Server: the probe route matches GET only', fixtures: upstream, from: OTHER_NODE, to: 'ns-0/pod-0', port: 5432, request: { method: 'POST', path: '/liveness-container-1' }, expect: 'allowed', basis: 'default' },
  { name: 'no Server: a meshed pod outside the probe networks asking for a probe path is refused', fixtures: upstream, from: 'ns-0/client', to: 'ns-0/pod-0', port: 5432, request: get('/ready-container-1'), expect: 'denied', rules: [PROBE] },
  // routes_created_for_probes: a Server without routes.
  { name: 'Server without routes: the probe paths stay authorized', fixtures: [...upstream, 'server'], from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/liveness-container-1'), expect: 'allowed', rules: [PROBE] },
  { name: 'Server without routes: other requests need an authorization of the Server', fixtures: [...upstream, 'server'], from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/other'), expect: 'denied', rules: ['Server/ns-0/srv-5432'] },
  // routes_created_for_probes: once a route attaches, probes must be authorized explicitly.
  { name: 'Server with an HTTPRoute: no probe route any more', fixtures: [...upstream, 'server', 'route'], from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/liveness-container-1'), expect: 'denied', mentions: 'no route' },
  { name: 'gRPC Server: gRPC routes only, no probe route', fixtures: [...upstream, 'server-grpc'], from: NODE, to: 'ns-0/pod-0', port: 5432, request: get('/liveness-container-1'), expect: 'denied', rules: ['Server/ns-0/srv-5432'] },

  // Default deny namespace, default probe networks (every address).
  { name: 'deny: a probe on a named port', fixtures: [], from: NODE, to: 'ns-deny/web', port: 8080, request: get('/healthz'), expect: 'allowed', rules: [PROBE], mentions: 'liveness probe of container app' },
  { name: 'deny: the query string of a probe path is not matched', fixtures: [], from: NODE, to: 'ns-deny/web', port: 8080, request: get('/ready'), expect: 'allowed', rules: [PROBE] },
  { name: 'deny: any address is in the default probe networks', fixtures: [], from: 'ip:203.0.113.9', to: 'ns-deny/web', port: 8080, request: get('/healthz'), expect: 'allowed', rules: [PROBE] },
  { name: 'deny: other paths stay denied', fixtures: [], from: NODE, to: 'ns-deny/web', port: 8080, request: get('/'), expect: 'denied', rules: ['Namespace/ns-deny#metadata.annotations[config.linkerd.io/default-inbound-policy]'] },
  { name: 'deny: without a request, allowed only for the probe paths', fixtures: [], from: NODE, to: 'ns-deny/web', port: 8080, expect: 'conditional', basis: 'explicit', rules: [PROBE], mentions: 'GET /healthz, /ready' },
  { name: 'deny: a tcpSocket probe port gets no route', fixtures: [], from: NODE, to: 'ns-deny/web', port: 7000, expect: 'denied' },
  { name: 'deny: an opaque port is not HTTP, so its probe gets no route', fixtures: [], from: NODE, to: 'ns-deny/web', port: 9000, request: get('/live'), expect: 'denied' },
  { name: 'deny: empty probe networks, no probe route', fixtures: ['config-no-probe-networks'], from: NODE, to: 'ns-deny/web', port: 8080, request: get('/healthz'), expect: 'denied' },
];

const input = (fixtures: string[]) => buildTestInput([], ['cluster', ...fixtures].map((f) => readLinkerdFixture(`probes/${f}.yaml`)).join('\n---\n'));

describe('Linkerd probe route', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { inventory, objects } = input(c.fixtures);
    const layer = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value;
    expect(layer).not.toBeNull();
    const conn = connection(inventory, c.from, c.to, c.port, c.request);
    expect(layer?.enforces(conn)).toBe(true);
    const d = layer!.decide(conn);
    expect(d.outcome, d.reason).toBe(c.expect);
    if (c.basis) expect(d.basis, d.reason).toBe(c.basis);
    if (c.rules) expect(d.rules.map(formatRuleRef)).toEqual(c.rules);
    if (c.mentions) expect([d.reason, ...(d.conditions ?? [])].join('\n')).toContain(c.mentions);
  });

  test('probe paths per port: deduplicated, query dropped, named ports resolved (workload.rs pod_http_probes)', () => {
    const { inventory } = input([]);
    const web = podByName(inventory, 'ns-deny/web');
    expect(probePaths(web, 8080)).toEqual({ paths: ['/healthz', '/ready'], probes: ['the liveness probe of container app', 'the readiness probe of container app'] });
    expect(probePaths(web, 7000).paths).toEqual([]);
    expect(probePaths(web, 9000).paths).toEqual(['/live']);
  });

  test('narrowed probe networks make the probe port enforced even under all-unauthenticated', () => {
    const { inventory, objects } = buildTestInput([], [readLinkerdFixture('probes/cluster.yaml'), readLinkerdFixture('probes/config-probe-networks.yaml').replace('defaultInboundPolicy: cluster-unauthenticated', 'defaultInboundPolicy: all-unauthenticated')].join('\n---\n'));
    const layer = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value!;
    const probe = connection(inventory, OTHER_NODE, 'ns-0/pod-0', 5432, get('/liveness-container-1'));
    expect(layer.enforces(probe)).toBe(true);
    expect(layer.decide(probe).outcome).toBe('denied');
    expect(layer.enforces(connection(inventory, 'ns-0/client', 'ns-0/client', 80))).toBe(false);
  });
});
