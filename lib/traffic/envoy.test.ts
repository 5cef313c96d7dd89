import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, headlines, importSample, importText, readSample } from './testing/boutique';
import { envoyJson } from './testing/builders';

const JSON_FILE = 'istio/istio-proxy-access-default.jsonl';
const TEXT_FILE = 'istio/istio-proxy-access-default.log';
const CUSTOM_FILE = 'istio/istio-proxy-access-custom-peer-identity.jsonl';

describe('Envoy / Istio access logs', () => {
  test('the default TEXT and JSON encodings of the same entries give the same edges', async () => {
    const [text, json] = await Promise.all([importSample(TEXT_FILE), importSample(JSON_FILE)]);
    expect(headlines(text.edges)).toEqual(headlines(json.edges));
  });

  test.each([JSON_FILE, TEXT_FILE, CUSTOM_FILE])('%s: a request logged by the client (outbound) and the server (inbound) sidecar counts once', async (file) => {
    const r = await importSample(file);
    // U1's server entry comes before its client entry: files are in emission order, not start_time order.
    for (const id of ['E1', 'E14', 'E15', 'U1']) {
      const edges = edgesBetween(r.edges, answerEdge(id));
      expect(edges.reduce((n, e) => n + e.count, 0), id).toBe(1);
    }
  });

  test.each([
    { id: 'U1', verdict: 'rbac_denied', why: 'gRPC denial is response_code 200 + rbac_access_denied_matched_policy (istio/istio#38984)' },
    { id: 'U2', verdict: 'rbac_denied', why: 'TCP denial only in connection_termination_details' },
    { id: 'U3', verdict: 'denied:filter_chain_not_found', why: 'plaintext client vs STRICT mTLS: NR filter_chain_not_found' },
  ])('$id is $verdict: $why', async ({ id, verdict }) => {
    for (const file of [JSON_FILE, TEXT_FILE, CUSTOM_FILE]) {
      const r = await importSample(file);
      const edges = edgesBetween(r.edges, answerEdge(id));
      expect(edges.map((e) => e.verdicts), `${file} ${id}`).toEqual([{ [verdict]: 1 }]);
    }
  });

  test('E15: the pod port 8080 wins over the dialled Service port 5000 (authority, SNI, outbound cluster)', async () => {
    const r = await importSample(JSON_FILE);
    expect(r.edges.filter((e) => e.destination === 'boutique/emailservice').map((e) => e.port)).toEqual([8080]);
  });

  test('E15: an outbound entry alone (server not logged) still resolves to pod port 8080 via upstream_host', async () => {
    const outboundOnly = readSample(JSON_FILE)
      .split('\n')
      .filter((l) => l.includes('SendOrderConfirmation') && l.includes('"upstream_cluster":"outbound|'))
      .join('\n');
    const r = await importText(outboundOnly);
    expect(r.edges.map((e) => [e.source, e.destination, e.port, e.count])).toEqual([['boutique/checkoutservice', 'boutique/emailservice', 8080, 1]]);
  });

  test('an outbound entry without upstream host maps the Service port of its cluster to the target port', async () => {
    const r = await importText(
      envoyJson({
        response_code: 503,
        response_flags: 'UH',
        response_code_details: 'no_healthy_upstream',
        upstream_cluster: 'outbound|5000||emailservice.boutique.svc.cluster.local',
        downstream_local_address: '172.20.205.123:5000',
        downstream_remote_address: '10.0.1.142:38529',
      }),
    );
    expect(r.edges.map((e) => [e.source, e.destination, e.port, e.verdicts])).toEqual([['boutique/checkoutservice', 'boutique/emailservice', 8080, { 'error:UH': 1 }]]);
  });

  test('E17: a TCP connection logged at close spans start_time .. start_time + duration (10 minutes before the window)', async () => {
    const r = await importSample(JSON_FILE);
    const [edge] = edgesBetween(r.edges, answerEdge('E17'));
    expect(edge).toMatchObject({ countUnit: 'connections', firstSeen: '2026-03-12T09:31:03.700Z', lastSeen: '2026-03-12T09:41:03.731Z', bytes: 80233 + 412881 });
  });

  test('redis-cart runs as ServiceAccount default: its SPIFFE ID resolves to it even from an unknown IP', async () => {
    const r = await importText(
      envoyJson({
        method: null,
        path: null,
        protocol: null,
        upstream_cluster: 'inbound|7070||',
        downstream_local_address: '10.0.2.84:7070',
        downstream_remote_address: '10.99.0.1:40000',
        downstream_peer_uri_san: 'spiffe://cluster.local/ns/boutique/sa/default',
      }),
    );
    expect(r.edges.map((e) => e.source)).toEqual(['boutique/redis-cart']);
  });

  test('custom format: the caller SPIFFE ID wins over the remote address', async () => {
    const r = await importText(
      envoyJson({
        upstream_cluster: 'inbound|8080||',
        downstream_local_address: '10.0.2.19:8080',
        downstream_remote_address: '10.0.1.57:40000',
        downstream_peer_uri_san: 'spiffe://cluster.local/ns/boutique/sa/checkoutservice',
      }),
    );
    expect(r.edges.map((e) => e.source)).toEqual(['boutique/checkoutservice']);
  });

  test('path templates collapse ids: /product/OLJCESPC7Z → /product/{id}', async () => {
    const r = await importSample(JSON_FILE);
    expect(edgesBetween(r.edges, answerEdge('E2')).map((e) => [e.method, e.pathTemplate])).toEqual([['GET', '/product/{id}']]);
  });
});
