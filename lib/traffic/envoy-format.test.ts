import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { compileEnvoyTextFormat, entryFromSlots, readTextLine } from './formats/envoy-format';
import { toEnvoyEntry } from './formats/envoy-json';
import { ISTIO_TEXT_FORMAT } from './formats/envoy-text';
import { readEnvoyLogFormat, type EnvoyLogFormat, type ObservedEdge } from './index';
import { answerEdge, edgesBetween, importSample, importText, readSample } from './testing/boutique';

/** User-given Envoy access-log formats (`--envoy-format`): compiled once, read line by line. */
const FORMATS_DIR = path.resolve(import.meta.dirname, '../../fixtures/envoy-formats');
const formatFile = (name: string) => readFileSync(path.join(FORMATS_DIR, name), 'utf8');
const BOUTIQUE_ISTIO = path.resolve(import.meta.dirname, '../../fixtures/boutique/istio');

function format(text: string, file = 'format'): EnvoyLogFormat {
  const r = readEnvoyLogFormat(text, file);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  if (!r.value) throw new Error('no format');
  return r.value;
}

/** What an edge says about the traffic (not which format saw it), to compare the same traffic read from two encodings. */
const comparable = (edges: readonly ObservedEdge[]) =>
  edges.map(({ source, destination, port, protocol, count, countUnit, firstSeen, lastSeen, verdicts, method, pathTemplate, appProtocol, bytes }) =>
    JSON.stringify({ source, destination, port, protocol, count, countUnit, firstSeen, lastSeen, verdicts, method, pathTemplate, appProtocol, bytes }),
  );

describe("Istio's default text format through the compiler", () => {
  test('the fixture format (cited from telemetry_logging.go) is the constant envoy-text reads with', () => {
    const lines = formatFile('istio-default-text.format').split('\n');
    expect(lines[1]).toBe(ISTIO_TEXT_FORMAT.replace('\n', '\\n'));
  });

  test('every line of the .log gives the entry the default JSON encoding of the same request gives', () => {
    const compiled = compileEnvoyTextFormat(ISTIO_TEXT_FORMAT, { file: 'istio', line: 1 }, []);
    const text = readSample('istio/istio-proxy-access-default.log').trimEnd().split('\n');
    const json = readSample('istio/istio-proxy-access-default.jsonl').trimEnd().split('\n');
    expect(text).toHaveLength(json.length);
    text.forEach((line, i) => {
      const r = readTextLine([compiled!], line);
      expect('entry' in r, line).toBe(true);
      if (!('entry' in r)) return;
      // The JSON has no peer identities or gRPC status either; only the text has the route name (unused).
      expect(r.entry, `line ${i + 1}`).toEqual({ ...toEnvoyEntry(JSON.parse(json[i] as string) as Record<string, unknown>), upstreamPeerUriSan: undefined, downstreamPeerUriSan: undefined, grpcStatus: undefined });
    });
  });

  test('given explicitly as a user format it reads the .log exactly as without one', async () => {
    const [plain, explicit] = await Promise.all([
      importSample('istio/istio-proxy-access-default.log'),
      importSample('istio/istio-proxy-access-default.log', { envoyFormat: format(formatFile('istio-default-text.format'), 'istio-default-text.format') }),
    ]);
    expect(explicit.counts).toEqual(plain.counts);
    expect(explicit.edges).toEqual(plain.edges);
  });
});

