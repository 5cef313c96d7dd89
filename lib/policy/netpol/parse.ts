import type { Diagnostic, Parsed } from '../../model/diagnostics';
import type { Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import { parseCidr, type Cidr } from '../model/cidr';
import type { PortRule, PortRules } from '../model/ports';
import { parseSelector } from '../model/selector';
import type { Peer } from '../model/peer';
import type { Netpol, NetpolPeer, NetpolRule } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Invalid extends Error {}

function protocolOf(v: unknown, where: string): Protocol {
  if (v === undefined || v === null) return 'TCP'; // API default
  if (v === 'TCP' || v === 'UDP' || v === 'SCTP') return v;
  throw new Invalid(`${where}.protocol: unsupported protocol ${JSON.stringify(v)}`);
}

/** Warnings of the policy being parsed (module-level because parsing is synchronous and not re-entrant). */
let warnings: string[] = [];

function selectorOf(raw: unknown, where: string) {
  const r = parseSelector(raw);
  if (!r.ok) throw new Invalid(`${where}: ${r.error}`);
  if (r.ignored) warnings.push(`${where}: ignored unknown field(s) ${r.ignored.join(', ')}; the selector is ${r.selector.matchExpressions.length + Object.keys(r.selector.matchLabels).length === 0 ? 'empty and matches everything' : 'read without them'}`);
  return r.selector;
}

function cidrOf(raw: unknown, where: string): Cidr {
  // The API server requires a prefix length ("10.0.0.1" alone is rejected).
  const c = typeof raw === 'string' && raw.includes('/') ? parseCidr(raw) : null;
  if (!c) throw new Invalid(`${where}: invalid CIDR ${JSON.stringify(raw)}`);
  return c;
}

function portsOf(raw: unknown, where: string): PortRules {
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw)) throw new Invalid(`${where}: must be a list`);
  // "If this field is empty or missing, this rule matches all ports" (NetworkPolicyIngressRule.ports).
  if (raw.length === 0) return null;
  return raw.map((p, i): PortRule => {
    const w = `${where}[${i}]`;
    if (!isRecord(p)) throw new Invalid(`${w}: must be an object`);
    const protocol = protocolOf(p.protocol, w);
    const port = p.port;
    if (port === undefined || port === null) {
      if (p.endPort !== undefined && p.endPort !== null) throw new Invalid(`${w}.endPort: requires a numeric port`);
      return { protocol };
    }
    if (typeof port === 'number') {
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Invalid(`${w}.port: ${port} is not a valid port`);
      if (p.endPort !== undefined && p.endPort !== null) {
        const end = p.endPort;
        if (typeof end !== 'number' || !Number.isInteger(end) || end < port || end > 65535) throw new Invalid(`${w}.endPort: must be a port >= port`);
        return { protocol, port, endPort: end };
      }
      return { protocol, port };
    }
    if (typeof port === 'string') {
      if (/^\d+$/.test(port)) return { protocol, port: Number(port) }; // IntOrString given as a quoted number
      if (p.endPort !== undefined && p.endPort !== null) throw new Invalid(`${w}.endPort: cannot be used with a named port`);
      return { protocol, port };
    }
    throw new Invalid(`${w}.port: must be a number or a name`);
  });
}

function peerOf(raw: unknown, where: string, namespace: string): Peer {
  if (!isRecord(raw)) throw new Invalid(`${where}: must be an object`);
  const hasPod = raw.podSelector !== undefined && raw.podSelector !== null;
  const hasNs = raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  const hasIp = raw.ipBlock !== undefined && raw.ipBlock !== null;
  if (hasIp) {
    if (hasPod || hasNs) throw new Invalid(`${where}: ipBlock cannot be combined with podSelector or namespaceSelector`);
    const b = raw.ipBlock;
    if (!isRecord(b)) throw new Invalid(`${where}.ipBlock: must be an object`);
    const cidr = cidrOf(b.cidr, `${where}.ipBlock.cidr`);
    const except = (Array.isArray(b.except) ? b.except : []).map((x, i) => cidrOf(x, `${where}.ipBlock.except[${i}]`));
    return { kind: 'ipBlock', cidr, except };
  }
  if (!hasPod && !hasNs) throw new Invalid(`${where}: a peer needs podSelector, namespaceSelector or ipBlock`);
  const pods = selectorOf(raw.podSelector, `${where}.podSelector`);
  // podSelector alone = pods in the policy's namespace; namespaceSelector (with or without podSelector) =
  // pods in the selected namespaces; both in ONE peer are ANDed.
  // https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors
  if (!hasNs) return { kind: 'pods', sameNamespace: namespace, pods };
  return { kind: 'pods', namespaces: selectorOf(raw.namespaceSelector, `${where}.namespaceSelector`), pods };
}

