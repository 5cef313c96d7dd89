import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { buildInventory } from '../inventory';
import { loadManifestPaths } from '../manifest';
import type { Inventory, Pod } from '../model/kubernetes';
import { boutiqueInventory, importText } from './testing/boutique';
import { hubbleFlow } from './testing/builders';

/**
 * Pod IPs by time (fixtures/boutique README §4: "completed/evicted pods can reuse IPs – match on time as well as IP").
 * fixtures/inventory/boutique-ip-reuse.yaml: Job pod cart-redis-flush-q8x2k had 10.0.2.84 from 09:20:01 to 09:39:30,
 * cartservice-rtqvgdksxm-fzm6r has it since 09:40:00; an evicted frontend pod had 10.0.1.57 until 2026-03-02T08:13:40.
 */
const FIXTURE = path.resolve(import.meta.dirname, '../../fixtures/inventory/boutique-ip-reuse.yaml');
let reuse: Inventory;
beforeAll(async () => {
  const objects = await loadManifestPaths([FIXTURE]);
  reuse = buildInventory(objects.value).value;
});

const client = { ip: '10.0.1.57', port: 40000 };
const cart = { ip: '10.0.2.84', port: 7070 };
const at = (time: string) => `2026-03-12T${time}.000000001Z`;

/** The destination of one IP-only Hubble flow (as when Hubble lacks the pod's identity), and what was unresolved. */
async function destinationAt(time: string, inventory: Inventory = reuse) {
  const r = await importText(hubbleFlow({ src: client, dst: cart, time }), { inventory });
  return { endpoint: r.edges.map((e) => e.destination)[0], unresolved: r.unresolved.map((u) => [u.side, u.reason, u.value]) };
}

describe('a pod IP resolves to the pod that had it at the record time', () => {
  test.each([
    { name: 'while the Job ran', time: at('09:30:00'), endpoint: 'boutique/cart-redis-flush', unresolved: [] },
    { name: 'up to 5 s after the Job ended (clock skew)', time: at('09:39:34'), endpoint: 'boutique/cart-redis-flush', unresolved: [] },
    { name: 'between the Job and cartservice: nobody listed had it', time: at('09:39:45'), endpoint: 'unresolved:ip-reused', unresolved: [['destination', 'ip-reused', '10.0.2.84 at 2026-03-12T09:39:45Z']] },
    { name: 'up to 5 s before cartservice started (clock skew)', time: at('09:39:56'), endpoint: 'boutique/cartservice', unresolved: [] },
    { name: 'after the handover', time: at('09:41:03'), endpoint: 'boutique/cartservice', unresolved: [] },
    { name: 'before the Job started', time: at('09:19:00'), endpoint: 'unresolved:ip-reused', unresolved: [['destination', 'ip-reused', '10.0.2.84 at 2026-03-12T09:19:00Z']] },
  ])('$name → $endpoint', async ({ time, endpoint, unresolved }) => {
    expect(await destinationAt(time)).toEqual({ endpoint, unresolved });
  });

  test('a record spanning the handover (AWS VPC flow log 09:39:00–09:41:00) is ambiguous, never given to one pod', async () => {
    const header = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';
    const lines = [
      header,
      '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39918 7070 6 29 3922 1773308340 1773308460 ACCEPT OK',
      '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39920 7070 6 29 3922 1773308460 1773308520 ACCEPT OK',
      '2 123456789012 eni-0b2e4d6f8a1c30012 10.0.1.57 10.0.2.84 39922 7070 6 29 3922 1773307800 1773307860 ACCEPT OK',
    ];
    const r = await importText(lines.join('\n'), { inventory: reuse });
    expect(r.edges.map((e) => [e.source, e.destination, e.count]).sort()).toEqual([
      ['boutique/frontend', 'boutique/cart-redis-flush', 1],
      ['boutique/frontend', 'boutique/cartservice', 1],
      ['boutique/frontend', 'unresolved:ambiguous-ip', 1],
    ]);
    expect(r.unresolved.map((u) => [u.reason, u.value])).toEqual([['ambiguous-ip', '10.0.2.84 from 2026-03-12T09:39:00Z to 2026-03-12T09:41:00Z']]);
  });

  test.each([
    { name: 'after the eviction: the running pod', time: at('09:41:00'), source: 'boutique/frontend' },
    { name: 'before the eviction: the evicted pod (same workload)', time: '2026-03-01T12:00:00Z', source: 'boutique/frontend' },
    { name: 'before either pod started', time: '2026-02-28T12:00:00Z', source: 'unresolved:ip-reused' },
  ])('the evicted frontend pod and its successor: $name', async ({ time, source }) => {
    const r = await importText(hubbleFlow({ src: client, dst: cart, time }), { inventory: reuse });
    expect(r.edges.map((e) => e.source)).toEqual([source]);
  });

  test('a log that names the pod needs no time: the Job pod by name, even after its IP was handed over', async () => {
    const r = await importText(hubbleFlow({ src: client, dst: { ...cart, namespace: 'boutique', pod: 'cart-redis-flush-q8x2k' }, time: at('09:41:03') }), { inventory: reuse });
    expect(r.edges.map((e) => e.destination)).toEqual(['boutique/cart-redis-flush']);
  });

  test('a workload the log names decides when the IP does not (Hubble without pod name, between the two pods)', async () => {
    const dst = { ...cart, namespace: 'boutique', workload: 'cartservice' };
    const r = await importText(hubbleFlow({ src: client, dst, time: at('09:39:45') }), { inventory: reuse });
    expect([r.edges.map((e) => e.destination), r.unresolved]).toEqual([['boutique/cartservice'], []]);
  });

  test('the cartservice ClusterIP still resolves through the Service, whatever the time', async () => {
    const r = await importText(hubbleFlow({ src: client, dst: { ip: '172.20.184.25', port: 7070 }, time: at('09:30:00') }), { inventory: reuse });
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([['boutique/cartservice', 7070]]);
  });
});

