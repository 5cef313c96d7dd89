import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';
import type { Basis, HttpRequest, Outcome } from '../../model/verdict';
import { formatRuleRef } from '../../model/verdict';
import { ciliumLayerFactory } from './index';
import { connection, inventoryOf, loadObjects } from './test-support';

/** Examples of the Cilium policy documentation (fixtures/cilium/docs-policies.yaml cites each section). */
interface Case {
  policies: string[];
  from: string;
  to: string;
  port: number;
  protocol?: Protocol;
  request?: HttpRequest;
  outcome: Outcome;
  basis?: Basis;
  /** Expected deciding rule (formatRuleRef), when one rule decides. */
  rule?: string;
}

const cluster = loadObjects('cilium/docs-cluster.yaml');
const policies = loadObjects('cilium/docs-policies.yaml');

const cases: Case[] = [
  // Layer 3, endpoints based; CNP peer selectors only see the policy's namespace.
  { policies: ['l3-rule'], from: 'default/frontend', to: 'default/backend', port: 80, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/l3-rule#ingress[0].fromEndpoints[0]' },
  { policies: ['l3-rule'], from: 'other/frontend', to: 'default/backend', port: 80, outcome: 'denied', basis: 'no-match' },
  { policies: ['l3-rule'], from: 'default/victim', to: 'default/backend', port: 80, outcome: 'denied', basis: 'no-match' },
  { policies: ['allow-all-to-victim'], from: 'default/public', to: 'default/victim', port: 8080, outcome: 'allowed' },
  { policies: ['allow-all-to-victim'], from: 'other/frontend', to: 'default/victim', port: 8080, outcome: 'denied' },
  { policies: ['allow-all-to-victim'], from: 'ip:192.0.2.1', to: 'default/victim', port: 8080, outcome: 'denied' },
  // `ingress: [{}]` is default deny, not allow-all.
  { policies: ['deny-all-ingress'], from: 'default/frontend', to: 'default/public', port: 80, outcome: 'denied', basis: 'no-match', rule: 'CiliumNetworkPolicy/default/deny-all-ingress' },
  // Entities.
  { policies: ['from-world-to-role-public'], from: 'ip:8.8.8.8', to: 'default/public', port: 80, outcome: 'allowed' },
  { policies: ['from-world-to-role-public'], from: 'default/frontend', to: 'default/public', port: 80, outcome: 'denied' },
  { policies: ['from-world-to-role-public'], from: 'ip:10.1.0.1', to: 'default/public', port: 80, outcome: 'denied' },
  { policies: ['dev-to-host'], from: 'default/frontend', to: 'ip:10.1.0.1', port: 22, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/dev-to-host#egress[0].toEntities[0]' },
  { policies: ['dev-to-host'], from: 'default/frontend', to: 'ip:10.1.0.2', port: 22, outcome: 'denied' },
  { policies: ['dev-to-host'], from: 'default/frontend', to: 'default/backend', port: 80, outcome: 'denied', basis: 'no-match' },
  // CIDR rules never select cluster pods or nodes.
  { policies: ['cidr-rule'], from: 'default/my-service', to: 'ip:20.1.1.1', port: 443, outcome: 'allowed' },
  { policies: ['cidr-rule'], from: 'default/my-service', to: 'ip:10.1.2.3', port: 443, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/cidr-rule#egress[1].toCIDRSet[0]' },
  { policies: ['cidr-rule'], from: 'default/my-service', to: 'ip:10.96.0.5', port: 443, outcome: 'denied' },
  { policies: ['cidr-rule'], from: 'default/my-service', to: 'default/backend', port: 80, outcome: 'denied' },
  // Layer 4.
  { policies: ['l4-rule'], from: 'default/my-service', to: 'ip:1.1.1.1', port: 80, outcome: 'allowed' },
  { policies: ['l4-rule'], from: 'default/my-service', to: 'ip:1.1.1.1', port: 443, outcome: 'denied' },
  { policies: ['l4-rule'], from: 'default/my-service', to: 'ip:1.1.1.1', port: 80, protocol: 'UDP', outcome: 'denied' },
  { policies: ['l4-rule'], from: 'default/my-service', to: 'default/backend', port: 80, outcome: 'allowed' },
  { policies: ['l4-port-range-rule'], from: 'default/frontend', to: 'default/backend', port: 443, outcome: 'allowed' },
  { policies: ['l4-port-range-rule'], from: 'default/frontend', to: 'default/backend', port: 445, outcome: 'denied' },
  { policies: ['named-port-rule'], from: 'default/public', to: 'default/backend', port: 80, outcome: 'allowed' },
  { policies: ['named-port-rule'], from: 'default/public', to: 'default/backend', port: 443, outcome: 'denied' },
  // Layer 7 HTTP.
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, request: { method: 'GET', path: '/public' }, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/rule1#ingress[0].toPorts[0].rules' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, request: { method: 'GET', path: '/private' }, outcome: 'denied', basis: 'no-match' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, request: { method: 'GET', path: '/public/x' }, outcome: 'denied' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, outcome: 'conditional' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, request: { method: 'PUT', path: '/avatar/me', headers: { 'x-my-header': 'true' } }, outcome: 'allowed' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 80, request: { method: 'PUT', path: '/avatar/me' }, outcome: 'denied' },
  { policies: ['rule1'], from: 'default/frontend', to: 'default/my-service', port: 8080, outcome: 'denied', basis: 'no-match' },
  // Deny policies take precedence over allows.
  { policies: ['external-lockdown'], from: 'ip:8.8.8.8', to: 'default/backend', port: 80, outcome: 'denied', basis: 'deny-rule', rule: 'CiliumNetworkPolicy/default/external-lockdown#ingressDeny[0].fromEntities[0]' },
  { policies: ['external-lockdown'], from: 'default/frontend', to: 'default/backend', port: 80, outcome: 'allowed' },
  { policies: ['deny-only'], from: 'default/public', to: 'default/victim', port: 80, outcome: 'denied', basis: 'deny-rule' },
  { policies: ['deny-only'], from: 'default/frontend', to: 'default/victim', port: 80, outcome: 'denied', basis: 'no-match' },
  // toFQDNs is not decidable offline.
  { policies: ['fqdn'], from: 'default/victim', to: 'ip:140.82.112.6', port: 443, outcome: 'conditional', basis: 'delegated' },
  { policies: ['fqdn'], from: 'default/victim', to: 'ip:140.82.112.6', port: 80, outcome: 'denied' },
  { policies: ['fqdn'], from: 'default/victim', to: 'default/backend', port: 443, outcome: 'denied' },
  // enableDefaultDeny.
  { policies: ['allow-frontend-no-default-deny'], from: 'other/frontend', to: 'default/victim', port: 80, outcome: 'allowed', basis: 'explicit' },
  { policies: ['allow-frontend-no-default-deny'], from: 'default/public', to: 'default/victim', port: 80, outcome: 'allowed', basis: 'default' },
  // CCNP fromEndpoints [{}] = every pod, not the world or hosts.
  { policies: ['any-pod-to-frontend'], from: 'other/frontend', to: 'default/frontend', port: 80, outcome: 'allowed' },
  { policies: ['any-pod-to-frontend'], from: 'ip:8.8.8.8', to: 'default/frontend', port: 80, outcome: 'denied' },
  { policies: ['any-pod-to-frontend'], from: 'other/node-exporter', to: 'default/frontend', port: 80, outcome: 'denied' },
  // Namespace labels lift the own-namespace restriction.
  { policies: ['from-team-other'], from: 'other/frontend', to: 'default/victim', port: 80, outcome: 'allowed' },
  { policies: ['from-team-other'], from: 'default/frontend', to: 'default/victim', port: 80, outcome: 'denied' },
  // Host policies.
  { policies: ['host-fw'], from: 'ip:8.8.8.8', to: 'other/node-exporter', port: 9100, outcome: 'denied' },
  { policies: ['host-fw'], from: 'default/frontend', to: 'other/node-exporter', port: 9100, outcome: 'allowed' },
  { policies: ['allow-to-apiserver'], from: 'default/frontend', to: 'ip:172.31.5.10', port: 443, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/allow-to-apiserver#egress[0].toEntities[0]' },
  { policies: ['allow-to-apiserver'], from: 'default/frontend', to: 'ip:172.31.5.11', port: 443, outcome: 'denied' },
  { policies: ['cidr-to-apiserver'], from: 'default/frontend', to: 'ip:172.31.5.10', port: 443, outcome: 'denied' },
  { policies: ['cidr-to-apiserver'], from: 'default/frontend', to: 'ip:172.31.5.11', port: 443, outcome: 'allowed' },
  { policies: ['vpn-example-1', 'from-vpn'], from: 'ip:10.48.0.7', to: 'default/public', port: 80, outcome: 'allowed' },
  { policies: ['vpn-example-1', 'from-vpn'], from: 'ip:10.16.0.200', to: 'default/public', port: 80, outcome: 'allowed', rule: 'CiliumNetworkPolicy/default/from-vpn#ingress[0].fromCIDRSet[0]' },
  { policies: ['vpn-example-1', 'from-vpn'], from: 'ip:10.16.0.7', to: 'default/public', port: 80, outcome: 'allowed' },
  { policies: ['vpn-example-1', 'from-vpn'], from: 'ip:10.17.0.7', to: 'default/public', port: 80, outcome: 'denied' },
  { policies: ['from-vpn'], from: 'ip:10.48.0.7', to: 'default/public', port: 80, outcome: 'denied' },
  // Kubernetes NetworkPolicy in the same repository: union, and Cilium deny rules still win.
  { policies: ['l3-rule', 'np-backend-from-victim'], from: 'default/victim', to: 'default/backend', port: 80, outcome: 'allowed', rule: 'NetworkPolicy/default/np-backend-from-victim#ingress[0].from[0]' },
  { policies: ['l3-rule', 'np-backend-from-victim'], from: 'default/frontend', to: 'default/backend', port: 80, outcome: 'allowed' },
  { policies: ['l3-rule', 'np-backend-from-victim'], from: 'default/public', to: 'default/backend', port: 80, outcome: 'denied', basis: 'no-match' },
  { policies: ['external-lockdown', 'np-backend-ipblock'], from: 'ip:10.5.5.5', to: 'default/backend', port: 80, outcome: 'denied', basis: 'deny-rule' },
  // (dev-to-host only makes the Cilium layer exist; it selects default/frontend.) An ipBlock never matches pods under Cilium.
  { policies: ['dev-to-host', 'np-backend-ipblock'], from: 'ip:10.5.5.5', to: 'default/backend', port: 80, outcome: 'allowed', rule: 'NetworkPolicy/default/np-backend-ipblock#ingress[0].from[0]' },
  { policies: ['dev-to-host', 'np-backend-ipblock'], from: 'default/victim', to: 'default/backend', port: 80, outcome: 'denied', basis: 'no-match' },
];

describe('Cilium documentation examples', () => {
  test.each(cases.map((c) => ({ ...c, label: `[${c.policies.join(',')}] ${c.from} -> ${c.to}:${c.port}${c.request ? ` ${c.request.method} ${c.request.path}` : ''}` })))('$label: $outcome', (c) => {
    const objects = [...cluster, ...policies.filter((p) => c.policies.includes(p.metadata.name))];
    const inventory = inventoryOf(objects);
    const r = ciliumLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics).toEqual([]);
    const d = r.value!.decide(connection(inventory, c.from, c.to, c.port, c.protocol ?? 'TCP', c.request));
    expect(d.outcome).toBe(c.outcome);
    if (c.basis) expect(d.basis).toBe(c.basis);
    if (c.rule) expect(d.rules.map(formatRuleRef)).toEqual([c.rule]);
  });

  test('only NetworkPolicies: no cilium layer (the network layer decides)', () => {
    const objects = [...cluster, ...policies.filter((p) => p.kind === 'NetworkPolicy')];
    expect(ciliumLayerFactory({ inventory: inventoryOf(objects), objects, options: DEFAULT_ENGINE_OPTIONS }).value).toBeNull();
  });
});
