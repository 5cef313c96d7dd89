import type { Diagnostic, Parsed } from '../../model/diagnostics';
import type { Protocol } from '../../model/kubernetes';
import type { ManifestObject } from '../../model/manifest';
import type { RuleRef } from '../../model/verdict';
import { parseCidr, type Cidr } from '../model/cidr';
import { entitySelectors, parseCiliumSelector, scopePeerSelector, scopeSubjectSelector, type CiliumSelector } from './selector';
import type { CidrGroup, CiliumPeer, CiliumPeerRule, CiliumPort, CiliumPortRule, CiliumRule, Direction, HttpRule, L7Rules } from './types';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const present = (v: unknown) => v !== undefined && v !== null;

export function isCiliumPolicy(o: ManifestObject): boolean {
  return o.apiVersion.startsWith('cilium.io/') && (o.kind === 'CiliumNetworkPolicy' || o.kind === 'CiliumClusterwideNetworkPolicy');
}

export interface CiliumParseOptions {
  clusterName: string;
}

/** Collects problems of one object; `fail` rejects the whole object (as the Cilium agent would refuse to import it). */
class Context {
  readonly diagnostics: Diagnostic[] = [];
  constructor(
    readonly o: ManifestObject,
    readonly namespace: string | undefined,
    readonly options: CiliumParseOptions,
  ) {}
  private push(severity: Diagnostic['severity'], code: string, message: string) {
    const id = this.namespace ? `${this.o.kind} ${this.namespace}/${this.o.metadata.name}` : `${this.o.kind} ${this.o.metadata.name}`;
    this.diagnostics.push({ severity, code, message: `${id}: ${message}`, file: this.o.source.file, line: this.o.source.line });
  }
  warn(code: string, message: string) {
    this.push('warning', code, message);
  }
  error(code: string, message: string) {
    this.push('error', code, message);
  }
}

class Invalid extends Error {}

function selectorOf(raw: unknown, where: string): CiliumSelector {
  const r = parseCiliumSelector(raw);
  if (!r.ok) throw new Invalid(`${where}: ${r.error}`);
  return r.selector;
}

function cidrOf(raw: unknown, where: string): Cidr {
  const c = typeof raw === 'string' ? parseCidr(raw) : null;
  if (!c) throw new Invalid(`${where}: invalid CIDR ${JSON.stringify(raw)}`);
  return c;
}

function listOf(raw: unknown, where: string): unknown[] {
  if (!Array.isArray(raw)) throw new Invalid(`${where}: must be a list`);
  return raw;
}

const PEER_FIELDS: Record<Direction, { endpoints: string; cidr: string; cidrSet: string; entities: string; nodes: string; requires: string; groups: string }> = {
  ingress: { endpoints: 'fromEndpoints', cidr: 'fromCIDR', cidrSet: 'fromCIDRSet', entities: 'fromEntities', nodes: 'fromNodes', requires: 'fromRequires', groups: 'fromGroups' },
  egress: { endpoints: 'toEndpoints', cidr: 'toCIDR', cidrSet: 'toCIDRSet', entities: 'toEntities', nodes: 'toNodes', requires: 'toRequires', groups: 'toGroups' },
};

