import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText, readSample, TEST_TIME } from './testing/boutique';

const FILE = 'linkerd/linkerd-viz-tap-ns-boutique.json';

/** A tap event (linkerd2 viz/cmd/tap.go tapEvent) pretty-printed like `json.MarshalIndent`. */
function tapEvent(direction: 'INBOUND' | 'OUTBOUND', event: Record<string, unknown>, src: Record<string, unknown>, dst: Record<string, unknown>): string {
  return JSON.stringify({ source: src, destination: dst, routeMeta: null, proxyDirection: direction, ...event }, null, 2);
}

describe('Linkerd viz tap', () => {
  test('the stream of pretty-printed objects (not JSON Lines) is split into 15 events', async () => {
    const r = await importSample(FILE);
    expect(r.counts.read).toBe(15);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  test('request, response-init and response-end events are correlated into one request', async () => {
    const r = await importSample(FILE);
    const [e1] = edgesBetween(r.edges, answerEdge('E1'));
    expect(e1).toMatchObject({ method: 'GET', pathTemplate: '/', count: 1, bytes: 10743, verdicts: { forwarded: 1 } });
  });

  test('E14: tapped on both proxies (OUTBOUND + INBOUND) counts once', async () => {
    const r = await importSample(FILE);
    expect(edgesBetween(r.edges, answerEdge('E14')).map((e) => e.count)).toEqual([1]);
  });

  test('U1: HTTP 200 with grpcStatusCode 7 is a denial', async () => {
    const r = await importSample(FILE);
    expect(edgesBetween(r.edges, answerEdge('U1')).map((e) => e.verdicts)).toEqual([{ 'denied:grpc-7': 1 }]);
  });

  test('events have no timestamps: records get the import time', async () => {
    const r = await importSample(FILE);
    expect(r.timeWindow).toEqual({ start: TEST_TIME, end: TEST_TIME });
  });

  test('the client identity default.boutique… (ServiceAccount default) resolves to redis-cart', async () => {
    const src = { ip: '10.99.0.1', port: 4000, metadata: { client_id: 'default.boutique.serviceaccount.identity.linkerd.cluster.local', tls: 'true' } };
    const dst = { ip: '10.0.2.84', port: 7070, metadata: { namespace: 'boutique', pod: 'cartservice-rtqvgdksxm-fzm6r', deployment: 'cartservice' } };
    const id = { base: 1, stream: 1 };
    const text = [
      tapEvent('INBOUND', { requestInitEvent: { id, method: 'POST', path: '/hipstershop.CartService/GetCart' } }, src, dst),
      tapEvent('INBOUND', { responseEndEvent: { id, responseBytes: 3, grpcStatusCode: 0 } }, src, dst),
    ].join('\n');
    const r = await importText(text);
    expect(r.format).toBe('linkerd-tap');
    expect(r.edges.map((e) => [e.source, e.destination, e.verdicts])).toEqual([['boutique/redis-cart', 'boutique/cartservice', { forwarded: 1 }]]);
  });

  test('a response without its request is counted as incomplete, not an edge', async () => {
    const text = readSample(FILE);
    const events = text.split(/\n(?=\{)/);
    const r = await importText(events.filter((e) => !e.includes('"requestInitEvent"')).join('\n'), { format: 'linkerd-tap' });
    expect(r.edges).toEqual([]);
    expect(r.counts.skipped.incomplete).toBe(r.counts.read);
  });
});
