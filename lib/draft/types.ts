import type { Diagnostic } from '../model/diagnostics';
import type { EndpointName } from '../model/identity';
import type { Inventory, Protocol } from '../model/kubernetes';
import type { EngineOptions } from '../model/manifest';
import type { ObservedEdge } from '../traffic/model';

/** The policy families a draft can be written in. */
export type DraftKind = 'networkpolicy' | 'istio' | 'cilium' | 'linkerd';
export const DRAFT_KINDS: readonly DraftKind[] = ['networkpolicy', 'istio', 'cilium', 'linkerd'];

/**
 * What to draft policies for. `namespaces`: every workload of these namespaces, with a namespace-wide
 * default-deny baseline. `workloads` (`ns/name`): only these, each isolated by its own policies (no baseline,
 * so the other workloads of the namespace are left alone). Neither: every namespace that observed traffic
 * touches, except the system namespaces (see `SYSTEM_NAMESPACES`).
 */
export interface DraftScope {
  namespaces?: string[];
  workloads?: EndpointName[];
}

/** Only edges seen inside `[from, to]` (RFC 3339, both optional) are granted. */
export interface TimeWindow {
  from?: string;
  to?: string;
}

/** Which observed edges are legitimate traffic to grant (a pure predicate, see `keep-edge.ts`). */
export type EdgeFilter = (edge: ObservedEdge) => boolean;

export interface DraftInput {
  inventory: Inventory;
  edges: readonly ObservedEdge[];
  scope?: DraftScope;
  /** Output families; default `['networkpolicy']`. */
  kinds?: readonly DraftKind[];
  window?: TimeWindow;
  /** Default `keepNotDenied`: a dropped or denied attempt is not legitimate traffic. */
  keep?: EdgeFilter;
  /** Connections the user dropped from the draft ("drop from draft" in the graph): never granted. */
  dropped?: readonly ConnectionKey[];
  /** Connections the user grants by hand ("grant" in the graph), observed or not; marked as such in the YAML. */
  granted?: readonly (ConnectionKey & { operations?: Operation[] })[];
  options?: Partial<EngineOptions>;
}

/** One connection: workload pair (or peer) and destination pod port. */
export interface ConnectionKey {
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
}

/** One L7 operation observed on a grant (`pathTemplate` as aggregated by the traffic import, e.g. `/api/v1/users/{id}`). */
export interface Operation {
  method?: string;
  pathTemplate?: string;
}

/** What was observed for one granted connection, for provenance comments. */
export interface Provenance {
  count: number;
  firstSeen: string;
  lastSeen: string;
}

/**
 * One connection the draft grants: the kept observed edges of one (source, destination, port, protocol).
 * `operations` is `null` when only L4 traffic was observed (any request on the port is granted); otherwise the
 * grant is limited to the L7 operations seen (L4-only records of the same connection are then the same requests
 * seen by a lower layer and add nothing).
 */
export interface Grant extends Provenance {
  /** True for a grant added by hand (`DraftInput.granted`) that no kept observation backs. */
  manual?: boolean;
  source: EndpointName;
  destination: EndpointName;
  port: number;
  protocol: Protocol;
  operations: Operation[] | null;
}

/** A generated document: the object as plain data plus the comments rendered with it. */
export interface DraftDocument {
  family: DraftKind;
  object: DraftObject;
  /** Comment lines placed above the document. */
  comment: string[];
  /** Comments on nodes inside the document (`['spec', 'ingress', 0]`), for per-rule provenance. */
  notes: { path: (string | number)[]; comment: string[] }[];
}

export interface DraftObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace: string; labels?: Record<string, string> };
  spec: Record<string, unknown>;
  [key: string]: unknown;
}

/** Why an observed edge was not granted. */
export type ExclusionReason = 'filtered' | 'dropped' | 'outside-window' | 'outside-scope' | 'unresolved-endpoint';

export interface Draft {
  documents: DraftDocument[];
  grants: Grant[];
  excluded: { edge: ObservedEdge; reason: ExclusionReason }[];
  /** Namespaces that got a baseline (default-deny) and the workloads policies were written for. */
  scope: { namespaces: string[]; workloads: EndpointName[] };
  diagnostics: Diagnostic[];
  /** All documents as one deterministic multi-document YAML (see `renderYaml`). */
  yaml: string;
}

