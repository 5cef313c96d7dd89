import type { Diagnostic, Parsed } from '../../model/diagnostics';
import type { Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { parseCidr } from '../model/cidr';
import type { Peer } from '../model/peer';
import type { PortRule, PortRules } from '../model/ports';
import { EVERYTHING, parseSelector } from '../model/selector';
import type { ClusterAction, ClusterPeer, ClusterPolicy, ClusterRule, ClusterSubject, Tier } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
class Invalid extends Error {}

const GROUP = 'policy.networking.k8s.io/';

export function isClusterNetworkPolicyKind(o: ManifestObject): boolean {
  return o.apiVersion.startsWith(GROUP) && (o.kind === 'AdminNetworkPolicy' || o.kind === 'BaselineAdminNetworkPolicy' || o.kind === 'ClusterNetworkPolicy');
}

/** Warnings of the policy being parsed (module-level because parsing is synchronous and not re-entrant). */
let warnings: string[] = [];

function selectorOf(raw: unknown, where: string) {
  const r = parseSelector(raw);
  if (!r.ok) throw new Invalid(`${where}: ${r.error}`);
  if (r.ignored) warnings.push(`${where}: ignored unknown field(s) ${r.ignored.join(', ')}; the selector is ${r.selector.matchExpressions.length + Object.keys(r.selector.matchLabels).length === 0 ? 'empty and matches everything' : 'read without them'}`);
  return r.selector;
}

function subjectOf(raw: unknown): ClusterSubject {
  if (!isRecord(raw)) throw new Invalid('spec.subject: required');
  if (raw.namespaces !== undefined && raw.namespaces !== null) return { namespaces: selectorOf(raw.namespaces, 'spec.subject.namespaces') };
  if (isRecord(raw.pods)) {
    return { namespaces: selectorOf(raw.pods.namespaceSelector ?? {}, 'spec.subject.pods.namespaceSelector'), pods: selectorOf(raw.pods.podSelector ?? {}, 'spec.subject.pods.podSelector') };
  }
  throw new Invalid('spec.subject: exactly one of namespaces or pods must be set');
}

function actionOf(raw: unknown, where: string, kind: string): ClusterAction {
  if (raw === 'Deny' || raw === 'Pass') {
    if (raw === 'Pass' && kind === 'BaselineAdminNetworkPolicy') throw new Invalid(`${where}.action: Pass is not allowed in a BaselineAdminNetworkPolicy`);
    return raw;
  }
  if (raw === 'Allow' && kind !== 'ClusterNetworkPolicy') return 'Allow';
  if (raw === 'Accept' && kind === 'ClusterNetworkPolicy') return 'Allow';
  throw new Invalid(`${where}.action: unknown action ${JSON.stringify(raw)}`);
}

/**
 * An unknown or empty peer means the CRD is newer than this reader: "fail closed" - an Allow/Accept rule
 * matches no traffic, a Deny/Pass rule matches all (network-policy-api v1alpha2 ClusterNetworkPolicyIngressPeer).
 */
function peerOf(raw: unknown, where: string, action: ClusterAction): Peer {
  const failClosed: Peer = action === 'Allow' ? { kind: 'none' } : { kind: 'any' };
  if (!isRecord(raw)) return failClosed;
  if (raw.namespaces !== undefined && raw.namespaces !== null) return { kind: 'pods', namespaces: selectorOf(raw.namespaces, `${where}.namespaces`), pods: EVERYTHING };
  if (isRecord(raw.pods)) {
    return { kind: 'pods', namespaces: selectorOf(raw.pods.namespaceSelector ?? {}, `${where}.pods.namespaceSelector`), pods: selectorOf(raw.pods.podSelector ?? {}, `${where}.pods.podSelector`) };
  }
  if (raw.nodes !== undefined && raw.nodes !== null) return { kind: 'nodes', nodes: selectorOf(raw.nodes, `${where}.nodes`) };
  if (Array.isArray(raw.networks) && raw.networks.length > 0) {
    // Several CIDRs in one peer: represented as one ipBlock per CIDR by the caller.
    const first = raw.networks[0];
    const c = typeof first === 'string' && first.includes('/') ? parseCidr(first) : null;
    if (!c) throw new Invalid(`${where}.networks[0]: invalid CIDR ${JSON.stringify(first)}`);
    return { kind: 'ipBlock', cidr: c, except: [] };
  }
  if (Array.isArray(raw.domainNames) && raw.domainNames.length > 0) return { kind: 'domainNames', names: raw.domainNames.map(String) };
  return failClosed;
}

function peersOf(raw: unknown, where: string, action: ClusterAction): ClusterPeer[] {
  if (!Array.isArray(raw) || raw.length === 0) throw new Invalid(`${where}: must list at least one peer`);
  const out: ClusterPeer[] = [];
  raw.forEach((p, i) => {
    const path = `${where}[${i}]`;
    if (isRecord(p) && Array.isArray(p.networks) && p.networks.length > 1) {
      p.networks.forEach((n, j) => {
        const c = typeof n === 'string' && n.includes('/') ? parseCidr(n) : null;
        if (!c) throw new Invalid(`${path}.networks[${j}]: invalid CIDR ${JSON.stringify(n)}`);
        out.push({ peer: { kind: 'ipBlock', cidr: c, except: [] }, path });
      });
    } else out.push({ peer: peerOf(p, path, action), path });
  });
  return out;
}

const PROTO: Record<string, Protocol> = { tcp: 'TCP', udp: 'UDP', sctp: 'SCTP' };

function protocolOf(v: unknown): Protocol {
  return v === 'UDP' || v === 'SCTP' ? v : 'TCP';
}

/** v1alpha1 `ports[]`: portNumber | namedPort | portRange. */
function portsV1alpha1(raw: unknown, where: string): PortRules {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw.map((p, i): PortRule => {
    if (!isRecord(p)) throw new Invalid(`${where}[${i}]: must be an object`);
    if (isRecord(p.portNumber) && typeof p.portNumber.port === 'number') return { protocol: protocolOf(p.portNumber.protocol), port: p.portNumber.port };
    if (typeof p.namedPort === 'string') return { port: p.namedPort };
    if (isRecord(p.portRange) && typeof p.portRange.start === 'number' && typeof p.portRange.end === 'number') {
      return { protocol: protocolOf(p.portRange.protocol), port: p.portRange.start, endPort: p.portRange.end };
    }
    throw new Invalid(`${where}[${i}]: one of portNumber, namedPort, portRange is required`);
  });
}

/** v1alpha2 `protocols[]`: tcp|udp|sctp {destinationPort {number | range}} | destinationNamedPort. */
function portsV1alpha2(raw: unknown, where: string): PortRules {
  if (!Array.isArray(raw) || raw.length === 0) return null;
  return raw.map((p, i): PortRule => {
    if (!isRecord(p)) throw new Invalid(`${where}[${i}]: must be an object`);
    if (typeof p.destinationNamedPort === 'string') return { port: p.destinationNamedPort };
    for (const [key, protocol] of Object.entries(PROTO)) {
      const v = p[key];
      if (!isRecord(v)) continue;
      const dp = v.destinationPort;
      if (!isRecord(dp)) return { protocol };
      if (typeof dp.number === 'number' && dp.number > 0) return { protocol, port: dp.number };
      if (isRecord(dp.range) && typeof dp.range.start === 'number' && typeof dp.range.end === 'number') return { protocol, port: dp.range.start, endPort: dp.range.end };
      throw new Invalid(`${where}[${i}].${key}.destinationPort: number or range required`);
    }
    throw new Invalid(`${where}[${i}]: one of tcp, udp, sctp, destinationNamedPort is required`);
  });
}

function rulesOf(raw: unknown, dir: 'ingress' | 'egress', kind: string): ClusterRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Invalid(`spec.${dir}: must be a list`);
  return raw.map((r, i) => {
    const path = `${dir}[${i}]`;
    if (!isRecord(r)) throw new Invalid(`spec.${path}: must be an object`);
    const action = actionOf(r.action, `spec.${path}`, kind);
    const peerKey = dir === 'ingress' ? 'from' : 'to';
    const peers = peersOf(r[peerKey], `${path}.${peerKey}`, action);
    const ports = kind === 'ClusterNetworkPolicy' ? portsV1alpha2(r.protocols, `spec.${path}.protocols`) : portsV1alpha1(r.ports, `spec.${path}.ports`);
    return { path, ...(typeof r.name === 'string' ? { name: r.name } : {}), action, actionText: String(r.action), peers, ports };
  });
}

