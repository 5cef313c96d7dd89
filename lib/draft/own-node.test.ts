import { describe, expect, test } from 'vitest';
import { createEvaluator } from '../policy';
import { evaluateEdge, generateDraft, toManifestObjects, type DraftKind } from './index';
import { clusterInventory, observedEdge } from './test-support/cluster';

/**
 * Drafts grant nothing for traffic the built-in own-node rules already allow (as the Istio draft leaves out the
 * kubelet probes its sidecars never authorize): NetworkPolicy's node exemption both ways, Cilium's allow-localhost
 * for ingress. A workload with a pod on another node still needs the rule for that pod.
 * The test cluster runs every pod on node-1 (10.0.0.1); `spread` has a second pod on node-2 (10.0.0.2).
 */
const nodes = [
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.1' }] } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-2' }, status: { addresses: [{ type: 'InternalIP', address: '10.0.0.2' }] } },
];
const spreadElsewhere = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'spread-abc12-y9', namespace: 'app', labels: { app: 'spread', 'pod-template-hash': 'abc12' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'spread', controller: true }] },
  spec: { nodeName: 'node-2', serviceAccountName: 'spread', containers: [{ name: 'main', ports: [{ containerPort: 8080, protocol: 'TCP' }] }] },
  status: { phase: 'Running', podIP: '10.1.9.9', hostIP: '10.0.0.2' },
};
const inventory = clusterInventory(
  [
    { namespace: 'app', name: 'web', ports: [{ port: 8080 }] },
    { namespace: 'app', name: 'spread', ports: [{ port: 8080 }] },
  ],
  [...nodes, spreadElsewhere],
);

interface Case {
  name: string;
  kind: DraftKind;
  edge: [string, string, number];
  /** The rule drafted for the node, or null when none is. */
  rule: Record<string, unknown> | null;
  diagnostic?: string;
}

const cases: Case[] = [
  { name: 'kubelet -> pod on its node: no ipBlock', kind: 'networkpolicy', edge: ['node:node-1', 'app/web', 8080], rule: null, diagnostic: 'own-node-exempt' },
  { name: 'pod -> its own node: no ipBlock', kind: 'networkpolicy', edge: ['app/web', 'node:node-1', 10250], rule: null, diagnostic: 'own-node-exempt' },
  { name: 'ANOTHER node -> pod: the ipBlock stays', kind: 'networkpolicy', edge: ['node:node-2', 'app/web', 8080], rule: { from: [{ ipBlock: { cidr: '10.0.0.2/32' } }], ports: [{ port: 8080, protocol: 'TCP' }] } },
  { name: 'node -> a workload with a pod elsewhere: the ipBlock stays', kind: 'networkpolicy', edge: ['node:node-1', 'app/spread', 8080], rule: { from: [{ ipBlock: { cidr: '10.0.0.1/32' } }], ports: [{ port: 8080, protocol: 'TCP' }] } },
  { name: 'host -> endpoint on it: no fromEntities host', kind: 'cilium', edge: ['node:node-1', 'app/web', 8080], rule: null, diagnostic: 'cilium-allow-localhost' },
  { name: 'endpoint -> its host: toEntities host (egress is policed)', kind: 'cilium', edge: ['app/web', 'node:node-1', 10250], rule: { toEntities: ['host'], toPorts: [{ ports: [{ port: '10250', protocol: 'TCP' }] }] } },
  { name: 'node -> a workload with a pod elsewhere: remote-node only', kind: 'cilium', edge: ['node:node-1', 'app/spread', 8080], rule: { fromEntities: ['remote-node'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] } },
];

describe('drafts and the own-node rules', () => {
  test.each(cases)('$kind: $name', ({ kind, edge, rule, diagnostic }) => {
    const e = observedEdge(...edge);
    const draft = generateDraft({ inventory, edges: [e], scope: { namespaces: ['app'] }, kinds: [kind] });
    const subject = edge[0].startsWith('node:') ? edge[1] : edge[0];
    const direction = edge[0].startsWith('node:') ? 'ingress' : 'egress';
    const doc = draft.documents.find((d) => d.object.metadata.name === `eastwest-${subject.split('/')[1]}-${direction}`);
    const rules = ((doc?.object.spec[direction] as Record<string, unknown>[] | undefined) ?? []).filter((r) => JSON.stringify(r).match(/ipBlock|Entities/) && !JSON.stringify(r).includes('kube-dns'));
    expect(rules).toEqual(rule ? [rule] : []);
    if (diagnostic) expect(draft.diagnostics.map((d) => d.code)).toContain(diagnostic);
    // Applied, the draft keeps the connection: by its rule, or by the built-in one it relies on.
    const evaluator = createEvaluator(inventory, toManifestObjects(draft.documents).value).value;
    expect(evaluateEdge(evaluator, inventory, e).outcome).toBe('allowed');
  });
});
