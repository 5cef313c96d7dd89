import { describe, expect, test } from 'vitest';
import { boutiqueInventory, importText } from './testing/boutique';
import { hubbleFlow, withPod } from './testing/builders';

const client = { ip: '10.0.1.57', port: 40000 };
const at = (ip: string, port: number) => ({ ip, port });

describe('identity resolution', () => {
  test.each([
    { name: 'pod IP', dst: at('10.0.2.84', 7070), expected: ['boutique/cartservice', 7070] },
    { name: 'Service ClusterIP: Service port → numeric targetPort', dst: at('172.20.205.123', 5000), expected: ['boutique/emailservice', 8080] },
    { name: 'Service ClusterIP: named targetPort grpc → container port', dst: at('172.20.249.87', 7000), expected: ['boutique/currencyservice', 7000] },
    { name: 'kube-dns ClusterIP → CoreDNS pods', dst: at('172.20.0.10', 53), expected: ['kube-system/coredns', 53] },
    { name: 'default/kubernetes ClusterIP (no selector) → kube-apiserver', dst: at('172.20.0.1', 443), expected: ['kube-apiserver', 443] },
    { name: 'API server endpoint address → kube-apiserver', dst: at('10.0.1.180', 443), expected: ['kube-apiserver', 443] },
    { name: 'node IP → node name', dst: at('10.0.2.41', 10250), expected: ['node:ip-10-0-2-41.eu-west-1.compute.internal', 10250] },
    { name: 'unknown IP → ip:<addr>', dst: at('192.0.2.7', 443), expected: ['ip:192.0.2.7', 443] },
  ])('$name', async ({ dst, expected }) => {
    const r = await importText(hubbleFlow({ src: client, dst }));
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([expected]);
  });

  test('a named targetPort is resolved per pod: the container port named grpc decides', async () => {
    const inv = withPod(await boutiqueInventory(), 'currencyservice-d7k7vs2nkp-kwtss', (p) => ({ ...p, ports: p.ports.map((c) => (c.name === 'grpc' ? { ...c, port: 7100 } : c)) }));
    const r = await importText(hubbleFlow({ src: client, dst: at('172.20.249.87', 7000) }), { inventory: inv });
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([['boutique/currencyservice', 7100]]);
  });

  test('a reused pod IP resolves to the running pod, not the completed one (finished before it started)', async () => {
    const base = await boutiqueInventory();
    const cart = base.pods.find((p) => p.name.startsWith('cartservice'));
    if (!cart) throw new Error('fixture lacks cartservice');
    // Lifetimes decide (ip-reuse.test.ts covers them): the completed pod ended before cartservice started.
    const old = { ...cart, name: 'old-job-x', phase: 'Succeeded', startTime: '2026-03-01T00:00:00.000Z', endTime: '2026-03-01T01:00:00.000Z', workload: { kind: 'Job' as const, namespace: 'boutique', name: 'old-job' } };
    const inv = { ...base, pods: [old, ...base.pods] };
    const r = await importText(hubbleFlow({ src: client, dst: at(cart.ips[0] as string, 7070) }), { inventory: inv });
    expect(r.edges.map((e) => e.destination)).toEqual(['boutique/cartservice']);
  });

  test('unresolvable peers are counted and listed by reason with their lines, never dropped', async () => {
    const lines = [hubbleFlow({ src: at('192.0.2.7', 1), dst: at('10.0.2.84', 7070) }), hubbleFlow({ src: at('192.0.2.7', 2), dst: at('10.0.2.84', 7070) })];
    const r = await importText(lines.join('\n'));
    expect(r.edges.map((e) => [e.source, e.count])).toEqual([['ip:192.0.2.7', 2]]);
    expect(r.unresolved).toEqual([{ side: 'source', reason: 'unknown-ip', value: '192.0.2.7', count: 2, lines: [1, 2], endpoint: 'ip:192.0.2.7' }]);
  });

  test('a SPIFFE identity of an unknown service account is reported as unknown-identity', async () => {
    const line = JSON.stringify({
      start_time: '2026-03-12T09:41:00.000Z',
      upstream_cluster: 'inbound|7070||',
      downstream_local_address: '10.0.2.84:7070',
      downstream_remote_address: '192.0.2.9:4000',
      downstream_peer_uri_san: 'spiffe://cluster.local/ns/boutique/sa/fraudservice',
      response_code: 0,
    });
    const r = await importText(line);
    expect(r.unresolved.map((u) => [u.reason, u.value])).toContainEqual(['unknown-identity', 'spiffe://cluster.local/ns/boutique/sa/fraudservice']);
  });

  test('host-network pods share the node IP: the one listening on the port owns the traffic, other ports are the node', async () => {
    const base = await boutiqueInventory();
    const agent = base.pods.find((p) => p.name.startsWith('netshoot'));
    if (!agent) throw new Error('fixture lacks netshoot-debug');
    const hostPod = { ...agent, name: 'node-exporter-abcde', hostNetwork: true, ips: ['10.0.2.41'], ports: [{ port: 9100, protocol: 'TCP' as const }], workload: { kind: 'DaemonSet' as const, namespace: 'tools', name: 'node-exporter' } };
    const inv = { ...base, pods: [...base.pods, hostPod] };
    const lines = [hubbleFlow({ src: client, dst: at('10.0.2.41', 9100) }), hubbleFlow({ src: client, dst: at('10.0.2.41', 10250) })];
    const r = await importText(lines.join('\n'), { inventory: inv });
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([
      ['node:ip-10-0-2-41.eu-west-1.compute.internal', 10250],
      ['tools/node-exporter', 9100],
    ]);
  });
});
