// Table-driven checks of the Linkerd policy documentation, one row per documented rule:
// https://linkerd.io/2-edge/reference/authorization-policy/ , https://linkerd.io/2-edge/features/server-policy/ ,
// https://linkerd.io/2-edge/tasks/configuring-per-route-policy/ . Fixtures: fixtures/linkerd/reference/*.yaml.
import { describe, expect, test } from 'vitest';
import type { Labels } from '../../model/kubernetes';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Basis, HttpRequest, Outcome } from '../../model/verdict';
import { formatRuleRef } from '../../model/verdict';
import { connection } from '../mesh/testing';
import { linkerdLayerFactory } from './index';
import { linkerdTestInput } from './test-cluster';

interface Case {
  name: string;
  fixtures: string[];
  namespace?: Labels;
  from: string;
  to: string;
  port: number;
  request?: HttpRequest;
  expect: Outcome | 'not-enforced';
  basis?: Basis;
  rules?: string[];
  reported?: string[];
  mentions?: string;
  /** Whether the deciding rule admits every client from anywhere: the graph shows it once, not once per caller. */
  wildcard?: boolean;
}

const ref = (f: string) => `reference/${f}.yaml`;
const get = (path: string): HttpRequest => ({ method: 'GET', path });
const policy = (p: string) => ({ 'config.linkerd.io/default-inbound-policy': p });

