import type { TrafficRecord } from '../model';
import type { FormatDefinition } from './types';
import { isReverseDirection } from './vpc-direction';
import { BoundedMap, epochSecondsToTime, protocolFromNumber } from './util';

/**
 * AWS VPC Flow Logs, default version-2 format (docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html):
 * `version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status`,
 * space separated, S3 files start with that header line. NODATA/SKIPDATA records have `-` fields.
 * A connection can appear up to four times (source ENI and destination ENI, each direction): reverse-direction
 * records are skipped as replies, the second ENI's copy as a duplicate (same 5-tuple and window start).
 * `ACCEPT` reflects security groups/NACLs, not Kubernetes policy, so verdicts are `accepted`/`rejected`.
 */
const FIELDS = ['version', 'account-id', 'interface-id', 'srcaddr', 'dstaddr', 'srcport', 'dstport', 'protocol', 'packets', 'bytes', 'start', 'end', 'action', 'log-status'];
const MAX_TRACKED = 200_000;

export const awsVpcFormat: FormatDefinition = {
  unit: 'lines',
  create(sink, _options, helpers) {
    let index: Record<string, number> = Object.fromEntries(FIELDS.map((f, i) => [f, i]));
    const seen = new BoundedMap<string, true>(MAX_TRACKED);
    return {
      push(text, line) {
        const f = text.trim().split(/\s+/);
        if (f[0] === 'version' || f.includes('srcaddr')) {
          // Custom field orders name their fields in the header: honour them.
          index = Object.fromEntries(f.map((name, i) => [name.replace(/^\$\{|\}$/g, ''), i]));
          sink.skip(line, 'header');
          return;
        }
        const get = (name: string) => {
          const i = index[name];
          return i === undefined ? undefined : f[i];
        };
        const status = get('log-status');
        if (status === 'NODATA' || status === 'SKIPDATA') {
          sink.skip(line, 'no-data');
          return;
        }
        const src = get('srcaddr');
        const dst = get('dstaddr');
        const sport = Number(get('srcport'));
        const dport = Number(get('dstport'));
        const protoNum = Number(get('protocol'));
        const start = Number(get('start'));
        const end = Number(get('end'));
        if (!src || !dst || src === '-' || !Number.isInteger(sport) || !Number.isInteger(dport) || !Number.isFinite(start)) {
          sink.skip(line, 'invalid-record', `expected ${FIELDS.length} space-separated fields of a version 2 flow log record`);
          return;
        }
        const protocol = protocolFromNumber(protoNum);
        if (!protocol) {
          sink.skip(line, 'unsupported-protocol');
          return;
        }
        if (isReverseDirection(helpers, src, sport, dst, dport, protocol)) {
          sink.skip(line, 'reply');
          return;
        }
        const key = `${protocol}|${src}|${sport}|${dst}|${dport}`;
        if (seen.has(key)) {
          sink.skip(line, 'duplicate');
          return;
        }
        seen.set(key, true);
        const action = get('action');
        const bytes = Number(get('bytes'));
        const record: TrafficRecord = {
          line,
          source: { ip: src, port: sport },
          destination: { ip: dst, port: dport },
          port: dport,
          protocol,
          count: 1,
          countUnit: 'connections',
          time: epochSecondsToTime(start),
          verdict: action === 'REJECT' ? 'rejected' : action === 'ACCEPT' ? 'accepted' : 'unknown',
          observedBy: 'aws-vpc',
        };
        if (Number.isFinite(end)) record.endTime = epochSecondsToTime(end);
        if (bytes > 0) record.bytes = bytes;
        sink.record(record);
      },
      end() {},
    };
  },
};