function peersOf(ctx: Context, r: Record<string, unknown>, dir: Direction, path: string): CiliumPeer[] | null {
  const f = PEER_FIELDS[dir];
  const peers: CiliumPeer[] = [];
  let anyField = false;
  if (present(r[f.endpoints])) {
    anyField = true;
    listOf(r[f.endpoints], `${path}.${f.endpoints}`).forEach((s, i) => {
      const p = `${path}.${f.endpoints}[${i}]`;
      peers.push({ kind: 'endpoints', path: p, selector: scopePeerSelector(selectorOf(s, p), ctx.namespace) });
    });
  }
  if (present(r[f.entities])) {
    anyField = true;
    listOf(r[f.entities], `${path}.${f.entities}`).forEach((e, i) => {
      const p = `${path}.${f.entities}[${i}]`;
      const selectors = entitySelectors(String(e), ctx.options.clusterName);
      if (!selectors) throw new Invalid(`${p}: unknown entity ${JSON.stringify(e)}`);
      peers.push({ kind: 'entity', path: p, entity: String(e), selectors });
    });
  }
  if (present(r[f.cidr])) {
    anyField = true;
    listOf(r[f.cidr], `${path}.${f.cidr}`).forEach((c, i) => {
      const p = `${path}.${f.cidr}[${i}]`;
      peers.push({ kind: 'cidr', path: p, cidr: cidrOf(c, p), except: [] });
    });
  }
  if (present(r[f.cidrSet])) {
    anyField = true;
    listOf(r[f.cidrSet], `${path}.${f.cidrSet}`).forEach((c, i) => {
      const p = `${path}.${f.cidrSet}[${i}]`;
      if (!isRecord(c)) throw new Invalid(`${p}: must be an object`);
      const except = present(c.except) ? listOf(c.except, `${p}.except`).map((x, j) => cidrOf(x, `${p}.except[${j}]`)) : [];
      if (!present(c.cidr)) {
        if (typeof c.cidrGroupRef === 'string') peers.push({ kind: 'cidrGroup', path: p, name: c.cidrGroupRef, except });
        else if (present(c.cidrGroupSelector)) peers.push({ kind: 'cidrGroup', path: p, selector: selectorOf(c.cidrGroupSelector, `${p}.cidrGroupSelector`), except });
        else throw new Invalid(`${p}: needs cidr, cidrGroupRef or cidrGroupSelector`);
        return;
      }
      peers.push({ kind: 'cidr', path: p, cidr: cidrOf(c.cidr, `${p}.cidr`), except });
    });
  }
  if (present(r[f.nodes])) {
    anyField = true;
    listOf(r[f.nodes], `${path}.${f.nodes}`).forEach((s, i) => {
      const p = `${path}.${f.nodes}[${i}]`;
      peers.push({ kind: 'nodes', path: p, selector: selectorOf(s, p) });
    });
  }
  if (dir === 'egress' && present(r.toServices)) {
    anyField = true;
    listOf(r.toServices, `${path}.toServices`).forEach((s, i) => {
      const p = `${path}.toServices[${i}]`;
      const svc = isRecord(s) && isRecord(s.k8sService) ? s.k8sService : null;
      if (!svc) {
        ctx.warn('unsupported-field', `${p}: only toServices.k8sService is evaluated; this peer matches nothing here`);
        peers.push({ kind: 'none', path: p, why: 'k8sServiceSelector' });
        return;
      }
      peers.push({ kind: 'service', path: p, name: typeof svc.serviceName === 'string' ? svc.serviceName : undefined, namespace: typeof svc.namespace === 'string' ? svc.namespace : ctx.namespace });
    });
  }
  if (dir === 'egress' && present(r.toFQDNs)) {
    anyField = true;
    listOf(r.toFQDNs, `${path}.toFQDNs`).forEach((s, i) => {
      const p = `${path}.toFQDNs[${i}]`;
      if (!isRecord(s)) throw new Invalid(`${p}: must be an object`);
      peers.push({ kind: 'fqdn', path: p, matchName: typeof s.matchName === 'string' ? s.matchName : undefined, matchPattern: typeof s.matchPattern === 'string' ? s.matchPattern : undefined });
    });
  }
  for (const unsupported of [f.requires, f.groups]) {
    if (present(r[unsupported])) {
      anyField = true;
      ctx.warn('unsupported-field', `${path}.${unsupported} is not evaluated; the rule is treated as matching no peer`);
      peers.push({ kind: 'none', path: `${path}.${unsupported}`, why: unsupported });
    }
  }
  if (present(r.icmps)) ctx.warn('unsupported-field', `${path}.icmps: ICMP is not modelled (queries are TCP/UDP/SCTP)`);
  if (present(r.authentication)) ctx.warn('unsupported-field', `${path}.authentication (mutual authentication) is not evaluated`);
  return anyField ? peers : null;
}

function protocolOf(raw: unknown, where: string): Protocol | undefined {
  if (!present(raw) || raw === '') return undefined;
  const p = String(raw).toUpperCase();
  if (p === 'ANY') return undefined;
  if (p === 'TCP' || p === 'UDP' || p === 'SCTP') return p;
  throw new Invalid(`${where}.protocol: unsupported protocol ${JSON.stringify(raw)}`);
}

function portOf(raw: unknown, where: string): CiliumPort {
  if (!isRecord(raw)) throw new Invalid(`${where}: must be an object`);
  const protocol = protocolOf(raw.protocol, where);
  const text = present(raw.port) ? String(raw.port) : '';
  // "If omitted or zero, any port" (PortProtocol.Port, pkg/policy/api/l4.go).
  if (text === '' || text === '0') return { protocol };
  if (/^\d+$/.test(text)) {
    const port = Number(text);
    if (port > 65535) throw new Invalid(`${where}.port: ${text} is not a valid port`);
    const end = raw.endPort;
    if (present(end) && Number(end) !== 0) {
      if (typeof end !== 'number' || end < port || end > 65535) throw new Invalid(`${where}.endPort: must be a port >= port`);
      return { protocol, port, endPort: end };
    }
    return { protocol, port };
  }
  // Named port ("EndPort is ignored if Port is a named port").
  return { protocol, port: text.toLowerCase() };
}

