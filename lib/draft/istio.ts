import type { DraftContext } from './context';
import { checkMeshed, checkSharedServiceAccount } from './mesh-check';
import { grantedEdgesText, provenanceLine, shortName } from './context';
import { cmp, RuleGrouper } from './group-rules';
import { MANAGED_BY, type GeneratorInput } from './networkpolicy';
import { toIstioPath } from './path-template';
import type { DraftDocument, DraftObject, Grant } from './types';

type Source = Record<string, string[]>;
type IstioOperation = { ports: string[]; methods?: string[]; paths?: string[] };

function authz(name: string, ns: string, spec: Record<string, unknown>): DraftObject {
  return { apiVersion: 'security.istio.io/v1', kind: 'AuthorizationPolicy', metadata: { name, namespace: ns, labels: MANAGED_BY }, spec };
}

/**
 * The operations of one grant: the port alone when only L4 was seen, else one operation per group of paths
 * that share the same method set (`GET,POST` on `/a` and `/b` → one operation), so methods and paths are
 * never cross-multiplied beyond what was observed.
 */
function operationsOf(g: Grant): IstioOperation[] {
  const port = [String(g.port)];
  if (!g.operations) return [{ ports: port }];
  const methodsByPath = new Map<string, Set<string>>();
  for (const op of g.operations) {
    const path = op.pathTemplate !== undefined ? toIstioPath(op.pathTemplate) : '';
    const set = methodsByPath.get(path) ?? new Set<string>();
    set.add(op.method ?? '');
    methodsByPath.set(path, set);
  }
  const pathsByMethods = new Map<string, string[]>();
  for (const [path, methods] of methodsByPath) {
    // A path seen without a method grants every method on it.
    const key = methods.has('') ? '' : [...methods].sort(cmp).join(',');
    pathsByMethods.set(key, [...(pathsByMethods.get(key) ?? []), path]);
  }
  return [...pathsByMethods.entries()]
    .sort(([a], [b]) => cmp(a, b))
    .map(([methods, paths]) => {
      const sortedPaths = paths.filter((p) => p !== '').sort(cmp);
      const anyPath = paths.includes('');
      return {
        ports: port,
        ...(methods !== '' ? { methods: methods.split(',') } : {}),
        ...(!anyPath && sortedPaths.length > 0 ? { paths: sortedPaths } : {}),
      };
    });
}

/**
 * Istio AuthorizationPolicies: per namespace an allow-nothing baseline (`spec: {}`: an ALLOW policy without
 * rules matches nothing, so every request to the namespace's workloads is denied unless another ALLOW matches);
 * per workload an ALLOW policy with its callers' principals (`<trust-domain>/ns/<ns>/sa/<sa>`) and, where L7
 * was observed, the methods and paths. Istio authorizes inbound requests only, so there is no egress side.
 * https://istio.io/latest/docs/reference/config/security/authorization-policy/
 */
export function draftIstio(ctx: DraftContext, input: GeneratorInput): DraftDocument[] {
  const docs: DraftDocument[] = [];
  for (const ns of input.namespaces)
    docs.push({
      family: 'istio',
      object: authz('eastwest-allow-nothing', ns, {}),
      comment: [`Baseline: allow nothing in ${ns}; only the eastwest-* ALLOW policies below grant requests.`],
      notes: [],
    });
  const perWorkload = input.namespaces.length === 0;
  for (const subject of input.subjects) {
    const self = ctx.peer(subject);
    if (!self || self.kind !== 'workload') continue;
    const grouper = new RuleGrouper<Source, IstioOperation>();
    const incoming = input.grants.filter((x) => x.destination === subject);
    if (incoming.length > 0) checkMeshed(ctx, 'istio', subject, 'destination');
    for (const g of incoming) {
      if (g.protocol !== 'TCP') {
        ctx.diagnostics.push({ severity: 'info', code: 'istio-non-tcp', message: `${provenanceLine(g)}: Istio sidecars authorize TCP only; not part of the Istio draft` });
        continue;
      }
      const caller = ctx.peer(g.source);
      if (!caller) continue;
      let source: Source;
      if (caller.kind === 'workload') {
        checkMeshed(ctx, 'istio', caller.name, 'caller');
        checkSharedServiceAccount(ctx, caller.name, caller.namespace, caller.serviceAccount);
        source = { principals: [`${ctx.options.trustDomain}/ns/${caller.namespace}/sa/${caller.serviceAccount}`] };
      }
      else if (caller.kind === 'addresses' && caller.entity !== 'node') source = { ipBlocks: caller.cidrs };
      else {
        // Kubelet probes are rewritten by the injector to the sidecar's own port and never reach authorization;
        // "world" has no identity a policy could name.
        ctx.diagnostics.push({ severity: 'info', code: 'istio-peer-skipped', message: `${provenanceLine(g)}: ${caller.name} has no mesh identity or address to authorize; not part of the Istio draft` });
        continue;
      }
      for (const op of operationsOf(g)) grouper.add(caller.name, [source], JSON.stringify(op), op, g);
    }
    const merged = grouper.rules();
    if (merged.length === 0 && !perWorkload) continue;
    const rules = merged.map((r) => ({ from: mergeSources(r.peers).map((source) => ({ source })), to: r.targets.map((operation) => ({ operation })) }));
    docs.push({
      family: 'istio',
      object: authz(`eastwest-${shortName(subject)}-ingress`, self.namespace, { action: 'ALLOW', selector: { matchLabels: self.labels }, ...(rules.length > 0 ? { rules } : {}) }),
      comment: [`Requests to ${subject}: ${grantedEdgesText(merged.reduce((n, r) => n + r.grants.length, 0))}${rules.length === 0 ? ' (none observed: allow nothing)' : ''}.`],
      notes: merged.map((r, i) => ({ path: ['spec', 'rules', i], comment: r.grants.map(provenanceLine) })),
    });
  }
  return docs;
}

/** One `source` with all principals and one with all ipBlocks (fields inside a source are ANDed, sources are ORed). */
function mergeSources(sources: Source[]): Source[] {
  const principals = [...new Set(sources.flatMap((s) => s.principals ?? []))].sort(cmp);
  const ipBlocks = [...new Set(sources.flatMap((s) => s.ipBlocks ?? []))].sort(cmp);
  return [...(principals.length > 0 ? [{ principals }] : []), ...(ipBlocks.length > 0 ? [{ ipBlocks }] : [])];
}
