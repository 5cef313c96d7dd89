// Table-driven checks of the Istio reference documentation, one row per documented rule:
// https://istio.io/latest/docs/reference/config/security/authorization-policy/
// https://istio.io/latest/docs/reference/config/security/conditions/
// https://istio.io/latest/docs/reference/config/security/peer_authentication/
// Fixtures: fixtures/istio/reference/*.yaml (each cites its section); cluster: ./test-cluster.ts.
import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Basis, HttpRequest, Outcome } from '../../model/verdict';
import { formatRuleRef } from '../../model/verdict';
import { connection } from '../mesh/testing';
import { istioLayerFactory } from './index';
import { istioTestInput } from './test-cluster';

interface Case {
  name: string;
  fixtures: string[];
  extra?: string;
  from: string;
  to: string;
  port: number;
  request?: HttpRequest;
  expect: Outcome | 'not-enforced';
  basis?: Basis;
  /** Deciding rules, formatted. */
  rules?: string[];
  reported?: string[];
  /** Text that must appear in the conditions (conditional) or the reason. */
  mentions?: string;
}

const get = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'GET', path, ...extra });
const post = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({ method: 'POST', path, ...extra });
const google = { requestPrincipal: 'https://accounts.google.com/1234' };
const ref = (f: string) => `reference/${f}.yaml`;

