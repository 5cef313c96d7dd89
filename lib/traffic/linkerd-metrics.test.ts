import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText, TEST_TIME } from './testing/boutique';

const FILE = 'linkerd/linkerd-proxy-metrics.prom';

/** One sample line of the Prometheus text format, label values escaped as the format requires. */
function sample(name: string, labels: Record<string, string>, value: number | string, timestampMs?: number): string {
  const l = Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return `${name}{${l}} ${value}${timestampMs !== undefined ? ` ${timestampMs}` : ''}`;
}
/** The header `linkerd diagnostics proxy-metrics` prints before each pod's scrape. */
const podHeader = (pod: string, i = 1, n = 1): string => `#\n# POD ${pod} (${i} of ${n})\n#`;

const FRONTEND_POD = 'frontend-fvnq2lwh86-kc27d';
const PAYMENT_POD = 'paymentservice-kzf2zt4sxw-6qfnz';
const id = (sa: string): string => `${sa}.boutique.serviceaccount.identity.linkerd.cluster.local`;

/** frontend's outbound series towards paymentservice (as in the sample). */
const toPayment = {
  direction: 'outbound',
  authority: 'paymentservice:50051',
  target_addr: '10.0.3.46:50051',
  target_ip: '10.0.3.46',
  target_port: '50051',
  tls: 'true',
  server_id: id('paymentservice'),
  dst_deployment: 'paymentservice',
  dst_namespace: 'boutique',
  dst_pod: PAYMENT_POD,
  dst_service: 'paymentservice',
};
/** paymentservice's inbound labels for a client. */
const atPayment = (client: Record<string, string>) => ({ target_addr: '10.0.3.46:50051', target_ip: '10.0.3.46', target_port: '50051', srv_name: 'paymentservice-grpc', srv_port: '50051', ...client });

