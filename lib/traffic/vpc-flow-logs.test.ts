import { describe, expect, test } from 'vitest';
import { answerEdge, edgesBetween, importSample, importText } from './testing/boutique';

const AWS = 'vpc-flow-logs/aws-vpc-flow-logs-v2.log';
const GCP = 'vpc-flow-logs/gcp-vpc-flow-logs.jsonl';
const HEADER = 'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status';

describe('AWS VPC flow logs v2', () => {
  test('E14: four records (two ENIs × two directions) make one connection; reverse records never an edge', async () => {
    const r = await importSample(AWS);
    expect(edgesBetween(r.edges, answerEdge('E14')).map((e) => [e.count, e.bytes])).toEqual([[1, 2871]]);
  });

  test('header, NODATA, reverse-direction and second-ENI records are skipped with their reasons', async () => {
    const r = await importSample(AWS);
    expect(r.counts.skipped).toEqual({ header: 1, 'no-data': 1, reply: 5, duplicate: 2 });
  });

  test('U1 is ACCEPT at the VPC (security groups, not NetworkPolicy): verdict accepted, not forwarded', async () => {
    const r = await importSample(AWS);
    expect(edgesBetween(r.edges, answerEdge('U1')).map((e) => e.verdicts)).toEqual([{ accepted: 1 }]);
  });

  test('the NLB ENI and the internet scanner stay IP endpoints and are listed as unresolved', async () => {
    const r = await importSample(AWS);
    expect(r.unresolved.map((u) => [u.side, u.reason, u.value, u.endpoint])).toEqual([
      ['source', 'unknown-ip', '10.0.3.250', 'ip:10.0.3.250'],
      ['source', 'unknown-ip', '198.51.100.77', 'ip:198.51.100.77'],
    ]);
    expect(r.edges.find((e) => e.source === 'ip:198.51.100.77')?.verdicts).toEqual({ rejected: 1 });
  });

  test('a reverse-direction record seen alone (server side only) still makes no reverse edge', async () => {
    const r = await importText([HEADER, '2 123456789012 eni-0d4b 10.0.3.88 10.0.2.84 6379 34468 6 20 9846 1773308461 1773308519 ACCEPT OK'].join('\n'));
    expect(r.edges).toEqual([]);
    expect(r.counts.skipped.reply).toBe(1);
  });

  test('records without a header are detected too; ICMP is skipped as unsupported', async () => {
    const r = await importText('2 123456789012 eni-0d4b 10.0.1.57 10.0.3.88 0 0 1 1 84 1773308461 1773308519 ACCEPT OK');
    expect(r.format).toBe('aws-vpc');
    expect(r.counts.skipped['unsupported-protocol']).toBe(1);
  });
});

describe('GCP VPC flow logs', () => {
  test('a connection reported by both ends (reporter SRC and DEST) counts once', async () => {
    const r = await importSample(GCP);
    expect(edgesBetween(r.edges, answerEdge('E14')).map((e) => e.count)).toEqual([1]);
    expect(r.counts.skipped.duplicate).toBe(1);
  });
});