const cases: Case[] = [
  // First example: (principal sleep OR namespace test) AND (GET /info* OR POST /data) AND JWT issuer google.
  { name: 'ALLOW: principal + GET /info* + JWT issuer', fixtures: [ref('httpbin-allow')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/info/1', google), expect: 'allowed', basis: 'explicit', rules: ['AuthorizationPolicy/foo/httpbin#rules[0]'] },
  { name: 'ALLOW: no JWT, the when condition fails', fixtures: [ref('httpbin-allow')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/info/1'), expect: 'denied', basis: 'no-match', rules: ['AuthorizationPolicy/foo/httpbin'] },
  { name: 'ALLOW: namespace test + POST /data', fixtures: [ref('httpbin-allow')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: post('/data', google), expect: 'allowed' },
  { name: 'ALLOW: the path is matched without its query string', fixtures: [ref('httpbin-allow')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: post('/data?x=1', google), expect: 'allowed' },
  { name: 'ALLOW: namespace dev is neither source', fixtures: [ref('httpbin-allow')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, request: get('/info', google), expect: 'denied', basis: 'no-match' },
  { name: 'ALLOW: DELETE matches no operation', fixtures: [ref('httpbin-allow')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: { method: 'DELETE', path: '/data', ...google }, expect: 'denied' },
  { name: 'ALLOW: without a request the answer depends on method, path and JWT', fixtures: [ref('httpbin-allow')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'conditional', basis: 'explicit', mentions: 'methods GET; paths /info*' },
  { name: 'ALLOW: a rule with HTTP fields never matches TCP', fixtures: [ref('httpbin-allow')], from: 'default/sleep', to: 'foo/tcp-echo', port: 9000, expect: 'denied', basis: 'no-match' },
  { name: 'ALLOW: a plaintext caller has no principal and no namespace', fixtures: [ref('httpbin-allow')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, request: get('/info', google), expect: 'denied', mentions: 'no istio-proxy sidecar' },

  // DENY from namespace dev to POST.
  { name: 'DENY: dev POST', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, request: post('/x'), expect: 'denied', basis: 'deny-rule', rules: ['AuthorizationPolicy/foo/httpbin#rules[0]'] },
  { name: 'DENY: dev GET is allowed by default (no ALLOW policy)', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, request: get('/x'), expect: 'allowed', basis: 'default' },
  { name: 'DENY: without a request, denied only for POST', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, expect: 'conditional', basis: 'deny-rule', mentions: 'methods POST' },
  { name: 'DENY: on TCP the method is ignored, so the rule denies', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/tcp-echo', port: 9000, expect: 'denied', basis: 'deny-rule' },
  { name: 'DENY: other namespaces pass on TCP', fixtures: [ref('deny-dev-post')], from: 'test/sleep', to: 'foo/tcp-echo', port: 9000, expect: 'allowed', basis: 'default' },
  { name: 'DENY: namespaces need mTLS, a plaintext caller is not from dev', fixtures: [ref('deny-dev-post')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, request: post('/x'), expect: 'allowed' },

  // DENY POST on port 8080: all TCP traffic on 8080 is denied.
  { name: 'DENY POST+8080: TCP on 8080 denied', fixtures: [ref('deny-post-port-8080')], from: 'default/sleep', to: 'foo/tcp-echo', port: 8080, expect: 'denied', basis: 'deny-rule' },
  { name: 'DENY POST+8080: TCP on 9000 allowed', fixtures: [ref('deny-post-port-8080')], from: 'default/sleep', to: 'foo/tcp-echo', port: 9000, expect: 'allowed' },
  { name: 'DENY POST+8080: HTTP POST on 8000 allowed', fixtures: [ref('deny-post-port-8080')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: post('/x'), expect: 'allowed' },
  { name: 'DENY POST+8080: HTTP GET on 8080 allowed', fixtures: [ref('deny-post-port-8080')], from: 'default/sleep', to: 'foo/finance', port: 8080, request: get('/x'), expect: 'allowed' },
  { name: 'DENY POST+8080: HTTP POST on 8080 denied', fixtures: [ref('deny-post-port-8080')], from: 'default/sleep', to: 'foo/finance', port: 8080, request: post('/x'), expect: 'denied' },

  // AUDIT never changes the verdict; matching requests are reported.
  { name: 'AUDIT: reported, still allowed', fixtures: [ref('audit-user-profile')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/user/profile/1'), expect: 'allowed', reported: ['AuthorizationPolicy/foo/anyname#rules[0]'] },
  { name: 'AUDIT: a non-matching request is not reported', fixtures: [ref('audit-user-profile')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: post('/user/profile/1'), expect: 'allowed', reported: [] },

  // Scope: namespace-wide, selector, root namespace.
  { name: 'allow-nothing {} denies every request in foo', fixtures: [ref('allow-nothing-namespace')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/'), expect: 'denied', basis: 'no-match', rules: ['AuthorizationPolicy/foo/allow-nothing'] },
  { name: 'allow-all rules [{}] admits even plaintext callers', fixtures: [ref('allow-all-namespace')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, request: get('/'), expect: 'allowed', basis: 'explicit' },
  { name: 'allow-nothing with selector: bar/httpbin denied', fixtures: [ref('allow-nothing-selector')], from: 'default/sleep', to: 'bar/httpbin', port: 8000, expect: 'denied' },
  { name: 'allow-nothing with selector in bar does not reach foo', fixtures: [ref('allow-nothing-selector')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'not-enforced' },
  { name: 'root namespace + selector version=v1 applies in foo', fixtures: [ref('allow-nothing-root-selector')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'denied' },
  { name: 'root namespace + selector version=v1 applies in bar', fixtures: [ref('allow-nothing-root-selector')], from: 'default/sleep', to: 'bar/httpbin', port: 8000, expect: 'denied' },
  { name: 'root namespace selector does not match version v2', fixtures: [ref('allow-nothing-root-selector')], from: 'default/sleep', to: 'foo/httpbin-v2', port: 8000, expect: 'not-enforced' },
  { name: 'targetRefs to a Service attach to waypoints, not sidecars', fixtures: [ref('targetref-waypoint')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'not-enforced' },

  { name: 'targetRefs to a Gateway attach to its pods (v1beta1)', fixtures: [ref('gateway-targetref')], from: 'ip:203.0.113.7', to: 'foo/edge-istio', port: 80, request: get('/admin/x'), expect: 'denied', basis: 'deny-rule' },
  { name: 'targetRefs to a Gateway: other paths pass', fixtures: [ref('gateway-targetref')], from: 'ip:203.0.113.7', to: 'foo/edge-istio', port: 80, request: get('/shop'), expect: 'allowed' },
  { name: 'targetRefs to a Gateway do not attach to sidecars', fixtures: [ref('gateway-targetref')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'not-enforced' },

  // dry-run and CUSTOM.
  { name: 'dry-run DENY is reported but not enforced', fixtures: [ref('dry-run-deny-headers')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/headers'), expect: 'allowed', reported: ['AuthorizationPolicy/foo/dry-run-example#rules[0]'] },
  { name: 'CUSTOM delegates matching requests', fixtures: [ref('custom-ext-authz')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/admin/users'), expect: 'conditional', basis: 'delegated', mentions: 'my-custom-authz' },
  { name: 'CUSTOM does not apply to other paths', fixtures: [ref('custom-ext-authz')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/status'), expect: 'allowed' },

  // Source and Operation fields (ANDed inside one source/operation).
  { name: 'Source+Operation: all fields match', fixtures: [ref('source-operation-fields')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: get('/status', { headers: { host: 'www.example.com' } }), expect: 'allowed' },
  { name: 'Operation: hosts match case-insensitively', fixtures: [ref('source-operation-fields')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: get('/status', { headers: { host: 'WWW.Example.COM' } }), expect: 'allowed' },
  { name: 'Source: notIpBlocks excludes the caller address', fixtures: [ref('source-operation-fields')], from: 'default/sleep-far', to: 'foo/httpbin', port: 8000, request: get('/status', { headers: { host: 'a.example.com' } }), expect: 'denied' },
  { name: 'Operation: notPaths /admin*', fixtures: [ref('source-operation-fields')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: get('/admin/x', { headers: { host: 'a.example.com' } }), expect: 'denied' },
  { name: 'Operation: POST is not GET/HEAD', fixtures: [ref('source-operation-fields')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: post('/x', { headers: { host: 'a.example.com' } }), expect: 'denied' },
  { name: 'Operation: an unknown host leaves the answer conditional', fixtures: [ref('source-operation-fields')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, request: get('/x'), expect: 'conditional', mentions: 'hosts *.example.com' },
  { name: 'Source: principals must match', fixtures: [ref('source-operation-fields')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, request: get('/x', { headers: { host: 'a.example.com' } }), expect: 'denied' },

  // Conditions.
  { name: 'when: header prefix, source.ip, destination.port, principal notValues', fixtures: [ref('conditions')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/', { headers: { 'user-agent': 'Mozilla/5.0' } }), expect: 'allowed' },
  { name: 'when: a header that is not sent does not match', fixtures: [ref('conditions')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/'), expect: 'denied' },
  { name: 'when: source.principal notValues excludes dev', fixtures: [ref('conditions')], from: 'dev/sleep', to: 'foo/httpbin', port: 8000, request: get('/', { headers: { 'user-agent': 'Mozilla/5.0' } }), expect: 'denied' },
  { name: 'when: without a request the header decides', fixtures: [ref('conditions')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'conditional', mentions: 'request.headers[User-Agent] Mozilla/*' },
  { name: 'when: a plaintext caller passes a principal notValues', fixtures: [ref('conditions')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, request: get('/', { headers: { 'user-agent': 'Mozilla/5.0' } }), expect: 'allowed' },
  { name: 'when: an unknown key makes Istio skip the DENY rule', fixtures: [ref('unknown-condition')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/'), expect: 'allowed' },

  // Request principals (JWT) are an input of the query; no requestPrincipal = no valid JWT.
  { name: 'requestPrincipals: the expected JWT principal', fixtures: [ref('require-jwt')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/', { requestPrincipal: 'testing@secure.istio.io/testing@secure.istio.io' }), expect: 'allowed' },
  { name: 'requestPrincipals: no JWT', fixtures: [ref('require-jwt')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/'), expect: 'denied' },
  { name: 'requestPrincipals: another subject', fixtures: [ref('require-jwt')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/', { requestPrincipal: 'testing@secure.istio.io/other' }), expect: 'denied' },
  { name: 'requestPrincipals: unknown without a request', fixtures: [ref('require-jwt')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'conditional', mentions: 'requestPrincipals' },

  // notPrincipals: plaintext has no principal, so the negative match succeeds.
  { name: 'DENY notPrincipals: a plaintext caller is denied', fixtures: [ref('deny-not-principals')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, expect: 'denied', basis: 'deny-rule' },
  { name: 'DENY notPrincipals: the named principal passes', fixtures: [ref('deny-not-principals')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'allowed' },
  { name: 'DENY notPrincipals: other principals are denied', fixtures: [ref('deny-not-principals')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, expect: 'denied' },

  // Path templates.
  { name: 'paths {*}: one segment', fixtures: [ref('path-templates')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/foo/bar'), expect: 'allowed' },
  { name: 'paths {*}: not two segments', fixtures: [ref('path-templates')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/foo/bar/baz'), expect: 'denied' },
  { name: 'paths {**}/: /bar/x/y.txt', fixtures: [ref('path-templates')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/bar/x/y.txt'), expect: 'allowed' },
  { name: 'paths {**}/: not /bar/x', fixtures: [ref('path-templates')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, request: get('/bar/x'), expect: 'denied' },

  // serviceAccounts.
  { name: 'serviceAccounts: <ns>/<sa>', fixtures: [ref('service-accounts')], from: 'default/sleep', to: 'foo/httpbin', port: 8000, expect: 'allowed' },
  { name: "serviceAccounts: <sa> in the policy's namespace", fixtures: [ref('service-accounts')], from: 'foo/client', to: 'foo/httpbin', port: 8000, expect: 'allowed' },
  { name: 'serviceAccounts: same name, other namespace', fixtures: [ref('service-accounts')], from: 'test/sleep', to: 'foo/httpbin', port: 8000, expect: 'denied' },

  // Protocol selection decides whether HTTP fields exist.
  { name: 'protocol: Service port grpc-api (named targetPort) is HTTP', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/grpc', port: 5000, expect: 'conditional' },
  { name: 'protocol: a gRPC call named by its path alone is a POST', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/grpc', port: 5000, request: { path: '/pkg.Service/Method' }, expect: 'denied', basis: 'deny-rule' },
  { name: 'protocol: appProtocol http wins over a tcp- name', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/grpc', port: 5001, expect: 'conditional' },
  { name: 'protocol: undeclared port without a request is TCP', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/no-service', port: 7000, expect: 'denied', basis: 'deny-rule' },
  { name: 'protocol: undeclared port with a GET request is sniffed as HTTP', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/no-service', port: 7000, request: get('/x'), expect: 'allowed' },
  { name: 'protocol: a declared TCP port ignores the request', fixtures: [ref('deny-dev-post')], from: 'dev/sleep', to: 'foo/tcp-echo', port: 9000, request: get('/x'), expect: 'denied', mentions: 'is TCP for Istio' },

  // Mesh membership.
  { name: 'membership: a template in an injected namespace is meshed', fixtures: [ref('allow-nothing-namespace')], from: 'dev/sleep', to: 'foo/templated', port: 8000, expect: 'denied' },
  {
    name: 'membership: policies do not apply to a sidecar-less destination',
    fixtures: [],
    extra: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: legacy}\nspec: {}\n',
    from: 'default/sleep',
    to: 'legacy/web',
    port: 80,
    expect: 'not-enforced',
  },
  {
    name: 'membership: a template in a namespace without injection is not meshed',
    fixtures: [],
    extra: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: allow-nothing, namespace: legacy}\nspec: {}\n',
    from: 'default/sleep',
    to: 'legacy/templated',
    port: 8000,
    expect: 'not-enforced',
  },

  // PeerAuthentication.
  { name: 'PeerAuthentication: workload STRICT refuses plaintext', fixtures: [ref('peer-authn-strict-finance')], from: 'legacy/sleep', to: 'foo/finance', port: 8080, expect: 'denied', basis: 'deny-rule', rules: ['PeerAuthentication/foo/finance'] },
  { name: 'PeerAuthentication: STRICT also refuses addresses outside the cluster', fixtures: [ref('peer-authn-strict-finance')], from: 'ip:203.0.113.7', to: 'foo/finance', port: 8080, expect: 'denied' },
  { name: 'PeerAuthentication: STRICT admits meshed callers', fixtures: [ref('peer-authn-strict-finance')], from: 'default/sleep', to: 'foo/finance', port: 8080, expect: 'allowed' },
  { name: 'PeerAuthentication: namespace PERMISSIVE does not enforce', fixtures: [ref('peer-authn-strict-finance')], from: 'legacy/sleep', to: 'foo/httpbin', port: 8000, expect: 'not-enforced' },
  { name: 'PeerAuthentication: port DISABLE means no principal', fixtures: [ref('peer-authn-port-disable'), ref('finance-allow-sleep')], from: 'default/sleep', to: 'foo/finance', port: 8080, request: get('/'), expect: 'denied', basis: 'no-match', mentions: 'disables mTLS' },
  { name: 'PeerAuthentication: other ports keep STRICT and the principal', fixtures: [ref('peer-authn-port-disable'), ref('finance-allow-sleep')], from: 'default/sleep', to: 'foo/finance', port: 9090, request: get('/'), expect: 'allowed', basis: 'explicit' },
  { name: 'PeerAuthentication: STRICT on the other port refuses plaintext', fixtures: [ref('peer-authn-port-disable')], from: 'legacy/sleep', to: 'foo/finance', port: 9090, expect: 'denied' },
  { name: 'PeerAuthentication: UNSET inherits mesh STRICT', fixtures: [ref('peer-authn-unset-inherit')], from: 'legacy/sleep', to: 'foo/finance', port: 9090, expect: 'denied', rules: ['PeerAuthentication/istio-system/default'] },
  { name: 'PeerAuthentication: port-level DISABLE under UNSET', fixtures: [ref('peer-authn-unset-inherit')], from: 'legacy/sleep', to: 'foo/finance', port: 8080, expect: 'not-enforced' },
  { name: 'PeerAuthentication: selector policies in the root namespace are ignored', fixtures: [ref('peer-authn-root-selector-ignored')], from: 'legacy/sleep', to: 'foo/finance', port: 8080, expect: 'not-enforced' },
];

describe('Istio reference semantics', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { inventory, objects } = istioTestInput(c.fixtures, c.extra);
    const layer = istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value;
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
    if (c.mentions) expect([d.reason, ...(d.conditions ?? [])].join('\n')).toContain(c.mentions);
    if (d.outcome === 'conditional') expect(d.conditions?.length).toBeGreaterThan(0);
  });

  test('an unknown condition key is reported as a diagnostic', () => {
    const { inventory, objects } = istioTestInput([ref('unknown-condition')]);
    const r = istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics.map((d) => d.code)).toContain('istio-unknown-condition');
  });

  test.each([
    ['cluster.local/ns/default/sa/sleep', 'allowed'],
    ['corp.example/ns/default/sa/sleep', 'allowed'],
    ['other.example/ns/default/sa/sleep', 'denied'],
  ])('trust domain corp.example: principal %s is %s (cluster.local means the local trust domain)', (principal, outcome) => {
    const yaml = `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: td, namespace: foo}\nspec:\n  rules:\n  - from:\n    - source:\n        principals: ["${principal}"]\n`;
    const { inventory, objects } = istioTestInput([], yaml);
    const layer = istioLayerFactory({ inventory, objects, options: { ...DEFAULT_ENGINE_OPTIONS, trustDomain: 'corp.example' } }).value!;
    expect(layer.decide(connection(inventory, 'default/sleep', 'foo/httpbin', 8000)).outcome).toBe(outcome);
  });

  test('no Istio resources: no layer', () => {
    const { inventory, objects } = istioTestInput([]);
    expect(istioLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS }).value).toBeNull();
  });
});
