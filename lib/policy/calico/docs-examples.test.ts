import { describe, expect, test } from 'vitest';
import { DEFAULT_ENGINE_OPTIONS } from '../../model/manifest';
import type { Protocol } from '../../model/kubernetes';
import { formatRuleRef, type Basis, type HttpRequest, type Outcome } from '../../model/verdict';
import { connection, inventoryOf, loadObjects } from '../cilium/test-support';
import { calicoLayerFactory } from './index';

/** Examples of the Calico documentation (fixtures/calico/docs-policies.yaml cites each page). */
interface Case {
  policies: string[];
  from: string;
  to: string;
  port: number;
  protocol?: Protocol;
  request?: HttpRequest;
  outcome: Outcome;
  basis?: Basis;
  rules?: string[];
  reported?: string[];
}

const cluster = loadObjects('calico/docs-cluster.yaml');
const policies = loadObjects('calico/docs-policies.yaml');
const P = 'production';

const cases: Case[] = [
  // NetworkPolicy reference sample: Log goes on, first Allow/Deny decides, selectors see the policy's namespace only.
  { policies: ['allow-tcp-6379'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#ingress[2]`], reported: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#ingress[0]`] },
  { policies: ['allow-tcp-6379'], from: `${P}/frontend`, to: `${P}/database`, port: 6100, outcome: 'denied', basis: 'deny-rule', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#ingress[1]`] },
  { policies: ['allow-tcp-6379'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, protocol: 'UDP', outcome: 'denied', basis: 'no-match' },
  { policies: ['allow-tcp-6379'], from: 'dev/frontend', to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'no-match', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379`] },
  { policies: ['allow-tcp-6379'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'no-match' },
  { policies: ['allow-tcp-6379'], from: `${P}/database`, to: 'ip:1.1.1.1', port: 443, outcome: 'allowed', basis: 'explicit', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#egress[0]`] },
  // GlobalNetworkPolicy: rule selectors see every namespace.
  { policies: ['allow-tcp-port-6379'], from: 'dev/frontend', to: `${P}/database`, port: 6379, outcome: 'allowed' },
  // Tiers: Deny in an earlier tier wins; Pass hands over to the next tier; end-of-tier deny; Pass in the last tier -> profile.
  { policies: ['security', 'security.pass-production', 'allow-tcp-6379'], from: 'dev/frontend', to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'deny-rule', rules: ['GlobalNetworkPolicy/security.pass-production#ingress[0]'] },
  { policies: ['security', 'security.pass-production', 'allow-tcp-6379'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#ingress[2]`] },
  { policies: ['security', 'security.pass-production', 'allow-tcp-6379'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'no-match', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379`] },
  { policies: ['security', 'security.pass-production'], from: 'ip:192.0.2.1', to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'no-match', rules: ['GlobalNetworkPolicy/security.pass-production'] },
  { policies: ['security', 'security.pass-production'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', basis: 'default' },
  // Tier defaultAction Pass.
  { policies: ['platform', 'platform.deny-blue'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'deny-rule' },
  { policies: ['platform', 'platform.deny-blue'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', basis: 'default' },
  // Named ports, serviceAccounts, nets/notNets.
  { policies: ['named-port'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/named-port#ingress[0]`] },
  { policies: ['named-port'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'denied' },
  { policies: ['named-port'], from: 'ip:192.0.2.5', to: `${P}/database`, port: 1234, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/named-port#ingress[1]`] },
  { policies: ['named-port'], from: 'ip:192.0.2.200', to: `${P}/database`, port: 1234, outcome: 'denied' },
  // notSelector.
  { policies: ['not-frontend'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'allowed' },
  { policies: ['not-frontend'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'denied' },
  { policies: ['not-frontend'], from: 'ip:8.8.8.8', to: `${P}/database`, port: 6379, outcome: 'allowed' },
  { policies: ['not-frontend'], from: 'dev/frontend', to: `${P}/database`, port: 6379, outcome: 'allowed' },
  // GlobalNetworkSet selected by labels.
  { policies: ['partners', 'from-partners'], from: 'ip:198.51.100.7', to: `${P}/frontend`, port: 8080, outcome: 'allowed' },
  { policies: ['partners', 'from-partners'], from: 'ip:203.0.113.1', to: `${P}/frontend`, port: 8080, outcome: 'denied' },
  // Types defaulting.
  { policies: ['egress-only'], from: 'ip:8.8.8.8', to: `${P}/batch`, port: 80, outcome: 'allowed', basis: 'default' },
  { policies: ['egress-only'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'allowed', basis: 'explicit' },
  { policies: ['egress-only'], from: `${P}/batch`, to: 'ip:8.8.8.8', port: 443, outcome: 'denied', basis: 'no-match' },
  // Staged policies are reported only.
  { policies: ['staged-deny-all'], from: `${P}/batch`, to: `${P}/frontend`, port: 8080, outcome: 'allowed', basis: 'default', reported: [`StagedNetworkPolicy/${P}/staged-deny-all#ingress[0]`] },
  // HTTP match: conditional without a request.
  { policies: ['http-get-only'], from: `${P}/batch`, to: `${P}/frontend`, port: 8080, outcome: 'conditional' },
  { policies: ['http-get-only'], from: `${P}/batch`, to: `${P}/frontend`, port: 8080, request: { method: 'GET', path: '/public/index.html' }, outcome: 'allowed' },
  { policies: ['http-get-only'], from: `${P}/batch`, to: `${P}/frontend`, port: 8080, request: { method: 'POST', path: '/public' }, outcome: 'denied' },
  // serviceAccountSelector and rule namespaceSelector.
  { policies: ['batch-from-prod'], from: `${P}/frontend`, to: `${P}/batch`, port: 80, outcome: 'allowed' },
  { policies: ['batch-from-prod'], from: 'dev/frontend', to: `${P}/batch`, port: 80, outcome: 'denied' },
  // Kubernetes NetworkPolicy (knp.default.*) counted once, in the default tier at order 1000.
  { policies: ['egress-only', 'frontend-from-dev', 'knp.default.frontend-from-dev'], from: 'dev/frontend', to: `${P}/frontend`, port: 8080, outcome: 'allowed', rules: [`NetworkPolicy/${P}/frontend-from-dev#ingress[0].from[0]`] },
  { policies: ['egress-only', 'knp.default.frontend-from-dev'], from: 'dev/frontend', to: `${P}/frontend`, port: 8080, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/knp.default.frontend-from-dev#ingress[0]`] },
  { policies: ['frontend-from-dev', 'deny-dev-before-k8s'], from: 'dev/frontend', to: `${P}/frontend`, port: 8080, outcome: 'denied', basis: 'deny-rule', rules: [`NetworkPolicy.projectcalico.org/${P}/deny-dev-before-k8s#ingress[0]`] },
  { policies: ['frontend-from-dev', 'deny-dev-before-k8s'], from: `${P}/batch`, to: `${P}/frontend`, port: 8080, outcome: 'denied', basis: 'no-match', rules: [`NetworkPolicy.projectcalico.org/${P}/deny-dev-before-k8s`, `NetworkPolicy/${P}/frontend-from-dev`] },
  // AdminNetworkPolicy (tier kube-admin, order 1000) decides before the default tier; BaselineAdminNetworkPolicy after it.
  { policies: ['admin-deny-dev', 'default', 'allow-tcp-6379'], from: 'dev/frontend', to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'deny-rule', rules: ['AdminNetworkPolicy/admin-deny-dev#ingress[0].from[0]'] },
  { policies: ['admin-deny-dev', 'default', 'allow-tcp-6379'], from: `${P}/batch`, to: `${P}/database`, port: 6379, outcome: 'allowed', rules: ['AdminNetworkPolicy/admin-deny-dev#ingress[1].from[0]'] },
  { policies: ['admin-deny-dev', 'default', 'allow-tcp-6379'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'allowed', rules: [`NetworkPolicy.projectcalico.org/${P}/allow-tcp-6379#ingress[2]`] },
  { policies: ['admin-deny-dev', 'default', 'egress-only'], from: `${P}/frontend`, to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'deny-rule', rules: ['BaselineAdminNetworkPolicy/default#ingress[0].from[0]'] },
  { policies: ['admin-deny-dev', 'default', 'allow-tcp-6379'], from: 'ip:192.0.2.1', to: `${P}/database`, port: 6379, outcome: 'denied', basis: 'no-match' },
];

describe('Calico documentation examples', () => {
  test.each(cases.map((c) => ({ ...c, label: `[${c.policies.join(',')}] ${c.from} -> ${c.to}:${c.port}${c.request ? ` ${c.request.method} ${c.request.path}` : ''}` })))('$label: $outcome', (c) => {
    const objects = [...cluster, ...policies.filter((p) => c.policies.includes(p.metadata.name))];
    expect(objects.length).toBe(cluster.length + c.policies.length);
    const inventory = inventoryOf(objects);
    const r = calicoLayerFactory({ inventory, objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics).toEqual([]);
    const d = r.value!.decide(connection(inventory, c.from, c.to, c.port, c.protocol ?? 'TCP', c.request));
    expect(d.outcome).toBe(c.outcome);
    if (c.basis) expect(d.basis).toBe(c.basis);
    if (c.rules) expect(d.rules.map(formatRuleRef)).toEqual(c.rules);
    if (c.reported) expect((d.reported ?? []).map(formatRuleRef)).toEqual(c.reported);
  });

  test('invalid selector: the policy is dropped with a diagnostic at its line', () => {
    const bad = { ...policies.find((p) => p.metadata.name === 'not-frontend')!, body: { spec: { selector: "role == 'database' &&" } } };
    const objects = [...cluster, bad];
    const r = calicoLayerFactory({ inventory: inventoryOf(objects), objects, options: DEFAULT_ENGINE_OPTIONS });
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'invalid-policy', file: 'calico/docs-policies.yaml', line: bad.source.line })]);
  });
});