/** Pods of the boutique export changed for one case. */
const withPods = (base: Inventory, change: (pods: Pod[]) => Pod[]): Inventory => ({ ...base, pods: change(base.pods) });
const untimed = (p: Pod): Pod => {
  const { startTime: _start, endTime: _end, ...rest } = p;
  void _start;
  void _end;
  return rest;
};

describe('lifetimes and the single-pod case', () => {
  test.each([
    { name: 'a lone running pod is not blamed for traffic before it started', time: '2026-03-01T00:00:00Z', endpoint: 'unresolved:ip-reused' },
    { name: 'a lone running pod owns its IP from its start on', time: '2026-03-12T09:41:00Z', endpoint: 'boutique/cartservice' },
  ])('$name', async ({ time, endpoint }) => {
    expect((await destinationAt(time, await boutiqueInventory())).endpoint).toBe(endpoint);
  });

  test('pods without lifetimes behave as before: the running pod wins whatever the time', async () => {
    const base = await boutiqueInventory();
    const cartPod = base.pods.find((p) => p.name.startsWith('cartservice')) as Pod;
    const old = untimed({ ...cartPod, name: 'old-job-x', phase: 'Succeeded', workload: { kind: 'Job', namespace: 'boutique', name: 'old-job' } });
    const inv = withPods(base, (pods) => [old, ...pods.map(untimed)]);
    expect((await destinationAt('2020-01-01T00:00:00Z', inv)).endpoint).toBe('boutique/cartservice');
  });

  test('two pods that both claim the IP at that time are ambiguous', async () => {
    const base = await boutiqueInventory();
    const cartPod = base.pods.find((p) => p.name.startsWith('cartservice')) as Pod;
    const twin = { ...cartPod, name: 'cart-twin', startTime: '2026-03-10T00:00:00.000Z', workload: { kind: 'Deployment' as const, namespace: 'boutique', name: 'cart-twin' } };
    const r = await destinationAt(at('09:41:03'), withPods(base, (pods) => [...pods, twin]));
    expect(r).toEqual({ endpoint: 'unresolved:ambiguous-ip', unresolved: [['destination', 'ambiguous-ip', '10.0.2.84 at 2026-03-12T09:41:03Z']] });
  });

  test('a finished pod whose end was not exported held the IP only until the next pod with it started', async () => {
    const jobPod = reuse.pods.find((p) => p.name === 'cart-redis-flush-q8x2k') as Pod;
    const { endTime: _end, ...noEnd } = jobPod;
    void _end;
    const inv = withPods(reuse, (pods) => pods.map((p) => (p === jobPod ? noEnd : p)));
    expect((await destinationAt(at('09:39:45'), inv)).endpoint).toBe('boutique/cart-redis-flush');
    expect((await destinationAt(at('09:41:03'), inv)).endpoint).toBe('boutique/cartservice');
  });

  test('host-network pods share the node IP whatever their lifetimes: the one listening on the port owns the traffic', async () => {
    const base = await boutiqueInventory();
    const agent = base.pods.find((p) => p.name.startsWith('netshoot')) as Pod;
    const exporter = (name: string, startTime: string, endTime?: string): Pod => ({
      ...agent,
      name,
      hostNetwork: true,
      ips: ['10.0.2.41'],
      ports: [{ port: 9100, protocol: 'TCP' }],
      workload: { kind: 'DaemonSet', namespace: 'tools', name: 'node-exporter' },
      phase: endTime ? 'Failed' : 'Running',
      startTime,
      ...(endTime ? { endTime } : {}),
    });
    const inv = withPods(base, (pods) => [...pods, exporter('node-exporter-old', '2026-03-01T00:00:00.000Z', '2026-03-05T00:00:00.000Z'), exporter('node-exporter-new', '2026-03-05T00:01:00.000Z')]);
    const lines = [hubbleFlow({ src: client, dst: { ip: '10.0.2.41', port: 9100 }, time: at('09:41:00') }), hubbleFlow({ src: client, dst: { ip: '10.0.2.41', port: 10250 }, time: at('09:41:00') })];
    const r = await importText(lines.join('\n'), { inventory: inv });
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([
      ['node:ip-10-0-2-41.eu-west-1.compute.internal', 10250],
      ['tools/node-exporter', 9100],
    ]);
    expect(r.unresolved).toEqual([]);
  });
});
