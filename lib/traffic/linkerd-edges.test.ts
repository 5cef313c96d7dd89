import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText, readSample, TEST_TIME } from './testing/boutique';

const FILE = 'linkerd/linkerd-viz-edges-deploy.json';

interface VizRow {
  src: string;
  src_namespace: string;
  dst: string;
  dst_namespace: string;
  client_id: string;
  server_id: string;
  no_tls_reason: string;
}

/** A `linkerd viz edges` row (linkerd2 viz/cmd/edges.go) between two boutique deployments, meshed by default. */
const row = (src: string, dst: string, o: Partial<VizRow> = {}): VizRow => ({
  src,
  src_namespace: 'boutique',
  dst,
  dst_namespace: 'boutique',
  client_id: `${src}.boutique`,
  server_id: `${dst}.boutique`,
  no_tls_reason: '',
  ...o,
});
/** `-o json` output: `json.MarshalIndent(rows, "", "  ")`. */
const pretty = (rows: VizRow[]): string => JSON.stringify(rows, null, 2);

describe('linkerd viz edges -o json', () => {
  test('every row is one open connection, recorded at the import time with an info diagnostic', async () => {
    const r = await importSample(FILE);
    expect(r.format).toBe('linkerd-edges');
    expect(r.edges.every((e) => e.count === 1 && e.countUnit === 'connections' && e.firstSeen === TEST_TIME)).toBe(true);
    expect(r.counts.imported).toBe(17);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'no-timestamps']]);
  });

  test('U1 is listed: Linkerd accepted the connection, the requests on it were denied', async () => {
    const r = await importSample(FILE);
    expect(edgesBetween(r.edges, answerEdge('U1')).map((e) => e.verdicts)).toEqual([{ forwarded: 1 }]);
  });

  test.each([
    ['E15', 'emailservice: the pod port 8080, not the Service port 5000', 8080],
    ['E17', 'redis-cart: the istio-proxy port 15090 is not a served port', 6379],
    ['E4', 'currencyservice: the named port grpc as its number', 7000],
  ])('%s: the port is the destination workload’s only container port (%s)', async (id, _why, port) => {
    const r = await importSample(FILE);
    expect(edgesBetween(r.edges, answerEdge(id)).map((e) => e.port)).toEqual([port]);
  });

  test.each([
    ['no container port', row('frontend', 'loadgenerator'), 'boutique/loadgenerator', /no declared port/],
    ['two served ports (8080, 8443)', row('frontend', 'istio-ingressgateway', { dst_namespace: 'istio-system', server_id: 'istio-ingressgateway.istio-system' }), 'istio-system/istio-ingressgateway', /2 ports \(8080, 8443\)/],
  ])('destination with %s: port 0 and a warning', async (_name, r0, destination, message) => {
    const r = await importText(pretty([r0]));
    expect(r.edges.map((e) => [e.source, e.destination, e.port])).toEqual([['boutique/frontend', destination, 0]]);
    const warnings = r.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.map((d) => d.code)).toEqual(['port-unknown']);
    expect(warnings[0]?.message).toMatch(message);
    expect(warnings[0]?.line).toBe(2);
  });

  test.each([
    ['an unknown deployment with an identity', row('ghost', 'frontend'), 'unknown-identity', 'ghost.boutique.serviceaccount.identity.linkerd.cluster.local'],
    ['an unknown deployment without identity', row('ghost', 'frontend', { client_id: '', no_tls_reason: 'not_provided_by_remote' }), 'no-peer-info', 'record names no address or identity'],
  ])('a source that is %s is listed as unresolved, not dropped', async (_name, r0, reason, value) => {
    const r = await importText(pretty([r0]));
    expect(r.edges.map((e) => [e.destination, e.port])).toEqual([['boutique/frontend', 8080]]);
    expect(r.unresolved.map((u) => [u.side, u.reason, u.value, u.lines])).toEqual([['source', reason, value, [2]]]);
  });

  test('a deployment named by the row resolves even when its identity is another ServiceAccount (redis-cart runs as default)', async () => {
    const r = await importText(pretty([row('cartservice', 'redis-cart', { server_id: 'default.boutique' })]));
    expect(r.edges.map((e) => [e.source, e.destination, e.port])).toEqual([['boutique/cartservice', 'boutique/redis-cart', 6379]]);
  });

  test('a compact array (`jq -c`) on one line gives the same edges as the pretty-printed sample', async () => {
    const rows = JSON.parse(readSample(FILE)) as VizRow[];
    const [pretty, compact] = await Promise.all([importSample(FILE), importText(JSON.stringify(rows))]);
    expect(compact.format).toBe('linkerd-edges');
    expect(compact.edges).toEqual(pretty.edges);
  });

  test('every line of the pretty-printed array is accounted for: rows imported, their other lines merged, brackets not traffic', async () => {
    const r = await importSample(FILE);
    expect(r.counts).toEqual({ read: 155, imported: 17, skipped: { merged: 136, 'not-traffic': 2 } });
  });

  test('a truncated array imports the complete rows and warns about the cut one', async () => {
    const text = pretty([row('frontend', 'adservice'), row('frontend', 'cartservice')]);
    const r = await importText(text.slice(0, text.lastIndexOf('"server_id"')), { format: 'linkerd-edges' });
    expect(r.edges.map((e) => e.destination)).toEqual(['boutique/adservice']);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.line])).toEqual([['incomplete', 11]]);
  });

  test('a row that is not an edge is a bad record with its line', async () => {
    const r = await importText(`[\n  {"name": "x"},\n  ${JSON.stringify(row('frontend', 'adservice'))}\n]`, { format: 'linkerd-edges' });
    expect(r.edges.map((e) => e.destination)).toEqual(['boutique/adservice']);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.line])).toEqual([['invalid-record', 2]]);
  });
});
