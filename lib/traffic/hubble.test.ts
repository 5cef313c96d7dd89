import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText, readSample } from './testing/boutique';
import { hubbleFlow } from './testing/builders';

const FILE = 'hubble/hubble-observe.jsonl';
const frontend = { ip: '10.0.1.57', port: 47732, namespace: 'boutique', pod: 'frontend-fvnq2lwh86-kc27d', workload: 'frontend' };
const payment = { ip: '10.0.3.46', port: 50051, namespace: 'boutique', pod: 'paymentservice-kzf2zt4sxw-6qfnz', workload: 'paymentservice' };

describe('Hubble flows', () => {
  test('E14: the four events of one connection (TO_STACK, policy verdict, TO_ENDPOINT, reply) count one connection', async () => {
    const r = await importSample(FILE);
    const [edge, ...more] = edgesBetween(r.edges, answerEdge('E14'));
    expect(more).toEqual([]);
    expect(edge).toMatchObject({ count: 1, countUnit: 'connections', verdicts: { forwarded: 1 } });
    expect(edge?.allowedBy).toEqual([{ kind: 'NetworkPolicy', namespace: 'boutique', name: 'paymentservice', direction: 'ingress' }]);
  });

  test('U1: forwarded at the source, dropped POLICY_DENIED at the destination, SYN retransmits not counted again', async () => {
    const r = await importSample(FILE);
    const edges = edgesBetween(r.edges, answerEdge('U1'));
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({ count: 1, verdicts: { forwarded: 1, 'dropped:POLICY_DENIED': 1 } });
  });

  test('U3: explicit deny (POLICY_DENY 181) names the cluster-wide policy without namespace; bare pod keeps its pod name', async () => {
    const r = await importSample(FILE);
    const [edge] = edgesBetween(r.edges, answerEdge('U3'));
    expect(edge?.source).toBe('tools/netshoot-debug');
    expect(edge?.verdicts).toEqual({ 'dropped:POLICY_DENY': 1 });
    expect(edge?.deniedBy).toEqual([{ kind: 'CiliumClusterwideNetworkPolicy', name: 'deny-debug-tools-to-boutique', direction: 'ingress' }]);
  });

  test('E3: policy verdict REDIRECTED to the L7 proxy, both correlated policies, and the L7 request as its own route edge', async () => {
    const r = await importSample(FILE);
    const edges = edgesBetween(r.edges, answerEdge('E3'));
    const conn = edges.find((e) => e.countUnit === 'connections');
    const req = edges.find((e) => e.countUnit === 'requests');
    expect(conn?.verdicts).toEqual({ redirected: 1, forwarded: 1 });
    expect(conn?.allowedBy?.map((p) => p.kind)).toEqual(['NetworkPolicy', 'CiliumNetworkPolicy']);
    expect(req).toMatchObject({ method: 'POST', pathTemplate: '/hipstershop.ProductCatalogService/ListProducts', appProtocol: 'grpc', count: 1 });
  });

  test('E15: ports are post-DNAT pod ports (emailservice 8080, not Service port 5000)', async () => {
    const r = await importSample(FILE);
    expect(r.edges.filter((e) => e.destination === 'boutique/emailservice').map((e) => e.port)).toEqual([8080]);
  });

  test('reserved:host source becomes the node named by its IP', async () => {
    const r = await importSample(FILE);
    expect(r.edges.find((e) => e.port === 15020)?.source).toBe('node:ip-10-0-1-23.eu-west-1.compute.internal');
  });

  test('L7 DNS: requests make frontend → coredns edges, answers (is_reply) are skipped', async () => {
    const r = await importSample(FILE);
    const dns = r.edges.filter((e) => e.destination === 'kube-system/coredns');
    expect(dns.map((e) => [e.source, e.port, e.protocol, e.appProtocol, e.count])).toEqual([['boutique/frontend', 53, 'UDP', 'dns', 2]]);
  });

  test.each([
    { name: 'is_reply true', flow: hubbleFlow({ src: payment, dst: { ...frontend, port: 47732 }, isReply: true }) },
    { name: 'trace_reason REPLY with is_reply unknown', flow: hubbleFlow({ src: payment, dst: frontend, extra: { trace_reason: 'REPLY' } }) },
    { name: 'SYN+ACK with is_reply unknown', flow: hubbleFlow({ src: payment, dst: frontend, isReply: undefined, extra: { l4: { TCP: { source_port: 50051, destination_port: 47732, flags: { SYN: true, ACK: true } } } } }) },
  ])('a reply ($name) never creates an edge', async ({ flow }) => {
    const r = await importText(flow);
    expect(r.edges).toEqual([]);
    expect(r.counts.skipped.reply).toBe(1);
  });

  test('the bare flow object (legacy JSON printer) gives the same edges as the GetFlowsResponse envelope', async () => {
    const bare = readSample(FILE)
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.stringify((JSON.parse(l) as { flow: unknown }).flow))
      .join('\n');
    const [a, b] = await Promise.all([importSample(FILE), importText(bare)]);
    expect(b.format).toBe('hubble');
    expect(b.edges).toEqual(a.edges);
  });

  test('non-flow responses (node_status, lost_events) are skipped as not-traffic', async () => {
    const r = await importText(['{"node_status":{"state_change":"NODE_CONNECTED"}}', hubbleFlow({ src: frontend, dst: payment })].join('\n'));
    expect(r.counts).toMatchObject({ read: 2, imported: 1, skipped: { 'not-traffic': 1 } });
  });

  test('a pod missing from the cluster export is named by the workload the flow carries', async () => {
    const r = await importText(hubbleFlow({ src: { ip: '10.9.9.9', port: 1234, namespace: 'shop', pod: 'api-7d9f-abcde', workload: 'api' }, dst: payment }));
    expect(r.edges[0]?.source).toBe('shop/api');
  });

  test.each([
    { verdict: 'AUDIT', expected: { audit: 1 } },
    { verdict: 'DROPPED', dropReason: 'POLICY_DENY', expected: { 'dropped:POLICY_DENY': 1 } },
    { verdict: 'REDIRECTED', expected: { redirected: 1 } },
  ])('verdict $verdict is kept as $expected', async ({ verdict, dropReason, expected }) => {
    const r = await importText(hubbleFlow({ src: frontend, dst: payment, verdict, dropReason }));
    expect(r.edges.map((e) => e.verdicts)).toEqual([expected]);
  });
});
