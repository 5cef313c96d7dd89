// Pod lifetimes (startTime/endTime) from exported pod status; field meanings from kubernetes/api core/v1/types.go
// (PodStatus.StartTime, ContainerStateTerminated.FinishedAt, ObjectMeta.DeletionTimestamp).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseManifestText } from '../manifest';
import { buildInventory } from './index';

const fixture = path.resolve(import.meta.dirname, '../../fixtures/inventory/boutique-ip-reuse.yaml');

/** One pod with the given metadata/status (JSON, as `kubectl get pod -o json` writes them). */
function podWith(metadata: Record<string, unknown>, status: Record<string, unknown>) {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'n', ...metadata }, spec: { containers: [{ name: 'c' }] }, status };
  return buildInventory(parseManifestText(JSON.stringify(pod), 'pod.json').value);
}

const terminated = (finishedAt: string) => ({ name: 'c', state: { terminated: { exitCode: 0, finishedAt } } });

describe('pod lifetime', () => {
  test.each([
    { name: 'running: status.startTime, no end', metadata: { creationTimestamp: '2026-03-02T08:14:01Z' }, status: { phase: 'Running', startTime: '2026-03-02T08:15:01Z' }, expected: { startTime: '2026-03-02T08:15:01.000Z' } },
    { name: 'pending, not yet seen by a kubelet: creationTimestamp', metadata: { creationTimestamp: '2026-03-02T08:14:01Z' }, status: { phase: 'Pending' }, expected: { startTime: '2026-03-02T08:14:01.000Z' } },
    {
      name: 'succeeded: the latest finishedAt of its containers',
      metadata: {},
      status: { phase: 'Succeeded', startTime: '2026-03-12T09:20:01Z', initContainerStatuses: [terminated('2026-03-12T09:20:03Z')], containerStatuses: [terminated('2026-03-12T09:39:30Z'), terminated('2026-03-12T09:38:00Z')] },
      expected: { startTime: '2026-03-12T09:20:01.000Z', endTime: '2026-03-12T09:39:30.000Z' },
    },
    {
      name: 'failed: finishedAt with an offset is normalised to UTC',
      metadata: {},
      status: { phase: 'Failed', startTime: '2026-03-12T09:20:01Z', containerStatuses: [terminated('2026-03-12T10:39:30.5+01:00')] },
      expected: { startTime: '2026-03-12T09:20:01.000Z', endTime: '2026-03-12T09:39:30.500Z' },
    },
    {
      name: 'evicted without container state: the latest condition transition',
      metadata: {},
      status: { phase: 'Failed', reason: 'Evicted', startTime: '2026-03-01T10:00:02Z', conditions: [{ type: 'PodScheduled', lastTransitionTime: '2026-03-01T10:00:02Z' }, { type: 'Ready', status: 'False', lastTransitionTime: '2026-03-02T08:13:40Z' }] },
      expected: { startTime: '2026-03-01T10:00:02.000Z', endTime: '2026-03-02T08:13:40.000Z' },
    },
    {
      name: 'running but terminating: deletionTimestamp is a deadline, not an end',
      metadata: { deletionTimestamp: '2026-03-12T09:41:30Z' },
      status: { phase: 'Running', startTime: '2026-03-02T08:15:01Z' },
      expected: { startTime: '2026-03-02T08:15:01.000Z' },
    },
    {
      name: 'running with a restarted container: a terminated state is not the pod’s end',
      metadata: {},
      status: { phase: 'Running', startTime: '2026-03-02T08:15:01Z', containerStatuses: [terminated('2026-03-05T00:00:00Z')] },
      expected: { startTime: '2026-03-02T08:15:01.000Z' },
    },
    { name: 'hand-written manifest without status: no lifetime', metadata: {}, status: {}, expected: {} },
  ])('$name', ({ metadata, status, expected }) => {
    const r = podWith(metadata, status);
    const pod = r.value.pods[0];
    expect({ startTime: pod?.startTime, endTime: pod?.endTime }).toEqual({ startTime: undefined, endTime: undefined, ...expected });
    expect(r.diagnostics).toEqual([]);
  });

  test('an unreadable time is reported with file and line and ignored', () => {
    const r = podWith({ creationTimestamp: '2026-03-02T08:14:01Z' }, { phase: 'Running', startTime: 'soon' });
    expect(r.value.pods[0]?.startTime).toBe('2026-03-02T08:14:01.000Z');
    expect(r.diagnostics).toEqual([{ severity: 'warning', code: 'invalid-timestamp', message: 'Pod n/p: status.startTime "soon" is not an RFC 3339 time, ignored', file: 'pod.json', line: 1 }]);
  });

  test('the IP-reuse fixture: a Completed Job pod handed 10.0.2.84 to cartservice', () => {
    const inv = buildInventory(parseManifestText(readFileSync(fixture, 'utf8'), fixture).value).value;
    expect(inv.pods.filter((p) => p.ips.includes('10.0.2.84')).map((p) => [p.name, p.workload.name, p.phase, p.startTime, p.endTime])).toEqual([
      ['cart-redis-flush-q8x2k', 'cart-redis-flush', 'Succeeded', '2026-03-12T09:20:01.000Z', '2026-03-12T09:39:30.000Z'],
      ['cartservice-rtqvgdksxm-fzm6r', 'cartservice', 'Running', '2026-03-12T09:40:00.000Z', undefined],
    ]);
  });
});
