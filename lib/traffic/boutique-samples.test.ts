import { describe, expect, test } from 'vitest';
import { answerEdge, edgeKey, edgeKeys, forbiddenPairs, importSample, infraEdge } from './testing/boutique';

/**
 * Every traffic sample of fixtures/boutique resolves to exactly the edges README §3 says it shows
 * ("seen in" column), plus the infrastructure entries of answer-key.json, and never to the reverse edges.
 */
const FRONTEND_DNS = () => infraEdge('dns', 'boutique/frontend');
const PROBE_HUBBLE = () => infraEdge('kubelet_probe', 'node:ip-10-0-1-23');
const PROBE_NGINX = () => infraEdge('kubelet_probe', 'node:ip-10-0-3-17');
const NLB = () => infraEdge('unresolved_ip');
const SCANNER = () => infraEdge('internet_scanner');

/**
 * U3 as Linkerd proxy metrics can show it: the plaintext client has no identity (`tls="no_identity"`) and the
 * metrics carry no client IP, so the source is an unresolved peer (listed in `unresolved`), the destination real.
 */
const U3_NO_IDENTITY = () => edgeKey({ ...answerEdge('U3'), source: 'unresolved:no-peer-info' });

const ALL_E = Array.from({ length: 17 }, (_, i) => `E${i + 1}`);
const ALL_U = ['U1', 'U2', 'U3'];

const cases: { file: string; format: string; ids: string[]; infra: (() => string)[] }[] = [
  { file: 'hubble/hubble-observe.jsonl', format: 'hubble', ids: [...ALL_E, ...ALL_U], infra: [FRONTEND_DNS, PROBE_HUBBLE] },
  { file: 'istio/istio-proxy-access-default.jsonl', format: 'envoy-json', ids: [...ALL_E, ...ALL_U], infra: [] },
  { file: 'istio/istio-proxy-access-default.log', format: 'envoy-text', ids: [...ALL_E, ...ALL_U], infra: [] },
  { file: 'istio/istio-proxy-access-custom-peer-identity.jsonl', format: 'envoy-json', ids: ['E1', 'E2', 'E14', 'E15', 'E17', ...ALL_U], infra: [] },
  { file: 'linkerd/linkerd-viz-tap-ns-boutique.json', format: 'linkerd-tap', ids: ['E1', 'E14', 'E15', 'U1'], infra: [] },
  {
    file: 'linkerd/linkerd-viz-edges-deploy.json',
    format: 'linkerd-edges',
    // README §4: open outbound connections between meshed deployments, incl. frontend → paymentservice (U1:
    // accepted, then every request denied). Not E2 (unmeshed ingress gateway), U2 (the TCP
    // connection itself was refused, so never open) or U3 (unmeshed client).
    ids: ALL_E.filter((id) => id !== 'E2').concat('U1'),
    infra: [],
  },
  {
    file: 'linkerd/linkerd-proxy-metrics.prom',
    format: 'linkerd-metrics',
    // README §3 lists E14, E17 and U1–U3 for metrics; the cartservice scrape also authorizes E5 and E10.
    ids: ['E5', 'E10', 'E14', 'E17', 'U1', 'U2'],
    infra: [U3_NO_IDENTITY],
  },
  { file: 'nginx/paymentservice-mtls-access.jsonl', format: 'nginx-json', ids: ['E14', 'U1'], infra: [PROBE_NGINX] },
  {
    file: 'vpc-flow-logs/aws-vpc-flow-logs-v2.log',
    format: 'aws-vpc',
    // README §3: E7/E8/E11/E13/E16 and U3 are same-node traffic, absent from VPC flow logs.
    ids: ['E3', 'E4', 'E5', 'E6', 'E9', 'E10', 'E12', 'E14', 'E15', 'E17', 'U1', 'U2'],
    infra: [FRONTEND_DNS, NLB, SCANNER],
  },
  { file: 'vpc-flow-logs/gcp-vpc-flow-logs.jsonl', format: 'gcp-vpc', ids: ['E3', 'E4', 'E10', 'E12', 'E14', 'E15', 'E17', 'U1', 'U2'], infra: [] },
  {
    file: 'edges/edges.csv',
    format: 'edges-csv',
    ids: [...ALL_E, ...ALL_U],
    infra: [FRONTEND_DNS, () => infraEdge('dns', 'boutique/checkoutservice'), PROBE_HUBBLE, NLB],
  },
  {
    file: 'edges/edges.jsonl',
    format: 'edges-jsonl',
    ids: [...ALL_E, ...ALL_U],
    infra: [FRONTEND_DNS, () => infraEdge('dns', 'boutique/checkoutservice'), PROBE_HUBBLE, NLB],
  },
];

describe.each(cases)('$file', ({ file, format, ids, infra }) => {
  test(`is detected as ${format} and imports without bad records`, async () => {
    const r = await importSample(file);
    expect(r.format).toBe(format);
    expect(r.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(r.counts.imported).toBeGreaterThan(0);
  });

  test('resolves to the answer-key edges and infrastructure entries, nothing else', async () => {
    const r = await importSample(file);
    const expected = [...ids.map((id) => edgeKey(answerEdge(id))), ...infra.map((f) => f())].sort();
    expect(edgeKeys(r.edges)).toEqual(expected);
  });

  test('never creates the reverse edges of replies', async () => {
    const r = await importSample(file);
    const pairs = new Set(r.edges.map((e) => `${e.source} -> ${e.destination}`));
    for (const forbidden of forbiddenPairs()) expect(pairs.has(forbidden), forbidden).toBe(false);
  });

  test('accounts for every record read: imported or skipped with a reason', async () => {
    const r = await importSample(file);
    const skipped = Object.values(r.counts.skipped).reduce((a, b) => a + (b ?? 0), 0);
    expect(r.counts.imported + skipped).toBe(r.counts.read);
  });
});
