import { gzipSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { detectFormat } from './index';
import { sampleBytes } from './testing/boutique';

describe('detectFormat', () => {
  test.each([
    ['hubble/hubble-observe.jsonl', 'hubble'],
    ['istio/istio-proxy-access-default.jsonl', 'envoy-json'],
    ['istio/istio-proxy-access-default.log', 'envoy-text'],
    ['istio/istio-proxy-access-custom-peer-identity.jsonl', 'envoy-json'],
    ['linkerd/linkerd-viz-tap-ns-boutique.json', 'linkerd-tap'],
    ['nginx/paymentservice-mtls-access.jsonl', 'nginx-json'],
    ['vpc-flow-logs/aws-vpc-flow-logs-v2.log', 'aws-vpc'],
    ['vpc-flow-logs/gcp-vpc-flow-logs.jsonl', 'gcp-vpc'],
    ['edges/edges.csv', 'edges-csv'],
    ['edges/edges.jsonl', 'edges-jsonl'],
    ['kubernetes/cluster-state.json', null],
    ['istio/telemetry-and-meshconfig.yaml', null],
    ['linkerd/linkerd-proxy-metrics.prom', 'linkerd-metrics'],
    ['linkerd/linkerd-viz-edges-deploy.json', 'linkerd-edges'],
  ])('%s → %s', (file, expected) => {
    expect(detectFormat(sampleBytes(file))).toBe(expected);
  });

  test('gzip magic bytes are recognised', () => {
    expect(detectFormat(gzipSync(Buffer.from('{}')))).toBe('gzip');
  });

  test.each([
    ['{"caller_identity":"spiffe://cluster.local/ns/a/sa/b","method":"GET","path":"/","status_code":200}', 'app-json'],
    ['\n\n  \nversion account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status', 'aws-vpc'],
    ['{"verdict":"FORWARDED","IP":{"source":"1.1.1.1","destination":"2.2.2.2"}}', 'hubble'],
    ['[{"src":"a","src_namespace":"x","dst":"b","dst_namespace":"x","client_id":"a.x","server_id":"b.x","no_tls_reason":""}]', 'linkerd-edges'],
    ['[{"source":"x/a","destination":"x/b"}]', null],
    ['# HELP request_total Total count of HTTP requests.\n# TYPE request_total counter\nrequest_total{direction="inbound"} 1', 'linkerd-metrics'],
    ['inbound_tcp_authz_deny_total{target_port="6379",tls="true"} 1', 'linkerd-metrics'],
    ['# HELP process_cpu_seconds_total CPU.\nprocess_cpu_seconds_total 1', null],
    ['', null],
  ])('%j → %s', (text, expected) => {
    expect(detectFormat(text)).toBe(expected);
  });
});
