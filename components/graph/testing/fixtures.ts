import type { GraphEdge, EdgeClass, EdgeState, GraphNode, GraphView } from '@/lib/graph/model';

/** Small builders for the explorer's pure logic tests (hubble-ui `testing/data` style: named fixtures, no literals repeated). */

export function workload(id: string, over: Partial<GraphNode> = {}): GraphNode {
  const [namespace, name] = id.split('/') as [string, string];
  return { id, kind: 'workload', name, namespace, labels: { app: name }, serviceAccount: name, pods: 1, unprotected: { ingress: false, egress: false }, badges: [], ...over };
}

export function peer(id: string, kind: GraphNode['kind'] = 'external'): GraphNode {
  return { id, kind, name: id, labels: {}, pods: 0, unprotected: { ingress: false, egress: false }, badges: [] };
}

export function edge(source: string, destination: string, port: number, cls: EdgeClass, state: EdgeState | null = null, count = 1): GraphEdge {
  return {
    id: `${source}|${destination}|${port}|TCP`,
    source,
    destination,
    port,
    protocol: 'TCP',
    class: cls,
    state,
    observed: cls === 'unused' ? null : { count, countUnit: 'requests', firstSeen: '2026-03-12T09:41:00.000Z', lastSeen: '2026-03-12T09:42:00.000Z', verdicts: { forwarded: count } },
    summary: `${cls}, "quoted", with comma`,
    operations: [],
    rules: [{ kind: 'NetworkPolicy', namespace: 'shop', name: 'db', path: 'ingress[0]' }],
    observedBy: ['hubble'],
    infra: null,
  };
}

export const frontend = workload('shop/frontend');
export const payment = workload('shop/payment');
export const db = workload('shop/db', { unprotected: { ingress: true, egress: false } });
export const world = peer('world');

export const frontendToPayment = edge('shop/frontend', 'shop/payment', 50051, 'allowed', null, 30);
export const frontendToDbDenied = edge('shop/frontend', 'shop/db', 5432, 'unauthorized', 'denied', 3);
export const worldToDbUnprotected = edge('world', 'shop/db', 5432, 'unauthorized', 'unprotected', 7);
export const paymentToDbUnused = edge('shop/payment', 'shop/db', 5432, 'unused');

export function view(nodes: GraphNode[], edges: GraphEdge[]): GraphView {
  return {
    nodes,
    edges,
    collapsed: [],
    summaryEdges: [],
    summary: { nodes: nodes.length, edges: edges.length, allowed: 0, unauthorized: 0, denied: 0, unprotected: 0, unused: 0, infra: 0, unusedRules: 0, danglingRules: 0, wildcardRules: 0 },
    visible: { nodes: nodes.length, edges: edges.length },
    window: {},
    trafficRange: null,
    notes: [],
  };
}

export const shopView = view([frontend, payment, db, world], [frontendToPayment, frontendToDbDenied, worldToDbUnprotected, paymentToDbUnused]);