/** Validates and normalises AdminNetworkPolicy, BaselineAdminNetworkPolicy (v1alpha1) and ClusterNetworkPolicy (v1alpha2). */
export function parseClusterPolicy(o: ManifestObject): Parsed<ClusterPolicy | null> {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  warnings = [];
  try {
    let tier: Tier;
    let priority: number;
    if (o.kind === 'BaselineAdminNetworkPolicy') {
      // BANP is a singleton: the CRD only admits the name "default".
      if (o.metadata.name !== 'default') throw new Invalid('only one BaselineAdminNetworkPolicy, named "default", is allowed');
      tier = 'Baseline';
      priority = 0;
    } else {
      if (o.kind === 'ClusterNetworkPolicy') {
        if (spec.tier !== 'Admin' && spec.tier !== 'Baseline') throw new Invalid(`spec.tier: must be Admin or Baseline, got ${JSON.stringify(spec.tier)}`);
        tier = spec.tier;
      } else tier = 'Admin';
      if (typeof spec.priority !== 'number' || !Number.isInteger(spec.priority) || spec.priority < 0 || spec.priority > 1000) {
        throw new Invalid('spec.priority: an integer 0..1000 is required');
      }
      priority = spec.priority;
    }
    const policy: ClusterPolicy = {
      ref: { kind: o.kind, name: o.metadata.name },
      tier,
      priority,
      subject: subjectOf(spec.subject),
      ingress: rulesOf(spec.ingress, 'ingress', o.kind),
      egress: rulesOf(spec.egress, 'egress', o.kind),
      source: o.source,
    };
    const diagnostics: Diagnostic[] = warnings.map((w) => ({ severity: 'warning', code: 'ignored-field', message: `${o.kind} ${o.metadata.name}: ${w}`, file: o.source.file, line: o.source.line }));
    return { value: policy, diagnostics };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    const d: Diagnostic = { severity: 'error', code: 'invalid-policy', message: `${o.kind} ${o.metadata.name} ignored (the API server would reject it): ${e.message}`, file: o.source.file, line: o.source.line };
    return { value: null, diagnostics: [d] };
  }
}
