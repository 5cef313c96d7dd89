import type { Diagnostic } from '../model/diagnostics';
import type { EndpointName } from '../model/identity';
import type { Protocol } from '../model/kubernetes';

/** The input formats Eastwest reads observed traffic from (auto-detected from content). */
export type FormatName =
  | 'hubble'
  | 'envoy-json'
  | 'envoy-text'
  | 'linkerd-tap'
  | 'linkerd-edges'
  | 'linkerd-metrics'
  | 'nginx-json'
  | 'app-json'
  | 'aws-vpc'
  | 'gcp-vpc'
  | 'edges-csv'
  | 'edges-jsonl';

export const FORMAT_NAMES: readonly FormatName[] = [
  'hubble',
  'envoy-json',
  'envoy-text',
  'linkerd-tap',
  'linkerd-edges',
  'linkerd-metrics',
  'nginx-json',
  'app-json',
  'aws-vpc',
  'gcp-vpc',
  'edges-csv',
  'edges-jsonl',
];

/** What one edge's `count` counts: HTTP/gRPC requests, TCP connections, connection attempts that never completed, or raw flow records. */
export type CountUnit = 'requests' | 'connections' | 'connection_attempts' | 'flows';

/** The policy rule a data-plane log says decided (Hubble `*_allowed_by`/`*_denied_by`, Envoy `rbac_access_denied_matched_policy[...]`). */
export interface ObservedRuleRef {
  kind: string;
  namespace?: string;
  name: string;
  /** `ingress` / `egress` when the source says which direction decided. */
  direction?: 'ingress' | 'egress';
}

/**
 * One side of a record before identity resolution: whatever the log said about it.
 * The resolver tries, in order: an already resolved endpoint name, workload/pod, identities, then IP(+port).
 */
export interface PeerHint {
  ip?: string;
  port?: number;
  /** Pod namespace/name when the log names the pod (Hubble, Linkerd tap labels, GCP gke_details). */
  namespace?: string;
  podName?: string;
  /** Owning workload named by the log (Hubble `workloads`, Linkerd `deployment` label). */
  workload?: { kind?: string; name: string };
  serviceAccount?: string;
  /** `spiffe://<trust-domain>/ns/<ns>/sa/<sa>`. */
  spiffe?: string;
  /** Linkerd identity `<sa>.<ns>.serviceaccount.identity.linkerd.cluster.local`. */
  linkerdId?: string;
  /** Certificate common name such as `frontend.boutique.svc`. */
  certCN?: string;
  /** Kubernetes Service the caller dialled, `ns/name` (+ its port in `port` with `servicePort: true`). */
  service?: { namespace: string; name: string; port?: number };
  /** Reserved identity such as `host`, `world`, `kube-apiserver`, `remote-node`, `health`. */
  reserved?: string;
  /** Already an endpoint name (canonical edge lists, `--destination ns/name`). */
  endpoint?: EndpointName;
}

/**
 * One observation after parsing and before identity resolution.
 * Parsers already drop pure duplicates of the same connection where they can tell (Hubble 5-tuple,
 * Envoy inbound/outbound pair); `count` then says how many units this one record stands for.
 */
export interface TrafficRecord {
  /** 1-based line (first line of a multi-line object) in the input, for diagnostics. */
  line: number;
  source: PeerHint;
  destination: PeerHint;
  /** Destination port as observed at `destination.ip` (a pod port unless that IP is a Service ClusterIP). */
  port: number;
  /** True when `port` is known to be a Service port (Istio outbound cluster without upstream host): the resolver maps it to the target port. */
  portIsServicePort?: boolean;
  protocol: Protocol;
  method?: string;
  /** Raw path without query; aggregation collapses it into a template. */
  path?: string;
  appProtocol?: string;
  count: number;
  countUnit: CountUnit;
  bytes?: number;
  /** RFC 3339 UTC. */
  time: string;
  /** Last time of the record when it spans an interval (VPC flow logs, edge lists). */
  endTime?: string;
  /**
   * `forwarded`, `redirected`, `dropped:POLICY_DENIED`, `denied:403`, `denied:grpc-7`, `rbac_denied`, `accepted`/`rejected` (VPC), ...
   * Empty when a record only adds rule references to a connection already counted.
   */
  verdict: string;
  deniedBy?: ObservedRuleRef[];
  allowedBy?: ObservedRuleRef[];
  /** Format that observed it: `hubble`, `envoy`, `linkerd`, `nginx`, `app-log`, `aws-vpc`, `gcp-vpc`. */
  observedBy: string;
  /** Pre-aggregated input (edge lists): verdict counts and observers replace `verdict`/`observedBy`. */
  verdictCounts?: Record<string, number>;
  observers?: string[];
}