describe('a custom text format with %DOWNSTREAM_PEER_URI_SAN% (Istio logFormat.text in a MeshConfig)', () => {
  const meshConfig = () => format(readFileSync(path.join(BOUTIQUE_ISTIO, 'meshconfig-text-with-peers.yaml'), 'utf8'), 'meshconfig-text-with-peers.yaml');

  test('the text rendering of the custom JSON sample gives the same edges as the JSON', async () => {
    const [text, json] = await Promise.all([
      importSample('istio/istio-proxy-access-custom-peer-identity.log', { envoyFormat: meshConfig() }),
      importSample('istio/istio-proxy-access-custom-peer-identity.jsonl'),
    ]);
    expect(text.format).toBe('envoy-text');
    expect(text.counts.skipped['invalid-record']).toBeUndefined();
    expect(comparable(text.edges)).toEqual(comparable(json.edges));
    for (const id of ['E1', 'E14', 'U1']) expect(edgesBetween(text.edges, answerEdge(id)).reduce((n, e) => n + e.count, 0), id).toBe(1);
  });

  test('the caller is resolved by its SPIFFE identity when its IP is unknown', async () => {
    const line =
      '[2026-03-12T09:41:02.000Z] "POST /hipstershop.PaymentService/Charge HTTP/2" 200 - via_upstream - OK 97 45 8 "paymentservice:50051" "10.0.3.46:50051" inbound|50051|| 10.0.3.46:50051 192.0.2.10:41869 outbound_.50051_._.paymentservice.boutique.svc.cluster.local peer=spiffe://cluster.local/ns/boutique/sa/checkoutservice upstream_peer=-';
    const withFormat = await importText(line, { envoyFormat: meshConfig() });
    expect(withFormat.edges.map((e) => [e.source, e.destination, e.port])).toEqual([['boutique/checkoutservice', 'boutique/paymentservice', 50051]]);
  });

  test("without the format the lines match neither Istio's default nor anything else: each is reported with why", async () => {
    const r = await importSample('istio/istio-proxy-access-custom-peer-identity.log', { format: 'envoy-text' });
    expect(r.counts.imported).toBe(0);
    const reported = r.diagnostics.filter((d) => d.code === 'invalid-record');
    expect(reported.map((d) => d.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(reported[0]?.message).toMatch(/^does not match the access log format: no " \\"" after %RESP\(X-ENVOY-UPSTREAM-SERVICE-TIME\)% \(from column \d+\)$/);
  });

  test('a line that does not fit is reported with the column and the operator before it', async () => {
    const r = await importText('[2026-03-12T09:41:02.000Z] GET / 200', { envoyFormat: meshConfig(), format: 'envoy-text' });
    expect(r.diagnostics.filter((d) => d.code === 'invalid-record').map((d) => [d.line, d.message])).toEqual([
      [1, 'does not match the access log format: no "] \\"" after %START_TIME% (from column 2) (format meshconfig-text-with-peers.yaml:15)'],
    ]);
  });
});

describe('a custom JSON key mapping (MeshConfig accessLogFormat with accessLogEncoding: JSON)', () => {
  test('renamed and nested keys, long response flags and a split remote address read as the default JSON does', async () => {
    const envoyFormat = format(formatFile('istio-meshconfig-json-custom-keys.yaml'), 'istio-meshconfig-json-custom-keys.yaml');
    const [custom, standard] = await Promise.all([importSample('istio/istio-proxy-access-custom-keys.jsonl', { envoyFormat }), importSample('istio/istio-proxy-access-default.jsonl')]);
    // Detected from the user's keys: no built-in rule knows `client_ip` / `cluster`.
    expect(custom.format).toBe('envoy-json');
    expect(custom.counts).toEqual(standard.counts);
    expect(custom.edges).toEqual(standard.edges);
    expect(edgesBetween(custom.edges, answerEdge('U3')).map((e) => e.verdicts)).toEqual([{ 'denied:filter_chain_not_found': 1 }]);
  });

  test('without the format the file is not recognised at all', async () => {
    const r = await importSample('istio/istio-proxy-access-custom-keys.jsonl');
    expect(r.format).toBeNull();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['unknown-traffic-format']);
  });
});

describe('operators', () => {
  test("Envoy's own default format and the example line of its docs", () => {
    const r = readEnvoyLogFormat(formatFile('envoy-default.format'), 'envoy-default.format');
    // It logs no client address: every entry would be skipped, which the user is told once.
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([['envoy-format-incomplete', 2]]);
    // usage.rst, "Default Format String": the example of the default Envoy access log format.
    const line = '[2016-04-15T20:17:00.310Z] "POST /api/v1/locations HTTP/2" 204 - 154 0 226 100 "10.0.35.28" "nsq2http" "cc21d9b0-cf5c-432b-8c7e-98aeb7988cd2" "locations" "tcp://10.0.2.1:80"';
    const e = readTextLine(r.value!.text, line);
    expect(e).toEqual({
      entry: expect.objectContaining({ startTime: '2016-04-15T20:17:00.310Z', method: 'POST', path: '/api/v1/locations', protocol: 'HTTP/2', responseCode: 204, bytesReceived: 154, bytesSent: 0, duration: 226, upstreamHost: '10.0.2.1:80' }),
    });
  });

  test('an Envoy file access log: epoch start time, address and port apart, long flags, PATH, numeric gRPC status, several URI SANs', () => {
    const r = readEnvoyLogFormat(formatFile('envoy-file-access-log.yaml'), 'envoy-file-access-log.yaml');
    expect(r.diagnostics).toEqual([]);
    const line = '1773308461.306 10.0.1.142 41869 -> 10.0.3.46:50051 outbound|50051||paymentservice.boutique.svc.cluster.local POST /hipstershop.PaymentService/Charge 200 NoHealthyUpstream,UpstreamRequestTimeout 7 peer=urn:x,spiffe://cluster.local/ns/boutique/sa/checkoutservice';
    const e = readTextLine(r.value!.text, line);
    expect(e).toEqual({
      entry: expect.objectContaining({
        startTime: '2026-03-12T09:41:01.306Z',
        downstreamRemoteAddress: '10.0.1.142:41869',
        upstreamHost: '10.0.3.46:50051',
        method: 'POST',
        path: '/hipstershop.PaymentService/Charge',
        responseFlags: 'UH,UT',
        grpcStatus: '7',
        downstreamPeerUriSan: 'spiffe://cluster.local/ns/boutique/sa/checkoutservice',
      }),
    });
  });

  test('IPv6 addresses logged without port get brackets', () => {
    expect(entryFromSlots({ downstreamRemoteIp: 'fd00::1', downstreamRemotePort: '4000', downstreamLocalIp: '10.0.0.1' })).toMatchObject({ downstreamRemoteAddress: '[fd00::1]:4000', downstreamLocalAddress: '10.0.0.1:0' });
  });

  test('misspelt, masked and inseparable operators are reported once each with the line of the format, and ignored', () => {
    const r = readEnvoyLogFormat(formatFile('misspelt-operators.yaml'), 'misspelt-operators.yaml');
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.message])).toEqual([
      ['warning', 6, '%RESPONCE_CODE% is not an Envoy command operator: ignored'],
      ['warning', 6, '%DOWNSTREAM_PEER_URI_SAN% follows %ROUTE_NAME% with no text between them, so its value cannot be told apart: ignored'],
      ['warning', 6, '%DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT(16)% masks the address to a CIDR, which names no pod: ignored'],
    ]);
    const e = readTextLine(r.value!.text, '[2026-03-12T09:41:02.000Z] GET 200 10.0.1.57:40000 10.0.2.19:8080 inbound|8080|| defaultspiffe://x 200 10.0.0.0/16');
    expect(e).toEqual({ entry: expect.objectContaining({ method: 'GET', downstreamRemoteAddress: '10.0.1.57:40000', downstreamLocalAddress: '10.0.2.19:8080', upstreamCluster: 'inbound|8080||' }) });
    expect('entry' in e && e.entry.downstreamPeerUriSan).toBeUndefined();
  });

  test('the ignored-operator warnings come with the import of a file read with the format, once', async () => {
    const envoyFormat = format(formatFile('misspelt-operators.yaml'), 'misspelt-operators.yaml');
    const r = await importText('[2026-03-12T09:41:02.000Z] GET 200 10.0.1.57:40000 10.0.2.19:8080 inbound|8080|| default- 200 -\n'.repeat(3), { envoyFormat });
    expect(r.format).toBe('envoy-text');
    expect(r.diagnostics.filter((d) => d.file === 'misspelt-operators.yaml').map((d) => d.code)).toEqual(Array(3).fill('envoy-format-operator-ignored'));
    expect(r.edges.map((e) => [e.source, e.destination, e.count])).toEqual([['boutique/frontend', 'boutique/emailservice', 3]]);
  });
});

