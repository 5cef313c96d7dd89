// Istio policies on pods without istio-proxy are not enforced, and the layer says so (diagnostic istio-not-enforced).
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import { createEvaluator } from '../index';
import { loadBoutique } from '../mesh/boutique';
import { istioLayerFactory } from './index';

const notEnforced = (diagnostics: { code: string; message: string }[]) => diagnostics.filter((d) => d.code === 'istio-not-enforced').map((d) => d.message);

/** A pod of `shop`; `owner` makes it a replica of Deployment `api` (through its ReplicaSet). */
const pod = (name: string, ns: string, app: string, sidecar: boolean, owner = false) => `
apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: { app: ${app} }
  ${owner ? 'ownerReferences: [{ apiVersion: apps/v1, kind: ReplicaSet, name: api-5f6b8c, controller: true, uid: rs-1 }]' : ''}
spec: { containers: [{ name: ${app}, ports: [{ containerPort: 8080 }] }${sidecar ? ', { name: istio-proxy }' : ''}] }
status: { phase: Running }
---`;

const cluster = (injected: boolean) => `
apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: api-5f6b8c, namespace: shop, uid: rs-1, ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: d-1 }] }
spec: { selector: { matchLabels: { app: api } } }
---${pod('api-5f6b8c-a', 'shop', 'api', true, true)}${pod('api-5f6b8c-b', 'shop', 'api', injected, true)}${pod('batch', 'shop', 'batch', injected)}${pod('old', 'legacy', 'old', injected)}`;

// Line numbers below are those of these documents in policies.yaml.
const policies = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: api-allow, namespace: shop }
spec: { selector: { matchLabels: { app: api } }, rules: [{ from: [{ source: { namespaces: [shop] } }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: shop-wide, namespace: shop }
spec: { action: DENY, rules: [{ from: [{ source: { namespaces: [legacy] } }] }] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: legacy-wide, namespace: legacy }
spec: {}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: istio-system }
spec: { mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: batch-strict, namespace: shop }
spec: { selector: { matchLabels: { app: batch } }, mtls: { mode: STRICT } }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: old-everywhere, namespace: istio-system }
spec: { selector: { matchLabels: { app: old } }, action: DENY, rules: [{}] }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: nobody, namespace: shop }
spec: { selector: { matchLabels: { app: none } } }
`;

function warnings(injected: boolean) {
  const objects = [...parseManifestText(cluster(injected), 'cluster.yaml').value, ...parseManifestText(policies, 'policies.yaml').value];
  const built = createEvaluator(buildInventory(objects).value, objects, {}, [istioLayerFactory]);
  return built.diagnostics.filter((d) => d.code === 'istio-not-enforced').map((d) => [d.severity, d.message, d.file, d.line]);
}

describe('istio-not-enforced', () => {
  test('one warning per policy, with file and line, naming the workloads; wide policies only when no pod of theirs has the sidecar', () => {
    expect(warnings(false)).toEqual([
      ['warning', 'AuthorizationPolicy/shop/api-allow: not enforced, 1 of the 2 pods it selects run no istio-proxy sidecar (Deployment/shop/api: 1 of its 2 pods); it has no effect there', 'policies.yaml', 1],
      ['warning', 'AuthorizationPolicy/legacy/legacy-wide: not enforced, the pod it selects runs no istio-proxy sidecar (Pod/legacy/old); it has no effect there', 'policies.yaml', 11],
      ['warning', 'AuthorizationPolicy/istio-system/old-everywhere: not enforced, the pod it selects runs no istio-proxy sidecar (Pod/legacy/old); it has no effect there', 'policies.yaml', 26],
      ['warning', 'PeerAuthentication/shop/batch-strict: not enforced, the pod it selects runs no istio-proxy sidecar (Pod/shop/batch); it has no effect there', 'policies.yaml', 21],
    ]);
  });

  test('the same policies with every pod injected: no warning', () => {
    expect(warnings(true)).toEqual([]);
  });

  const cases = [
    { name: 'Istio policies against the cluster export (Istio sidecars)', mesh: 'istio' as const, none: true },
    { name: 'the same policies on the Linkerd deployment of the same pods (no istio-proxy)', mesh: 'linkerd' as const, none: false },
  ];
  test.each(cases)('$name', ({ mesh, none }) => {
    const { inventory, objects } = loadBoutique('istio-policies.yaml', '', mesh);
    const messages = notEnforced(createEvaluator(inventory, objects, {}, [istioLayerFactory]).diagnostics);
    if (none) expect(messages).toEqual([]);
    else expect(messages.find((m) => m.startsWith('AuthorizationPolicy/boutique/paymentservice'))).toMatch(/not enforced, the pod it selects runs no istio-proxy sidecar \(Deployment\/boutique\/paymentservice\)/);
  });
});