/**
 * What one observer saw of an edge, in one count unit. The observer is the input format (`hubble`, `envoy-json`,
 * `linkerd-metrics`, `edges-csv`, ...): files of one format are different traffic (their figures add), different
 * formats are views of the same traffic (their figures combine by maximum, see aggregate/observations.ts).
 */
export interface EdgeObservation {
  /** Input format that saw it; for edges stored before observations were kept, their first `observedBy` name. */
  observer: string;
  countUnit: CountUnit;
  count: number;
  bytes?: number;
  firstSeen: string;
  lastSeen: string;
  verdicts: Record<string, number>;
  /** Names the records gave their observer (`hubble`, `envoy`, or an edge list's `observed_by`), sorted. */
  observedBy: string[];
}

/**
 * One aggregated edge: what was seen between two endpoints on one destination pod port (and L7 route).
 * `count`, `countUnit`, `bytes`, `verdicts`, `firstSeen`/`lastSeen` and `observedBy` are the headline figures,
 * combined from `observations` so that traffic seen by several observers counts once.
 */
export interface ObservedEdge {
  source: EndpointName;
  destination: EndpointName;
  /** Destination pod port (post-DNAT). */
  port: number;
  protocol: Protocol;
  method?: string;
  pathTemplate?: string;
  appProtocol?: string;
  count: number;
  countUnit: CountUnit;
  bytes?: number;
  firstSeen: string;
  lastSeen: string;
  /** Count per verdict seen: `forwarded`, `dropped:POLICY_DENIED`, `denied:403`, `rbac_denied`, ... */
  verdicts: Record<string, number>;
  /** Formats/reporters that saw it, sorted. */
  observedBy: string[];
  deniedBy?: ObservedRuleRef[];
  allowedBy?: ObservedRuleRef[];
  /**
   * Figures per (observer, count unit). Absent on edges built by hand or stored before observations were kept:
   * the headline figures then stand for one observation (see `edgeObservations`).
   */
  observations?: EdgeObservation[];
}

/** Why a record could not be resolved to an endpoint, stable codes. */
export type UnresolvedReason =
  | 'unknown-ip'
  | 'unknown-pod'
  | 'unknown-identity'
  | 'unknown-service'
  | 'no-peer-info'
  | 'service-without-pods'
  | 'ambiguous-identity'
  | 'ambiguous-service'
  /** Pods of the export had the IP, but none at the record's time (by their start/end times): someone unlisted had it. */
  | 'ip-reused'
  /** Several pods of the export had the IP during the record (a record spanning a handover). */
  | 'ambiguous-ip';

/** Records whose source or destination could not be resolved, grouped by (side, reason, value). */
export interface UnresolvedRecord {
  side: 'source' | 'destination';
  reason: UnresolvedReason;
  /** What the log said (`10.0.3.250`, `spiffe://...`). */
  value: string;
  count: number;
  /** First lines where it occurred (at most 10). */
  lines: number[];
  /** The endpoint name used in its place in edges (`ip:10.0.3.250`, `unresolved:...`). */
  endpoint: EndpointName;
}

/** Reasons a line is skipped; counts are reported per reason. */
export type SkipReason =
  | 'invalid-json'
  | 'invalid-record'
  | 'missing-field'
  | 'reply'
  | 'duplicate'
  | 'not-traffic'
  | 'no-data'
  | 'header'
  | 'unsupported-protocol'
  | 'incomplete'
  /** Folded into another record (Linkerd response events, the other sidecar's copy of a request). */
  | 'merged';

/**
 * Skip reasons that mean a record was broken (unreadable JSON, a line that does not fit the format, a field the
 * record needs): data the user gave that could not be imported, each reported with its line. The other reasons
 * are records deliberately not counted (replies, the other sidecar's copy, headers...).
 */
export const BAD_RECORD_REASONS: ReadonlySet<SkipReason> = new Set(['invalid-json', 'invalid-record', 'missing-field']);

export interface TrafficImportCounts {
  /** Non-empty lines (or objects, for multi-line formats) read. */
  read: number;
  /** Records that contributed to an edge. */
  imported: number;
  skipped: Partial<Record<SkipReason, number>>;
}

export interface TrafficImportResult {
  edges: ObservedEdge[];
  unresolved: UnresolvedRecord[];
  counts: TrafficImportCounts;
  diagnostics: Diagnostic[];
  format: FormatName | null;
  /** First and last time seen over all imported records, `null` when nothing was imported. */
  timeWindow: { start: string; end: string } | null;
}