describe('where formats come from', () => {
  test('telemetry-and-meshconfig.yaml: the json-with-peers provider labels, merged over the default JSON keys', () => {
    const r = readEnvoyLogFormat(readFileSync(path.join(BOUTIQUE_ISTIO, 'telemetry-and-meshconfig.yaml'), 'utf8'), 'telemetry-and-meshconfig.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.text).toEqual([]);
    expect(r.value?.json?.find((f) => f.path[0] === 'downstream_peer_uri_san')).toEqual({ path: ['downstream_peer_uri_san'], single: 'downstreamPeerUriSan' });
  });

  test('the istio ConfigMap: the MeshConfig in data.mesh, with lines counted in the file', () => {
    const cm = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: istio', 'data:', '  mesh: |-', '    accessLogFile: /dev/stdout', '    accessLogFormat: "[%START_TIME%] %BAD_OP% %DOWNSTREAM_REMOTE_ADDRESS% %DOWNSTREAM_LOCAL_ADDRESS%"'].join('\n');
    const r = readEnvoyLogFormat(cm, 'istio-cm.yaml');
    expect(r.diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([['istio-cm.yaml', 8, '%BAD_OP% is not an Envoy command operator: ignored']]);
    expect(r.value?.text).toHaveLength(1);
  });

  test('a format dictionary given inline as JSON', () => {
    const r = readEnvoyLogFormat('{"t":"%START_TIME%","c":"%DOWNSTREAM_REMOTE_ADDRESS%","s":"%UPSTREAM_HOST%"}', '--envoy-format');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.json?.filter((f) => ['t', 'c', 's'].includes(f.path[0] ?? '')).map((f) => f.single)).toEqual(['startTime', 'downstreamRemoteAddress', 'upstreamHost']);
  });

  test.each([
    { name: 'empty', text: '  \n', message: /empty/ },
    { name: 'no operator Eastwest reads', text: '%ROUTE_NAME% %REQ(USER-AGENT)%', message: /no command operator Eastwest reads/ },
    { name: 'YAML without any format', text: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n', message: /no Envoy access log format found/ },
    { name: 'a format over several lines', text: 'meshConfig:\n  accessLogFormat: |\n    [%START_TIME%]\n    %DOWNSTREAM_REMOTE_ADDRESS%\n', message: /spans several lines/ },
  ])('$name is an error, with no format', ({ text, message }) => {
    const r = readEnvoyLogFormat(text, 'f');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics.find((d) => d.severity === 'error')?.message).toMatch(message);
  });

  test("the json_format example of Envoy's docs compiles, with a warning that it locates nothing", () => {
    const r = readEnvoyLogFormat(formatFile('envoy-json-format-docs.yaml'), 'envoy-json-format-docs.yaml');
    expect(r.value?.json).toBeDefined();
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['envoy-format-incomplete', 5],
      ['envoy-format-incomplete', 5],
    ]);
  });

  test("Istio config with only the default formats: nothing to compile, Istio's defaults are read anyway", () => {
    const r = readEnvoyLogFormat('meshConfig:\n  accessLogFile: /dev/stdout\n  accessLogEncoding: JSON\n', 'mesh.yaml');
    expect(r.diagnostics.map((d) => d.severity)).toEqual(['info']);
    expect(r.value).toEqual({ text: [], diagnostics: [] });
  });
});