function compileRegex(raw: unknown, where: string): string | undefined {
  if (!present(raw) || raw === '') return undefined;
  const text = String(raw);
  try {
    new RegExp(`^(?:${text})$`);
  } catch {
    throw new Invalid(`${where}: invalid regular expression ${JSON.stringify(text)}`);
  }
  return text;
}

function httpRuleOf(raw: unknown, where: string): HttpRule {
  if (!isRecord(raw)) throw new Invalid(`${where}: must be an object`);
  const headers = (present(raw.headers) ? listOf(raw.headers, `${where}.headers`) : []).map((h) => {
    // pkg/envoy: "X-Key: value" (SplitN on the first blank, trailing ':' trimmed) = exact value; "X-Key" = presence.
    const s = String(h).trim();
    const i = s.indexOf(' ');
    if (i < 0) return { name: s.replace(/:$/, '').toLowerCase() };
    return { name: s.slice(0, i).replace(/:$/, '').toLowerCase(), value: s.slice(i + 1) };
  });
  const headerMatches: HttpRule['headerMatches'] = [];
  for (const [j, m] of (present(raw.headerMatches) ? listOf(raw.headerMatches, `${where}.headerMatches`) : []).entries()) {
    if (!isRecord(m) || typeof m.name !== 'string') throw new Invalid(`${where}.headerMatches[${j}]: needs a name`);
    if (present(m.mismatch)) continue; // LOG/ADD/DELETE/REPLACE: a mismatch never denies
    headerMatches.push({ name: m.name.toLowerCase(), value: typeof m.value === 'string' && m.value !== '' ? m.value : undefined, secret: present(m.secret) });
  }
  return {
    path: where,
    method: compileRegex(raw.method, `${where}.method`),
    pathRegex: compileRegex(raw.path, `${where}.path`),
    host: compileRegex(raw.host, `${where}.host`),
    headers,
    headerMatches,
  };
}

function l7Of(ctx: Context, raw: unknown, where: string): L7Rules | null {
  if (!present(raw)) return null;
  if (!isRecord(raw)) throw new Invalid(`${where}: must be an object`);
  if (present(raw.http)) return { kind: 'http', rules: listOf(raw.http, `${where}.http`).map((h, i) => httpRuleOf(h, `${where}.http[${i}]`)) };
  if (present(raw.dns)) {
    const patterns = listOf(raw.dns, `${where}.dns`).map((d) => (isRecord(d) ? String(d.matchPattern ?? d.matchName ?? '') : ''));
    return { kind: 'dns', patterns };
  }
  if (present(raw.kafka)) return { kind: 'other', what: 'Kafka rules' };
  if (present(raw.l7proto)) return { kind: 'other', what: `L7 parser ${String(raw.l7proto)}` };
  return null;
}

function portRulesOf(ctx: Context, raw: unknown, where: string, deny: boolean): CiliumPortRule[] | null {
  if (!present(raw)) return null;
  return listOf(raw, where).map((pr, i) => {
    const p = `${where}[${i}]`;
    if (!isRecord(pr)) throw new Invalid(`${p}: must be an object`);
    const ports = present(pr.ports) ? listOf(pr.ports, `${p}.ports`).map((x, j) => portOf(x, `${p}.ports[${j}]`)) : [];
    if (deny && (present(pr.rules) || present(pr.serverNames))) throw new Invalid(`${p}: deny rules cannot carry L7 rules`);
    const serverNames = present(pr.serverNames) ? listOf(pr.serverNames, `${p}.serverNames`).map(String) : [];
    if (present(pr.listener)) ctx.warn('unsupported-field', `${p}.listener (CiliumEnvoyConfig) is not evaluated; treated as an L7 rule Eastwest cannot decide`);
    const l7 = present(pr.listener) ? ({ kind: 'other', what: 'Envoy listener' } as const) : l7Of(ctx, pr.rules, `${p}.rules`);
    return { path: p, ports, l7, serverNames };
  });
}

function peerRulesOf(ctx: Context, raw: unknown, dir: Direction, field: string, prefix: string): CiliumPeerRule[] {
  if (!present(raw)) return [];
  return listOf(raw, `${prefix}${field}`).map((r, i) => {
    const path = `${prefix}${field}[${i}]`;
    if (!isRecord(r)) throw new Invalid(`${path}: must be an object`);
    const peers = peersOf(ctx, r, dir, path);
    const ports = portRulesOf(ctx, r.toPorts, `${path}.toPorts`, field.endsWith('Deny'));
    return { path, peers, ports };
  });
}