function rulesOf(raw: unknown, dir: 'ingress' | 'egress', namespace: string): NetpolRule[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new Invalid(`spec.${dir}: must be a list`);
  const peerKey = dir === 'ingress' ? 'from' : 'to';
  return raw.map((r, i) => {
    const path = `${dir}[${i}]`;
    if (!isRecord(r)) throw new Invalid(`spec.${path}: must be an object`);
    const peersRaw = r[peerKey];
    if (peersRaw !== undefined && peersRaw !== null && !Array.isArray(peersRaw)) throw new Invalid(`spec.${path}.${peerKey}: must be a list`);
    // "If this field is empty or missing, this rule matches all sources/destinations."
    const peers: NetpolPeer[] | null =
      Array.isArray(peersRaw) && peersRaw.length > 0 ? peersRaw.map((p, j) => ({ peer: peerOf(p, `spec.${path}.${peerKey}[${j}]`, namespace), path: `${path}.${peerKey}[${j}]` })) : null;
    return { path, peers, ports: portsOf(r.ports, `spec.${path}.ports`) };
  });
}

/** Validates and normalises one NetworkPolicy; an invalid one is rejected (as the API server would) with a diagnostic. */
export function parseNetworkPolicy(o: ManifestObject): Parsed<Netpol | null> {
  const diagnostics: Diagnostic[] = [];
  const namespace = o.metadata.namespace ?? 'default';
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  warnings = [];
  try {
    const podSelector = selectorOf(spec.podSelector ?? {}, 'spec.podSelector');
    let types: string[];
    if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) {
      types = spec.policyTypes.map(String);
      for (const t of types) if (t !== 'Ingress' && t !== 'Egress') throw new Invalid(`spec.policyTypes: unknown type ${JSON.stringify(t)}`);
    } else {
      // Defaulting: Ingress always; Egress only when the policy has egress rules
      // (k8s pkg/apis/networking/v1/defaults.go SetDefaults_NetworkPolicySpec: `len(obj.Egress) != 0`).
      types = ['Ingress', ...(Array.isArray(spec.egress) && spec.egress.length > 0 ? ['Egress'] : [])];
    }
    const ingress = types.includes('Ingress') ? rulesOf(spec.ingress, 'ingress', namespace) : null;
    const egress = types.includes('Egress') ? rulesOf(spec.egress, 'egress', namespace) : null;
    for (const w of warnings) diagnostics.push({ severity: 'warning', code: 'ignored-field', message: `NetworkPolicy ${namespace}/${o.metadata.name}: ${w}`, file: o.source.file, line: o.source.line });
    return { value: { ref: { kind: 'NetworkPolicy', namespace, name: o.metadata.name }, namespace, podSelector, ingress, egress, source: o.source }, diagnostics };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    diagnostics.push({
      severity: 'error',
      code: 'invalid-policy',
      message: `NetworkPolicy ${namespace}/${o.metadata.name} ignored (the API server would reject it): ${e.message}`,
      file: o.source.file,
      line: o.source.line,
    });
    return { value: null, diagnostics };
  }
}

export function isNetworkPolicy(o: ManifestObject): boolean {
  return o.kind === 'NetworkPolicy' && o.apiVersion.startsWith('networking.k8s.io/');
}