const cases: Case[] = [
  // ServerAuthorization (v1beta1).
  { name: 'SAZ: *.emojivoto suffix admits emojivoto identities', fixtures: [ref('emoji-grpc-serverauthorization')], from: 'emojivoto/voting', to: 'emojivoto/emoji', port: 8080, expect: 'allowed', basis: 'explicit', rules: ['ServerAuthorization/emojivoto/emoji-grpc'], wildcard: false },
  { name: 'SAZ: *.emojivoto does not admit booksapp', fixtures: [ref('emoji-grpc-serverauthorization')], from: 'booksapp/webapp', to: 'emojivoto/emoji', port: 8080, expect: 'denied', basis: 'no-match', rules: ['Server/emojivoto/emoji-grpc'] },
  { name: 'SAZ: meshTLS requires a meshed client', fixtures: [ref('emoji-grpc-serverauthorization')], from: 'legacy/client', to: 'emojivoto/emoji', port: 8080, expect: 'denied', mentions: 'no identity' },
  { name: 'SAZ: unauthenticated from 0.0.0.0/0 admits unmeshed clients', fixtures: [ref('web-public-serverauthorization')], from: 'legacy/client', to: 'emojivoto/web', port: 8080, expect: 'allowed', rules: ['ServerAuthorization/emojivoto/web-public'], wildcard: true },
  { name: 'SAZ: unauthenticated from 0.0.0.0/0 admits external addresses', fixtures: [ref('web-public-serverauthorization')], from: 'ip:203.0.113.9', to: 'emojivoto/web', port: 8080, expect: 'allowed' },
  { name: 'SAZ: serviceAccounts with namespace', fixtures: [ref('prometheus-serverauthorization')], from: 'linkerd-viz/prometheus', to: 'emojivoto/web', port: 9990, expect: 'allowed' },
  { name: 'SAZ: other service accounts are denied', fixtures: [ref('prometheus-serverauthorization')], from: 'emojivoto/voting', to: 'emojivoto/web', port: 9990, expect: 'denied' },
  { name: 'Server: ports it does not select keep the default policy', fixtures: [ref('prometheus-serverauthorization')], from: 'emojivoto/voting', to: 'emojivoto/web', port: 8080, expect: 'not-enforced' },

  // AuthorizationPolicy (v1alpha1).
  { name: 'AP: ServiceAccount authentication on a Server (named port)', fixtures: [ref('authors-server-policy')], from: 'booksapp/webapp', to: 'booksapp/authors', port: 7001, expect: 'allowed', rules: ['AuthorizationPolicy/booksapp/authors-policy'] },
  { name: 'AP: another ServiceAccount is denied', fixtures: [ref('authors-server-policy')], from: 'booksapp/books', to: 'booksapp/authors', port: 7001, expect: 'denied' },
  { name: 'AP: a Server without authorization denies (accessPolicy defaults to deny)', fixtures: [ref('authors-server-policy')], from: 'legacy/client', to: 'booksapp/authors', port: 7001, expect: 'denied' },
  { name: 'AP: targetRef Namespace applies to every Server of the namespace', fixtures: [ref('namespace-target-policy')], from: 'booksapp/webapp', to: 'booksapp/books', port: 7002, expect: 'allowed' },
  { name: 'AP: targetRef Namespace still needs the identity', fixtures: [ref('namespace-target-policy')], from: 'booksapp/traffic', to: 'booksapp/books', port: 7002, expect: 'denied' },
  { name: 'MeshTLSAuthentication "*": any meshed client', fixtures: [ref('all-meshed-identities')], from: 'emojivoto/voting', to: 'booksapp/books', port: 7002, expect: 'allowed', wildcard: false },
  { name: 'MeshTLSAuthentication "*": not an unmeshed client', fixtures: [ref('all-meshed-identities')], from: 'legacy/client', to: 'booksapp/books', port: 7002, expect: 'denied' },
  { name: 'NetworkAuthentication: an unmeshed client inside the cluster network', fixtures: [ref('cluster-network')], from: 'legacy/client', to: 'booksapp/books', port: 7002, expect: 'allowed', wildcard: false },
  { name: 'NetworkAuthentication: except excludes a subnet', fixtures: [ref('cluster-network')], from: 'legacy/excluded', to: 'booksapp/books', port: 7002, expect: 'denied' },
  { name: 'NetworkAuthentication: an address outside every network', fixtures: [ref('cluster-network')], from: 'ip:203.0.113.9', to: 'booksapp/books', port: 7002, expect: 'denied' },
  { name: 'AP: a missing MeshTLSAuthentication makes the policy illegal (ignored)', fixtures: [ref('missing-authentication')], from: 'booksapp/webapp', to: 'booksapp/books', port: 7002, expect: 'denied' },

  // Per-route policy.
  { name: 'route: GET /authors.json by webapp', fixtures: [ref('per-route-policy')], from: 'booksapp/webapp', to: 'booksapp/authors', port: 7001, request: get('/authors.json'), expect: 'allowed', rules: ['HTTPRoute/booksapp/authors-get-route#rules[0]', 'AuthorizationPolicy/booksapp/authors-get-policy'] },
  { name: 'route: PathPrefix /authors/ by books', fixtures: [ref('per-route-policy')], from: 'booksapp/books', to: 'booksapp/authors', port: 7001, request: get('/authors/12.json'), expect: 'allowed' },
  { name: 'route: PathPrefix matches whole segments only', fixtures: [ref('per-route-policy')], from: 'booksapp/books', to: 'booksapp/authors', port: 7001, request: get('/authorsx'), expect: 'denied' },
  { name: 'route: POST matches no route', fixtures: [ref('per-route-policy')], from: 'booksapp/webapp', to: 'booksapp/authors', port: 7001, request: { method: 'POST', path: '/authors.json' }, expect: 'denied', mentions: 'no route' },
  { name: 'route: a matching route that does not authorize the client', fixtures: [ref('per-route-policy')], from: 'emojivoto/voting', to: 'booksapp/authors', port: 7001, request: get('/authors.json'), expect: 'denied' },
  { name: 'route: the Server-level policy no longer applies', fixtures: [ref('per-route-policy')], from: 'booksapp/traffic', to: 'booksapp/authors', port: 7001, request: get('/authors.json'), expect: 'denied' },
  { name: 'route: without a request, allowed only for the route matches', fixtures: [ref('per-route-policy')], from: 'booksapp/webapp', to: 'booksapp/authors', port: 7001, expect: 'conditional', mentions: 'GET prefix /authors.json or GET prefix /authors/' },
  { name: 'route: without a request, denied when no route authorizes the client', fixtures: [ref('per-route-policy')], from: 'booksapp/traffic', to: 'booksapp/authors', port: 7001, expect: 'denied' },
  { name: 'GRPCRoute: the matching method from an authorized client', fixtures: [ref('grpc-route')], from: 'emojivoto/web', to: 'emojivoto/emoji', port: 8080, request: { method: 'POST', path: '/emojivoto.v1.EmojiService/ListAll' }, expect: 'allowed', rules: ['GRPCRoute/emojivoto/list-all#rules[0]', 'AuthorizationPolicy/emojivoto/list-all-from-web'] },
  { name: 'GRPCRoute: another method matches no route', fixtures: [ref('grpc-route')], from: 'emojivoto/web', to: 'emojivoto/emoji', port: 8080, request: { method: 'POST', path: '/emojivoto.v1.EmojiService/FindByShortcode' }, expect: 'denied' },
  { name: 'GRPCRoute: another client is not authorized', fixtures: [ref('grpc-route')], from: 'emojivoto/voting', to: 'emojivoto/emoji', port: 8080, request: { method: 'POST', path: '/emojivoto.v1.EmojiService/ListAll' }, expect: 'denied' },
  { name: 'opaque Server: authorization per connection, HTTP ignored', fixtures: [ref('opaque-server-with-route')], from: 'booksapp/webapp', to: 'booksapp/books', port: 7002, request: get('/anything'), expect: 'allowed' },

  // Server accessPolicy audit.
  { name: 'accessPolicy audit: unauthorized traffic passes and is flagged', fixtures: [ref('server-access-policy-audit')], from: 'legacy/client', to: 'booksapp/books', port: 7002, expect: 'allowed', reported: ['Server/booksapp/books#spec.accessPolicy'] },

  // Default inbound policies.
  { name: 'default: all-unauthenticated does not restrict', fixtures: [], from: 'legacy/client', to: 'policy/open', port: 8080, expect: 'not-enforced' },
  { name: 'default: namespace deny', fixtures: [], namespace: policy('deny'), from: 'booksapp/webapp', to: 'policy/open', port: 8080, expect: 'denied', rules: ['Namespace/policy#metadata.annotations[config.linkerd.io/default-inbound-policy]'] },
  { name: 'default: namespace all-authenticated admits meshed clients', fixtures: [], namespace: policy('all-authenticated'), from: 'booksapp/webapp', to: 'policy/open', port: 8080, expect: 'allowed', basis: 'default' },
  { name: 'default: namespace all-authenticated refuses unmeshed clients', fixtures: [], namespace: policy('all-authenticated'), from: 'legacy/client', to: 'policy/open', port: 8080, expect: 'denied' },
  { name: 'default: cluster-unauthenticated admits unmeshed pods of the cluster network', fixtures: [], namespace: policy('cluster-unauthenticated'), from: 'legacy/client', to: 'policy/open', port: 8080, expect: 'allowed' },
  { name: 'default: cluster-unauthenticated refuses outside addresses', fixtures: [], namespace: policy('cluster-unauthenticated'), from: 'ip:203.0.113.9', to: 'policy/open', port: 8080, expect: 'denied' },
  { name: 'default: cluster-authenticated refuses unmeshed pods', fixtures: [], namespace: policy('cluster-authenticated'), from: 'legacy/client', to: 'policy/open', port: 8080, expect: 'denied' },
  { name: 'default: audit allows and reports', fixtures: [], namespace: policy('audit'), from: 'legacy/client', to: 'policy/open', port: 8080, expect: 'allowed', reported: ['Namespace/policy#metadata.annotations[config.linkerd.io/default-inbound-policy]'] },
  { name: 'default: the pod annotation overrides the namespace', fixtures: [], namespace: policy('deny'), from: 'booksapp/webapp', to: 'policy/strict', port: 8080, expect: 'allowed' },
  { name: 'default: pod all-authenticated refuses unmeshed clients', fixtures: [], from: 'legacy/client', to: 'policy/strict', port: 8080, expect: 'denied' },
  { name: 'default: require-identity ports need a meshed client', fixtures: [], from: 'legacy/client', to: 'policy/require-id', port: 9000, expect: 'denied' },
  { name: 'default: other ports keep all-unauthenticated', fixtures: [], from: 'legacy/client', to: 'policy/require-id', port: 8080, expect: 'not-enforced' },
  { name: 'default: cluster default from linkerd-config', fixtures: [ref('linkerd-config-deny')], from: 'booksapp/webapp', to: 'policy/open', port: 8080, expect: 'denied', rules: ['ConfigMap/linkerd/linkerd-config#proxy.defaultInboundPolicy'] },

  // Membership.
  { name: 'an unmeshed destination is not enforced', fixtures: [ref('web-public-serverauthorization')], namespace: policy('deny'), from: 'booksapp/webapp', to: 'legacy/client', port: 80, expect: 'not-enforced' },
];

