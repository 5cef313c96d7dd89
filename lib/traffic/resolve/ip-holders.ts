import type { Pod } from '../../model/kubernetes';

/**
 * Clock skew allowed between the clock that stamped a traffic record (a node's Hubble agent, an Envoy sidecar,
 * a VPC flow-log aggregator) and the API server's pod times: a record up to 5 s before a pod's start or after
 * its end still counts as the pod's. Larger than NTP-synchronised skew (milliseconds), much smaller than the
 * time CNIs keep a released IP before handing it out again (the AWS VPC CNI's cooldown is 30 s), so a handover
 * stays decidable; records within the window of both pods are reported as ambiguous rather than guessed.
 */
export const LIFETIME_TOLERANCE_MS = 5_000;

/** Why no pod is named for an IP at the record's time (UnresolvedReason values). */
export type NoHolder = 'ip-reused' | 'ambiguous-ip';

/** A pod's hold on an IP as RFC 3339 UTC strings with the tolerance applied ('' / '\uffff' = unbounded). */
interface Tenant {
  pod: Pod;
  from: string;
  to: string;
}

/**
 * Who had one IP, worked out once per IP when the inventory is indexed, so resolving a record costs at most a
 * few string comparisons (times of records and pods are both RFC 3339 UTC with milliseconds: they compare as
 * strings; no date is parsed per record):
 * - `fixed`: no pod of the IP carries a lifetime, time does not matter (inventories from plain manifests);
 * - `since`: one pod, still running, from `from` on: the common case of a real export;
 * - `timed`: several pods, or a finished one: the pods whose lifetime overlaps the record's span.
 * `current` is the time-independent choice (a running pod first) for callers without a record.
 */
export type IpHolders =
  | { kind: 'fixed'; current: Pod }
  | { kind: 'since'; current: Pod; from: string }
  | { kind: 'timed'; current: Pod; tenants: Tenant[]; untimed?: Pod };

const FINISHED = new Set(['Succeeded', 'Failed']);
const isoPlus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();

/** Running pods first, as before lifetimes were known (a completed pod's IP may belong to a running one now). */
const preferRunning = (pods: Pod[]): Pod | undefined => pods.find((p) => p.phase === 'Running') ?? pods[0];

/**
 * Holders of one IP from all listed pods with that IP. Host-network pods are left out: they share their node's
 * address, which resolves to the node or to the host-network pod listening on the port (resolver.ts).
 */
export function ipHolders(pods: readonly Pod[]): IpHolders | undefined {
  const candidates = pods.filter((p) => !p.hostNetwork && !p.synthetic);
  const current = preferRunning(candidates);
  if (!current) return undefined;
  const timed = candidates.filter((p) => p.startTime !== undefined || p.endTime !== undefined);
  if (timed.length === 0) return { kind: 'fixed', current };
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only?.startTime && !only.endTime && !FINISHED.has(only.phase ?? '')) return { kind: 'since', current, from: isoPlus(only.startTime, -LIFETIME_TOLERANCE_MS) };
  const byStart = [...timed].sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  const tenants = byStart.map((pod, i): Tenant => {
    // A finished pod whose end was not exported gave up the IP no later than the next pod with it started.
    const next = byStart.slice(i + 1).find((p) => p.startTime !== undefined && p.startTime > (pod.startTime ?? ''));
    const end = pod.endTime ?? (FINISHED.has(pod.phase ?? '') ? next?.startTime : undefined);
    return {
      pod,
      from: pod.startTime ? isoPlus(pod.startTime, -LIFETIME_TOLERANCE_MS) : '',
      to: end ? isoPlus(end, LIFETIME_TOLERANCE_MS) : '\uffff',
    };
  });
  const untimed = preferRunning(candidates.filter((p) => !timed.includes(p)));
  return { kind: 'timed', current, tenants, ...(untimed ? { untimed } : {}) };
}

/**
 * The pod that had the IP during [time, endTime] (both RFC 3339 UTC with milliseconds): the only pod whose
 * lifetime overlaps that span. Several → `ambiguous-ip` (a span across a handover, or overlapping lifetimes);
 * none → a pod without lifetime if the IP has one (as before lifetimes were known), else `ip-reused`: the
 * IP belonged to a pod the export does not list.
 */
export function holderAt(h: IpHolders, time: string, endTime: string | undefined): Pod | NoHolder {
  switch (h.kind) {
    case 'fixed':
      return h.current;
    case 'since':
      return (endTime ?? time) >= h.from ? h.current : 'ip-reused';
    case 'timed': {
      const last = endTime ?? time;
      let found: Pod | undefined;
      for (const t of h.tenants) {
        if (last < t.from || time > t.to) continue;
        if (found) return 'ambiguous-ip';
        found = t.pod;
      }
      return found ?? h.untimed ?? 'ip-reused';
    }
  }
}

/**
 * A record time in the form pod times are kept in (RFC 3339 UTC with milliseconds, what parsers emit);
 * other forms (a `defaultTime` given by a caller) are parsed, unreadable ones give `undefined`.
 */
export function canonicalTime(t: string | undefined): string | undefined {
  if (t === undefined) return undefined;
  if (t.length === 24 && t.charCodeAt(23) === 90 /* Z */ && t.charCodeAt(10) === 84 /* T */ && t.charCodeAt(19) === 46 /* . */) return t;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
