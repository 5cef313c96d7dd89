import type { Diagnostic } from '../../model/diagnostics';
import type { Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { RuleRef } from '../../model/verdict';
import { parseCidr, type Cidr } from '../model/cidr';
import type { ClusterPolicy } from '../anp/types';
import type { Netpol } from '../netpol/types';
import { parseSelectorExpr, type SelectorExpr } from '../selector-expr';
import type { Action, CalicoPolicy, CalicoPort, CalicoRule, CalicoTier, Direction, EntityMatch, HttpMatch, NetworkSet } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;

/** Calico's order of the default tier (api/pkg/apis/projectcalico/v3/tier.go `DefaultTierOrder`). */
export const DEFAULT_TIER_ORDER = 1_000_000;
/** Order Calico gives the policies it converts from Kubernetes NetworkPolicies (kube-controllers converter). */
export const KNP_ORDER = 1000;

const POLICY_KINDS = new Set(['NetworkPolicy', 'GlobalNetworkPolicy', 'StagedNetworkPolicy', 'StagedGlobalNetworkPolicy', 'StagedKubernetesNetworkPolicy']);

export function isCalicoObject(o: ManifestObject): boolean {
  return o.apiVersion.startsWith('projectcalico.org/') || o.apiVersion.startsWith('crd.projectcalico.org/');
}

export function isCalicoPolicy(o: ManifestObject): boolean {
  return isCalicoObject(o) && POLICY_KINDS.has(o.kind);
}

class Invalid extends Error {}

function selectorOf(raw: unknown, where: string): SelectorExpr | undefined {
  if (!present(raw)) return undefined;
  if (typeof raw !== 'string') throw new Invalid(`${where}: a selector is a string expression`);
  const r = parseSelectorExpr(raw);
  if (!r.ok) throw new Invalid(`${where}: invalid selector ${JSON.stringify(raw)}: ${r.error}`);
  return r.expr;
}

function cidrsOf(raw: unknown, where: string): Cidr[] {
  if (!present(raw)) return [];
  if (!Array.isArray(raw)) throw new Invalid(`${where}: must be a list`);
  return raw.map((c, i) => {
    // Calico accepts a bare address as a /32 (/128).
    const text = typeof c === 'string' && !c.includes('/') ? `${c}/${c.includes(':') ? 128 : 32}` : c;
    const cidr = typeof text === 'string' ? parseCidr(text) : null;
    if (!cidr) throw new Invalid(`${where}[${i}]: invalid CIDR ${JSON.stringify(c)}`);
    return cidr;
  });
}

function portsOf(raw: unknown, where: string): CalicoPort[] {
  if (!present(raw)) return [];
  if (!Array.isArray(raw)) throw new Invalid(`${where}: must be a list`);
  return raw.map((p, i): CalicoPort => {
    if (typeof p === 'number') return { kind: 'range', min: p, max: p };
    const s = String(p);
    const range = /^(\d+):(\d+)$/.exec(s);
    if (range) {
      const min = Number(range[1]);
      const max = Number(range[2]);
      if (min > max || max > 65535) throw new Invalid(`${where}[${i}]: invalid port range ${s}`);
      return { kind: 'range', min, max };
    }
    if (/^\d+$/.test(s)) return { kind: 'range', min: Number(s), max: Number(s) };
    return { kind: 'named', name: s };
  });
}

function protocolOf(raw: unknown): Protocol | 'other' | undefined {
  if (!present(raw)) return undefined;
  const s = String(raw).toUpperCase();
  if (s === 'TCP' || s === '6') return 'TCP';
  if (s === 'UDP' || s === '17') return 'UDP';
  if (s === 'SCTP' || s === '132') return 'SCTP';
  return 'other';
}

function entityOf(raw: unknown, where: string): EntityMatch {
  const e = isRecord(raw) ? raw : {};
  const sa = isRecord(e.serviceAccounts) ? e.serviceAccounts : null;
  const svc = isRecord(e.services) ? e.services : null;
  return {
    nets: cidrsOf(e.nets, `${where}.nets`),
    notNets: cidrsOf(e.notNets, `${where}.notNets`),
    selector: selectorOf(e.selector, `${where}.selector`),
    notSelector: selectorOf(e.notSelector, `${where}.notSelector`),
    namespaceSelector: selectorOf(e.namespaceSelector, `${where}.namespaceSelector`),
    serviceAccounts: sa ? { names: Array.isArray(sa.names) ? sa.names.map(String) : [], selector: selectorOf(sa.selector, `${where}.serviceAccounts.selector`) } : undefined,
    services: svc && typeof svc.name === 'string' ? { name: svc.name, namespace: typeof svc.namespace === 'string' ? svc.namespace : undefined } : undefined,
    ports: portsOf(e.ports, `${where}.ports`),
    notPorts: portsOf(e.notPorts, `${where}.notPorts`),
  };
}

function httpOf(raw: unknown, where: string): HttpMatch | undefined {
  if (!isRecord(raw)) return undefined;
  const paths = (Array.isArray(raw.paths) ? raw.paths : []).map((p, i) => {
    if (isRecord(p) && typeof p.exact === 'string') return { exact: p.exact };
    if (isRecord(p) && typeof p.prefix === 'string') return { prefix: p.prefix };
    throw new Invalid(`${where}.paths[${i}]: needs exact or prefix`);
  });
  return { methods: Array.isArray(raw.methods) ? raw.methods.map(String) : [], paths };
}

const ACTIONS = new Set(['Allow', 'Deny', 'Log', 'Pass']);

function rulesOf(raw: unknown, dir: Direction): CalicoRule[] {
  if (!present(raw)) return [];
  if (!Array.isArray(raw)) throw new Invalid(`spec.${dir}: must be a list`);
  return raw.map((r, i) => {
    const path = `${dir}[${i}]`;
    if (!isRecord(r)) throw new Invalid(`spec.${path}: must be an object`);
    if (!ACTIONS.has(String(r.action))) throw new Invalid(`spec.${path}.action: must be Allow, Deny, Log or Pass`);
    const source = entityOf(r.source, `spec.${path}.source`);
    const destination = entityOf(r.destination, `spec.${path}.destination`);
    const protocol = protocolOf(r.protocol);
    // Validation (libcalico-go validator): ports are only allowed with protocol TCP, UDP or SCTP.
    for (const [side, e] of [['source', source], ['destination', destination]] as const) {
      if ((e.ports.length > 0 || e.notPorts.length > 0) && (protocol === undefined || protocol === 'other')) {
        throw new Invalid(`spec.${path}.${side}.ports: ports require protocol TCP, UDP or SCTP`);
      }
    }
    return { path, action: r.action as Action, protocol, notProtocol: protocolOf(r.notProtocol), source, destination, http: httpOf(r.http, `spec.${path}.http`) };
  });
}

function typesOf(spec: Record<string, unknown>): Record<Direction, boolean> {
  if (Array.isArray(spec.types) && spec.types.length > 0) {
    const t = spec.types.map(String);
    return { ingress: t.includes('Ingress'), egress: t.includes('Egress') };
  }
  // api/pkg/defaults/networkpolicy.go defaultPolicyTypesField: Ingress unless the policy has only egress rules.
  const hasEgress = Array.isArray(spec.egress) && spec.egress.length > 0;
  const hasIngress = Array.isArray(spec.ingress) && spec.ingress.length > 0;
  return { ingress: !hasEgress || hasIngress, egress: hasEgress };
}

function numberOf(raw: unknown, where: string): number {
  if (!present(raw)) return Infinity;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw new Invalid(`${where}: must be a number`);
  return n;
}

export function refOfCalico(o: ManifestObject): RuleRef {
  if (o.kind === 'NetworkPolicy') return { kind: 'NetworkPolicy.projectcalico.org', namespace: o.metadata.namespace ?? 'default', name: o.metadata.name };
  if (o.kind === 'StagedNetworkPolicy' || o.kind === 'StagedKubernetesNetworkPolicy') return { kind: o.kind, namespace: o.metadata.namespace ?? 'default', name: o.metadata.name };
  return { kind: o.kind, name: o.metadata.name };
}

function diag(o: ManifestObject, severity: Diagnostic['severity'], code: string, message: string): Diagnostic {
  const ref = refOfCalico(o);
  return { severity, code, message: `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}: ${message}`, file: o.source.file, line: o.source.line };
}

/** Validates one Calico policy object; an invalid one is dropped with an error (calicoctl / the API server would refuse it). */
export function parseCalicoPolicy(o: ManifestObject): { value: CalicoPolicy | null; diagnostics: Diagnostic[] } {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const globalKind = o.kind === 'GlobalNetworkPolicy' || o.kind === 'StagedGlobalNetworkPolicy';
  const namespace = globalKind ? undefined : (o.metadata.namespace ?? 'default');
  const diagnostics: Diagnostic[] = [];
  try {
    if (o.kind === 'StagedKubernetesNetworkPolicy') {
      diagnostics.push(diag(o, 'info', 'staged-policy', 'staged Kubernetes NetworkPolicy: reported only, never enforced; its rules are not evaluated'));
      return { value: null, diagnostics };
    }
    const staged = o.kind.startsWith('Staged');
    if (staged && spec.stagedAction === 'Delete') return { value: null, diagnostics };
    if (spec.preDNAT === true || spec.doNotTrack === true) {
      diagnostics.push(diag(o, 'info', 'host-endpoint-policy', 'preDNAT/doNotTrack policies apply to host endpoints only; not evaluated for pods'));
      return { value: null, diagnostics };
    }
    const policy: CalicoPolicy = {
      ref: refOfCalico(o),
      sortName: o.metadata.name,
      namespace,
      tier: typeof spec.tier === 'string' && spec.tier !== '' ? spec.tier : 'default',
      order: numberOf(spec.order, 'spec.order'),
      selector: selectorOf(spec.selector, 'spec.selector') ?? { kind: 'all' },
      namespaceSelector: globalKind ? selectorOf(spec.namespaceSelector, 'spec.namespaceSelector') : undefined,
      serviceAccountSelector: selectorOf(spec.serviceAccountSelector, 'spec.serviceAccountSelector'),
      types: typesOf(spec),
      ingress: rulesOf(spec.ingress, 'ingress'),
      egress: rulesOf(spec.egress, 'egress'),
      staged,
      source: o.source,
    };
    for (const r of [...policy.ingress, ...policy.egress]) {
      if (r.destination.services || r.source.services) diagnostics.push(diag(o, 'warning', 'unsupported-field', `${r.path}: services match only pods selected by the Service's selector`));
    }
    return { value: policy, diagnostics };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    diagnostics.push(diag(o, 'error', 'invalid-policy', `ignored (Calico would reject it): ${e.message}`));
    return { value: null, diagnostics };
  }
}

export function parseTier(o: ManifestObject): { value: CalicoTier | null; diagnostics: Diagnostic[] } {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const defaultAction = spec.defaultAction === 'Pass' ? 'Pass' : 'Deny';
  let order = present(spec.order) ? Number(spec.order) : Infinity;
  if (o.metadata.name === 'default' && !present(spec.order)) order = DEFAULT_TIER_ORDER;
  if (!Number.isFinite(order) && present(spec.order)) {
    return { value: null, diagnostics: [{ severity: 'error', code: 'invalid-policy', message: `Tier ${o.metadata.name}: spec.order must be a number`, file: o.source.file, line: o.source.line }] };
  }
  return { value: { name: o.metadata.name, order, defaultAction, ref: { kind: 'Tier', name: o.metadata.name } }, diagnostics: [] };
}

export function parseNetworkSet(o: ManifestObject): NetworkSet | null {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  try {
    return { namespace: o.kind === 'NetworkSet' ? (o.metadata.namespace ?? 'default') : undefined, name: o.metadata.name, labels: o.metadata.labels, nets: cidrsOf(spec.nets, 'spec.nets') };
  } catch {
    return null;
  }
}

/**
 * A Kubernetes NetworkPolicy as Calico runs it: policy `knp.default.<name>` in the default tier, order 1000, whose rules
 * are all Allow (https://docs.tigera.io/calico/latest/network-policy/get-started/kubernetes-policy/kubernetes-network-policy
 * and kube-controllers' converter).
 */
export function fromKubernetesPolicy(np: Netpol): CalicoPolicy {
  const none: EntityMatch = { nets: [], notNets: [], ports: [], notPorts: [] };
  const toRules = (dir: Direction): CalicoRule[] => (np[dir] ?? []).map((r) => ({ path: r.path, action: 'Allow', source: none, destination: none, upstream: { peers: r.peers, ports: r.ports } }));
  return {
    ref: np.ref,
    sortName: `knp.default.${np.ref.name}`,
    namespace: np.namespace,
    tier: 'default',
    order: KNP_ORDER,
    selector: { kind: 'all' },
    upstreamSubject: { pods: np.podSelector },
    types: { ingress: np.ingress !== null, egress: np.egress !== null },
    ingress: toRules('ingress'),
    egress: toRules('egress'),
    staged: false,
    source: np.source,
  };
}

/** Tiers Calico creates for the Kubernetes cluster-scoped policies (libcalico-go/lib/names/policy.go, clientv3 ensureTierExists). */
export const KUBE_ADMIN_TIER: CalicoTier = { name: 'kube-admin', order: 1_000, defaultAction: 'Pass' };
export const KUBE_BASELINE_TIER: CalicoTier = { name: 'kube-baseline', order: 10_000_000, defaultAction: 'Pass' };

/**
 * An AdminNetworkPolicy / ClusterNetworkPolicy (tier Admin) or BaselineAdminNetworkPolicy / ClusterNetworkPolicy
 * (tier Baseline) as Calico runs it: a policy of tier `kube-admin` (order 1000, defaultAction Pass) or `kube-baseline`
 * (order 10,000,000, defaultAction Pass) with `order` = priority
 * (libcalico-go/lib/backend/k8s/conversion/clusternetworkpolicy.go).
 */
export function fromClusterPolicy(cp: ClusterPolicy): CalicoPolicy {
  const none: EntityMatch = { nets: [], notNets: [], ports: [], notPorts: [] };
  const toRules = (dir: Direction): CalicoRule[] => cp[dir].map((r) => ({ path: r.path, action: r.action, source: none, destination: none, upstream: { peers: r.peers, ports: r.ports } }));
  return {
    ref: cp.ref,
    sortName: cp.ref.name,
    tier: cp.tier === 'Admin' ? KUBE_ADMIN_TIER.name : KUBE_BASELINE_TIER.name,
    order: cp.priority,
    selector: { kind: 'all' },
    upstreamSubject: { namespaces: cp.subject.namespaces, ...(cp.subject.pods ? { pods: cp.subject.pods } : {}) },
    types: { ingress: cp.ingress.length > 0, egress: cp.egress.length > 0 },
    ingress: toRules('ingress'),
    egress: toRules('egress'),
    staged: false,
    source: cp.source,
  };
}