describe('Linkerd proxy metrics', () => {
  test.each([
    ['E14', 'request_total inbound and inbound_http_authz_allow_total count the same 1843 requests once', { forwarded: 1843 }, 'requests'],
    ['U1', 'the 3 denied requests appear inbound (authz deny) and outbound (grpc_status 7): counted once, inbound', { rbac_denied: 3 }, 'requests'],
    ['E5', 'no inbound request_total on cartservice: the authz allow counter is the request count', { forwarded: 5270 }, 'requests'],
    ['E17', 'TCP server: inbound_tcp_authz_allow_total counts connections', { forwarded: 6 }, 'connections'],
    ['U2', 'inbound_tcp_authz_deny_total counts refused connections', { rbac_denied: 1 }, 'connections'],
  ])('%s: %s', async (edge, _why, verdicts, unit) => {
    const r = await importSample(FILE);
    expect(edgesBetween(r.edges, answerEdge(edge)).map((e) => [e.verdicts, e.countUnit, e.observedBy])).toEqual([[verdicts, unit, ['linkerd']]]);
  });

  test('U3: a plaintext client (tls="no_identity") is an unresolved source, listed with its line, and explained', async () => {
    const r = await importSample(FILE);
    expect(r.unresolved.map((u) => [u.side, u.reason, u.count, u.lines])).toEqual([['source', 'no-peer-info', 2, [38]]]);
    expect(r.edges.filter((e) => e.source === u3Source(r.unresolved)).map((e) => [e.destination, e.port, e.verdicts])).toEqual([['boutique/cartservice', 7070, { rbac_denied: 2 }]]);
    expect(r.diagnostics.find((d) => d.code === 'no-client-identity')?.message).toMatch(/no_identity \(no_tls_from_remote\)/);
  });

  test('every line is accounted for: comments are headers, counted twins merged or duplicate, connection counters not traffic', async () => {
    const r = await importSample(FILE);
    expect(r.counts).toEqual({ read: 47, imported: 7, skipped: { header: 34, merged: 2, duplicate: 2, 'not-traffic': 2 } });
    expect(r.timeWindow).toEqual({ start: TEST_TIME, end: TEST_TIME });
  });

  test('outbound series towards a pod that was not scraped count, with the verdict of their responses', async () => {
    const text = [
      podHeader(FRONTEND_POD),
      sample('request_total', toPayment, 5),
      sample('response_total', { ...toPayment, status_code: '200', classification: 'success', grpc_status: '0', error: '' }, 2),
      sample('response_total', { ...toPayment, status_code: '200', classification: 'failure', grpc_status: '7', error: '' }, 3),
    ].join('\n');
    const r = await importText(text);
    expect(r.format).toBe('linkerd-metrics');
    expect(r.edges.map((e) => [e.destination, e.port, e.count, e.verdicts])).toEqual([['boutique/paymentservice', 50051, 5, { forwarded: 2, 'denied:grpc-7': 3 }]]);
    // proxy-metrics prints the pod name only: without its namespace or IP the source stays unresolved.
    expect(r.edges.map((e) => e.source)).toEqual(['unresolved:no-peer-info']);
    expect(r.diagnostics.map((d) => d.code)).toContain('unknown-source-pod');
  });

  test('the scraped pod’s namespace is learned from other pods’ dst_* labels', async () => {
    const toFrontend = { ...toPayment, authority: 'frontend:80', target_addr: '10.0.1.57:8080', target_ip: '10.0.1.57', target_port: '8080', dst_deployment: 'frontend', dst_pod: FRONTEND_POD, server_id: id('frontend') };
    const text = [podHeader(FRONTEND_POD, 1, 2), sample('request_total', toPayment, 5), podHeader('loadgenerator-z5mmlk5glj-wcd9d', 2, 2), sample('request_total', toFrontend, 9)].join('\n');
    const r = await importText(text);
    expect(r.edges.map((e) => `${e.source} -> ${e.destination} ${e.count}`).sort()).toEqual(['boutique/frontend -> boutique/paymentservice 5', 'unresolved:no-peer-info -> boutique/frontend 9']);
  });

  test('a single proxy’s /metrics (no POD header) resolves the destination by target_ip and keeps sample timestamps', async () => {
    const text = [
      '# HELP request_total Total count of HTTP requests.',
      '# TYPE request_total counter',
      sample('request_total', { direction: 'inbound', ...atPayment({ tls: 'true', client_id: id('checkoutservice') }) }, 7, Date.parse('2026-03-12T09:00:00Z')),
    ].join('\n');
    const r = await importText(text);
    expect(r.edges.map((e) => [e.source, e.destination, e.port, e.count, e.firstSeen])).toEqual([['boutique/checkoutservice', 'boutique/paymentservice', 50051, 7, '2026-03-12T09:00:00.000Z']]);
    expect(r.diagnostics.map((d) => d.code)).not.toContain('no-timestamps');
  });

  test.each([
    ['a zero counter is no traffic', sample('inbound_http_authz_deny_total', atPayment({ tls: 'true', client_id: id('frontend') }), 0), 'no-data', false],
    ['other series are not traffic', 'process_cpu_seconds_total 12.5', 'not-traffic', false],
    ['a fractional count is not a counter of requests', sample('request_total', { direction: 'inbound', ...atPayment({ client_id: id('frontend') }) }, '1.5'), 'invalid-record', true],
    ['an unterminated label value', 'request_total{direction="inbound} 3', 'invalid-record', true],
    ['a missing value', 'request_total{direction="inbound"}', 'invalid-record', true],
    ['a series without target port', sample('inbound_tcp_authz_deny_total', { tls: 'true', client_id: id('frontend') }, 1), 'missing-field', true],
  ])('%s: skipped as %s', async (_name, line, reason, reported) => {
    const r = await importText(`${podHeader(PAYMENT_POD)}\n${line}`, { format: 'linkerd-metrics' });
    expect(r.edges).toEqual([]);
    expect(r.counts.skipped[reason as 'no-data']).toBe(1);
    expect(r.diagnostics.some((d) => d.code === reason && d.line === 4)).toBe(reported);
  });

  test('escaped label values (\\" \\\\ \\n) and a trailing comma are read as the format defines', async () => {
    const labels = { direction: 'inbound', authority: 'we"ird\\host\nname', ...atPayment({ tls: 'true', client_id: id('checkoutservice') }) };
    const line = sample('request_total', labels, 4).replace('} 4', ',} 4');
    const r = await importText(`# TYPE request_total counter\n${line}`);
    expect(r.counts.imported).toBe(1);
    expect(r.edges.map((e) => e.count)).toEqual([4]);
  });
});

function u3Source(unresolved: { endpoint: string }[]): string | undefined {
  return unresolved[0]?.endpoint;
}
