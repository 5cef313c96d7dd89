import { asArray, isRecord } from './pod-spec';

export interface PodLifetime {
  startTime?: string;
  endTime?: string;
  /** Fields that held something other than an RFC 3339 time (`status.startTime "soon"`), for diagnostics. */
  invalid: string[];
}

/** Phases after which the pod's containers will not run again (core/v1 PodPhase in kubernetes/api core/v1/types.go). */
const FINISHED_PHASES = new Set(['Succeeded', 'Failed']);

/**
 * When a listed pod held its IPs, from the exported object (field meanings from kubernetes/api core/v1/types.go):
 * - start: `status.startTime` ("acknowledged by the Kubelet", before image pulls, so no later than the IP
 *   assignment), else `metadata.creationTimestamp` (earlier still: a pending pod not yet seen by a kubelet).
 * - end, only for a finished pod (phase Succeeded or Failed; an evicted pod is Failed with reason `Evicted`):
 *   the latest `state.terminated.finishedAt` of its (init, ephemeral) containers, else the latest
 *   `conditions[].lastTransitionTime` (Ready turns False when the containers stop; evicted pods often keep no
 *   container state). A finished pod without either keeps no end; the resolver bounds it by the next pod that
 *   got the same IP.
 * - `metadata.deletionTimestamp` is not an end: on a pod it is the deadline of graceful termination, and the
 *   pod keeps running, and keeps its IP, until its containers stop (ObjectMeta.DeletionTimestamp).
 * Times are normalised to RFC 3339 UTC with milliseconds, the form traffic parsers give records, so both
 * compare as strings.
 */
export function readPodLifetime(metadata: unknown, status: unknown): PodLifetime {
  const meta = isRecord(metadata) ? metadata : {};
  const st = isRecord(status) ? status : {};
  const out: PodLifetime = { invalid: [] };
  const time = (field: string, v: unknown): string | undefined => {
    if (v === undefined || v === null || v === '') return undefined;
    const ms = typeof v === 'string' ? Date.parse(v) : v instanceof Date ? v.getTime() : Number.NaN;
    if (Number.isNaN(ms)) {
      out.invalid.push(`${field} ${JSON.stringify(v)}`);
      return undefined;
    }
    return new Date(ms).toISOString();
  };

  const start = time('status.startTime', st.startTime) ?? time('metadata.creationTimestamp', meta.creationTimestamp);
  if (start) out.startTime = start;

  const finished = (typeof st.phase === 'string' && FINISHED_PHASES.has(st.phase)) || st.reason === 'Evicted';
  if (!finished) return out;
  const latest = (times: (string | undefined)[]): string | undefined => times.reduce<string | undefined>((a, t) => (t !== undefined && (a === undefined || t > a) ? t : a), undefined);
  const containerStatuses = [...asArray(st.initContainerStatuses), ...asArray(st.containerStatuses), ...asArray(st.ephemeralContainerStatuses)].filter(isRecord);
  const finishedAt = latest(
    containerStatuses.map((c) => {
      const terminated = isRecord(c.state) && isRecord(c.state.terminated) ? c.state.terminated : undefined;
      return terminated ? time('containerStatuses[].state.terminated.finishedAt', terminated.finishedAt) : undefined;
    }),
  );
  const end = finishedAt ?? latest(asArray(st.conditions).filter(isRecord).map((c) => time('conditions[].lastTransitionTime', c.lastTransitionTime)));
  if (end) out.endTime = end;
  return out;
}
