// Linkerd policies on pods without linkerd-proxy are not enforced, and the layer says so (diagnostic linkerd-not-enforced).
import { describe, expect, test } from 'vitest';
import { buildInventory } from '../../inventory';
import { parseManifestText } from '../../manifest';
import { createEvaluator } from '../index';
import { loadBoutique } from '../mesh/boutique';
import { linkerdLayerFactory } from './index';

const notEnforced = (diagnostics: { code: string; message: string }[]) => diagnostics.filter((d) => d.code === 'linkerd-not-enforced').map((d) => d.message);

/** Two replicas of `api`, only the first injected; a Server selecting both. */
const mixed = `
apiVersion: v1
kind: Pod
metadata: { name: api-1, namespace: shop, labels: { app: api }, annotations: { linkerd.io/proxy-version: edge-25.1.1 } }
spec: { containers: [{ name: api, ports: [{ containerPort: 8080 }] }, { name: linkerd-proxy }] }
status: { podIP: 10.1.0.1 }
---
apiVersion: v1
kind: Pod
metadata: { name: api-2, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: api, ports: [{ containerPort: 8080 }] }] }
status: { podIP: 10.1.0.2 }
---
apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: api-http, namespace: shop }
spec: { podSelector: { matchLabels: { app: api } }, port: 8080 }
`;

describe('linkerd-not-enforced', () => {
  const cases = [
    { name: 'Linkerd policies against the cluster export (Istio sidecars, no linkerd-proxy)', mesh: 'istio' as const, servers: 11, payment: /Server\/boutique\/paymentservice-grpc: not enforced, the pod it selects runs no linkerd-proxy \(boutique\/paymentservice-\S+ has no linkerd-proxy sidecar\)/ },
    { name: 'the same policies on the Linkerd deployment of the same pods', mesh: 'linkerd' as const, servers: 0, payment: null },
  ];
  test.each(cases)('$name: $servers Servers reported', ({ mesh, servers, payment }) => {
    const { inventory, objects } = loadBoutique('linkerd-policies.yaml', '', mesh);
    const messages = notEnforced(createEvaluator(inventory, objects, {}, [linkerdLayerFactory]).diagnostics);
    expect(messages).toHaveLength(servers);
    if (payment) expect(messages.find((m) => m.startsWith('Server/boutique/paymentservice-grpc'))).toMatch(payment);
  });

  test('a Server over injected and uninjected replicas names the ones without the proxy, with file and line', () => {
    const objects = parseManifestText(mixed, 'mixed.yaml').value;
    const built = createEvaluator(buildInventory(objects).value, objects, {}, [linkerdLayerFactory]);
    const d = built.diagnostics.filter((x) => x.code === 'linkerd-not-enforced');
    expect(d.map((x) => [x.severity, x.message, x.file, x.line])).toEqual([
      ['warning', 'Server/shop/api-http: not enforced, 1 of the 2 pods it selects run no linkerd-proxy (shop/api-2 has no linkerd-proxy sidecar); its authorizations protect nothing there', 'mixed.yaml', 14],
    ]);
  });
});