function ruleOf(ctx: Context, spec: Record<string, unknown>, prefix: string, ref: RuleRef): CiliumRule {
  const hasEp = present(spec.endpointSelector);
  const hasNode = present(spec.nodeSelector);
  if (hasEp === hasNode) throw new Invalid(`${prefix || 'spec.'}endpointSelector/nodeSelector: a rule needs exactly one of them`);
  const subject = hasEp
    ? { kind: 'endpoints' as const, selector: scopeSubjectSelector(selectorOf(spec.endpointSelector, `${prefix}endpointSelector`), ctx.namespace) }
    : { kind: 'nodes' as const, selector: selectorOf(spec.nodeSelector, `${prefix}nodeSelector`) };
  if (hasNode && ctx.namespace !== undefined) throw new Invalid('nodeSelector is only allowed in a CiliumClusterwideNetworkPolicy');
  const ingress = peerRulesOf(ctx, spec.ingress, 'ingress', 'ingress', prefix);
  const ingressDeny = peerRulesOf(ctx, spec.ingressDeny, 'ingress', 'ingressDeny', prefix);
  const egress = peerRulesOf(ctx, spec.egress, 'egress', 'egress', prefix);
  const egressDeny = peerRulesOf(ctx, spec.egressDeny, 'egress', 'egressDeny', prefix);
  // Rule.Sanitize (pkg/policy/api/rule_validation.go): "if there is a peer selector for that direction, the default
  // is deny, else allow"; `enableDefaultDeny.<dir>` overrides it.
  const edd = isRecord(spec.enableDefaultDeny) ? spec.enableDefaultDeny : {};
  const defaultDeny = {
    ingress: typeof edd.ingress === 'boolean' ? edd.ingress : ingress.length + ingressDeny.length > 0,
    egress: typeof edd.egress === 'boolean' ? edd.egress : egress.length + egressDeny.length > 0,
  };
  return { policy: ref, pathPrefix: prefix, namespace: ctx.namespace, subject, ingress, ingressDeny, egress, egressDeny, defaultDeny, source: ctx.o.source };
}

/** Validates one CNP/CCNP into its rules; an invalid object is dropped whole with an error diagnostic. */
export function parseCiliumPolicy(o: ManifestObject, options: CiliumParseOptions): Parsed<CiliumRule[]> {
  const clusterwide = o.kind === 'CiliumClusterwideNetworkPolicy';
  const namespace = clusterwide ? undefined : (o.metadata.namespace ?? 'default');
  const ctx = new Context(o, namespace, options);
  const ref: RuleRef = clusterwide ? { kind: o.kind, name: o.metadata.name } : { kind: o.kind, namespace, name: o.metadata.name };
  try {
    const rules: CiliumRule[] = [];
    if (isRecord(o.body.spec)) {
      // `specs` belongs next to `spec`, not inside it: the CRD schema has no `spec.specs` (the API server drops or
      // refuses it), so such a `spec` is left without a selector and the object is rejected.
      if (present(o.body.spec.specs)) throw new Invalid('spec.specs is not a field of a rule: `specs` must be a top-level field next to `spec`');
      rules.push(ruleOf(ctx, o.body.spec, '', ref));
    }
    if (present(o.body.specs)) {
      listOf(o.body.specs, 'specs').forEach((s, i) => {
        if (!isRecord(s)) throw new Invalid(`specs[${i}]: must be an object`);
        rules.push(ruleOf(ctx, s, `specs[${i}].`, ref));
      });
    }
    if (rules.length === 0) throw new Invalid('has neither spec nor specs');
    return { value: rules, diagnostics: ctx.diagnostics };
  } catch (e) {
    if (!(e instanceof Invalid)) throw e;
    ctx.error('invalid-policy', `ignored (Cilium would reject it): ${e.message}`);
    return { value: [], diagnostics: ctx.diagnostics };
  }
}

export function isCidrGroup(o: ManifestObject): boolean {
  return o.apiVersion.startsWith('cilium.io/') && o.kind === 'CiliumCIDRGroup';
}

/** Reads a CiliumCIDRGroup; invalid CIDRs are reported and skipped. */
export function parseCidrGroup(o: ManifestObject): Parsed<CidrGroup> {
  const spec = isRecord(o.body.spec) ? o.body.spec : {};
  const diagnostics: Diagnostic[] = [];
  const cidrs: Cidr[] = [];
  for (const [i, raw] of (Array.isArray(spec.externalCIDRs) ? spec.externalCIDRs : []).entries()) {
    const c = typeof raw === 'string' ? parseCidr(raw) : null;
    if (c) cidrs.push(c);
    else diagnostics.push({ severity: 'error', code: 'invalid-cidr', message: `CiliumCIDRGroup ${o.metadata.name}: spec.externalCIDRs[${i}]: invalid CIDR ${JSON.stringify(raw)}`, file: o.source.file, line: o.source.line });
  }
  return { value: { name: o.metadata.name, labels: o.metadata.labels, cidrs }, diagnostics };
}
