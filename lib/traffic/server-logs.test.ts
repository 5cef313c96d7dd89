import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText, TEST_TIME } from './testing/boutique';

const NGINX = 'nginx/paymentservice-mtls-access.jsonl';

function flaskLine(fields: Record<string, unknown>): string {
  return JSON.stringify({ timestamp: '2026-03-12T09:41:00Z', method: 'GET', path: '/api/v1/users/123', status_code: 200, ...fields });
}

describe('NGINX mTLS access logs', () => {
  test('the destination comes from server_name (a Service FQDN); the caller from the verified client CN', async () => {
    const r = await importSample(NGINX);
    const [e14] = edgesBetween(r.edges, answerEdge('E14'));
    expect(e14).toMatchObject({ method: 'POST', pathTemplate: '/hipstershop.PaymentService/Charge', countUnit: 'requests' });
  });

  test('U1: 403 with a valid certificate is a denial of frontend', async () => {
    const r = await importSample(NGINX);
    expect(edgesBetween(r.edges, answerEdge('U1')).map((e) => e.verdicts)).toEqual([{ 'denied:403': 3 }]);
  });

  test('a FAILED certificate is not trusted: the caller comes from remote_addr, the request is a denial', async () => {
    const r = await importSample(NGINX);
    const [e14] = edgesBetween(r.edges, answerEdge('E14'));
    expect(e14?.verdicts['denied:client-certificate']).toBe(1);
  });

  test('probes without certificate from the node IP become the node', async () => {
    const r = await importSample(NGINX);
    expect(r.edges.filter((e) => e.source.startsWith('node:')).map((e) => [e.source, e.pathTemplate, e.count])).toEqual([
      ['node:ip-10-0-3-17.eu-west-1.compute.internal', '/grpc.health.v1.Health/Check', 3],
    ]);
  });

  test('--destination overrides a server_name that is not a Service', async () => {
    const line = JSON.stringify({ time: '2026-03-12T09:41:01+00:00', client_cn: '', client_verify: 'NONE', remote_addr: '10.0.1.142', server_name: '_', server_port: '50051', request_method: 'POST', request_uri: '/x', status: 200 });
    const without = await importText(line);
    expect(without.counts.skipped['missing-field']).toBe(1);
    expect(without.diagnostics[0]).toMatchObject({ code: 'missing-destination', line: 1 });
    expect(without.diagnostics[0]?.message).not.toMatch(/--\w/);
    const withDest = await importText(line, { destination: 'boutique/paymentservice' });
    expect(withDest.edges.map((e) => [e.source, e.destination, e.port])).toEqual([['boutique/checkoutservice', 'boutique/paymentservice', 50051]]);
  });
});

describe('application JSON access logs (Flask middleware)', () => {
  test.each([
    { caller: 'spiffe://cluster.local/ns/boutique/sa/frontend', expected: 'boutique/frontend' },
    { caller: 'checkoutservice.boutique.serviceaccount.identity.linkerd.cluster.local', expected: 'boutique/checkoutservice' },
    { caller: 'cartservice.boutique.svc', expected: 'boutique/cartservice' },
    { caller: 'boutique/adservice', expected: 'boutique/adservice' },
  ])('caller_identity $caller resolves to $expected', async ({ caller, expected }) => {
    const r = await importText(flaskLine({ caller_identity: caller, source_ip: '10.99.0.1' }), { destination: 'boutique/paymentservice:50051' });
    expect(r.format).toBe('app-json');
    expect(r.edges.map((e) => [e.source, e.destination, e.port, e.pathTemplate])).toEqual([[expected, 'boutique/paymentservice', 50051, '/api/v1/users/{id}']]);
  });

  test('without caller identity the source IP is used; without a destination each line is a reported bad record', async () => {
    const line = flaskLine({ source_ip: '10.0.1.57' });
    const ok = await importText(line, { destination: 'boutique/paymentservice:50051', format: 'app-json' });
    expect(ok.edges.map((e) => e.source)).toEqual(['boutique/frontend']);
    const bad = await importText(line, { format: 'app-json' });
    expect(bad.edges).toEqual([]);
    expect(bad.counts.skipped['missing-field']).toBe(1);
    expect(bad.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['missing-destination', 1, 'no destination: the entry has no destination or service field, and the import names no destination for this log']]);
  });
});

describe('application JSON access logs: exactly the fields of the issue', () => {
  test('caller_identity, source_ip, method, path, status_code and --destination ns/name make an edge (no timestamp: the import time)', async () => {
    const line = JSON.stringify({ caller_identity: 'spiffe://cluster.local/ns/boutique/sa/checkoutservice', source_ip: '10.0.1.142', method: 'POST', path: '/charge?id=7', status_code: 403 });
    const r = await importText(`${line}\n${line}\n`, { destination: 'boutique/paymentservice' });
    expect(r.format).toBe('app-json');
    expect(r.edges.map((e) => [e.source, e.destination, e.port, e.method, e.pathTemplate, e.count, e.verdicts, e.firstSeen])).toEqual([
      ['boutique/checkoutservice', 'boutique/paymentservice', 0, 'POST', '/charge', 2, { 'denied:403': 2 }, TEST_TIME],
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['info', 'no-timestamps']]);
  });

  test('alternate names: remote_addr / client_ip, status, @timestamp in epoch milliseconds', async () => {
    const line = JSON.stringify({ client_ip: '10.0.1.57', method: 'GET', path: '/', status: 200, '@timestamp': Date.parse('2026-03-12T09:40:00Z') });
    const r = await importText(line, { destination: 'boutique/paymentservice:50051', format: 'app-json' });
    expect(r.edges.map((e) => [e.source, e.port, e.firstSeen])).toEqual([['boutique/frontend', 50051, '2026-03-12T09:40:00.000Z']]);
  });

  test('an unreadable timestamp is a reported bad record, not the import time', async () => {
    const r = await importText(JSON.stringify({ source_ip: '10.0.1.57', timestamp: 'yesterday', status_code: 200 }), { destination: 'boutique/paymentservice', format: 'app-json' });
    expect(r.diagnostics.map((d) => [d.code, d.line, d.message])).toEqual([['invalid-record', 1, 'unreadable timestamp "yesterday"']]);
  });
});