describe('Linkerd reference semantics', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { inventory, objects } = linkerdTestInput(c.fixtures, c.namespace);
    const layer = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value;
    if (c.expect === 'not-enforced' && layer === null) return;
    expect(layer).not.toBeNull();
    const conn = connection(inventory, c.from, c.to, c.port, c.request);
    if (c.expect === 'not-enforced') {
      expect(layer?.enforces(conn)).toBe(false);
      return;
    }
    expect(layer?.enforces(conn)).toBe(true);
    const d = layer!.decide(conn);
    expect(d.outcome, d.reason).toBe(c.expect);
    if (c.basis) expect(d.basis, d.reason).toBe(c.basis);
    if (c.rules) expect(d.rules.map(formatRuleRef)).toEqual(c.rules);
    if (c.reported) expect((d.reported ?? []).map(formatRuleRef)).toEqual(c.reported);
    if (c.wildcard !== undefined) expect(d.rules.some((r) => r.wildcard === true)).toBe(c.wildcard);
    if (c.mentions) expect([d.reason, ...(d.conditions ?? [])].join('\n')).toContain(c.mentions);
  });

  test('an AuthorizationPolicy with a missing authentication is reported', () => {
    const { inventory, objects } = linkerdTestInput([ref('missing-authentication')]);
    const r = linkerdLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining('MeshTLSAuthentication booksapp/nowhere not found'));
  });
});
