// Which part of a Linkerd authorization an identity of no ServiceAccount makes dead: the identity where it is written, or the authorization.
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import { formatRuleRef } from '../../model/verdict';
import { createEvaluator } from '../index';
import { linkerdLayerFactory } from './index';

const base = `
apiVersion: v1
kind: ServiceAccount
metadata: { name: checkout, namespace: shop }
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: payment-grpc, namespace: shop }
spec: { podSelector: { matchLabels: { app: payment } }, port: 50051 }
`;
const meshTls = (refs: string[]) => `
---
apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata: { name: payment-clients, namespace: shop }
spec: { identityRefs: [${refs.map((n) => `{ kind: ServiceAccount, name: ${n} }`).join(', ')}] }
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata: { name: payment-authz, namespace: shop }
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: payment-grpc }
  requiredAuthenticationRefs: [{ group: policy.linkerd.io, kind: MeshTLSAuthentication, name: payment-clients }]
`;
const serverAuthorization = (accounts: string[], identities: string[] = []) => `
---
apiVersion: policy.linkerd.io/v1beta1
kind: ServerAuthorization
metadata: { name: payment-legacy, namespace: shop }
spec:
  server: { name: payment-grpc }
  client: { meshTLS: { serviceAccounts: [${accounts.map((n) => `{ name: ${n} }`).join(', ')}], identities: [${identities.map((i) => `"${i}"`).join(', ')}] } }
`;

const cases = [
  { name: 'one of two identity refs is dead: that ref, part of the authorization', extra: meshTls(['checkout', 'fraud']), expected: [['MeshTLSAuthentication/shop/payment-clients#spec.identityRefs[1]', true]] },
  { name: 'its only identity is dead: the whole authorization', extra: meshTls(['fraud']), expected: [['AuthorizationPolicy/shop/payment-authz', false]] },
  { name: 'a ServerAuthorization service account, beside a live one', extra: serverAuthorization(['fraud', 'checkout']), expected: [['ServerAuthorization/shop/payment-legacy#spec.client.meshTLS.serviceAccounts[0]', true]] },
  { name: 'a dead account beside a pattern that matches anyone in the namespace', extra: serverAuthorization(['fraud'], ['*.shop.serviceaccount.identity.linkerd.cluster.local']), expected: [['ServerAuthorization/shop/payment-legacy#spec.client.meshTLS.serviceAccounts[0]', true]] },
  { name: 'every identity alive: nothing dangles', extra: meshTls(['checkout']), expected: [] },
];

describe('dangling-identity', () => {
  test.each(cases)('$name', ({ extra, expected }) => {
    const objects = parseManifestText(base + extra, 'linkerd.yaml').value;
    const built = createEvaluator(buildInventory(objects).value, objects, {}, [linkerdLayerFactory]);
    const found = built.diagnostics.filter((d) => d.code === 'dangling-identity');
    expect(found.map((d) => [formatRuleRef(d.dangling!.part), d.dangling!.partial])).toEqual(expected);
    for (const d of found) expect(d.message.startsWith(`${formatRuleRef(d.dangling!.part)}: identity fraud.shop.serviceaccount.identity.linkerd.cluster.local matches no ServiceAccount`)).toBe(true);
  });
});
