import type { EngineOptions } from '../../model/manifest';
import type { Inventory, Namespace, Pod } from '../../model/kubernetes';
import type { Basis, Connection, LayerDecision, Outcome, RuleRef } from '../../model/verdict';
import { formatRuleRef } from '../../model/verdict';
import { describeEndpoint, endpointIp } from '../mesh/endpoints';
import { meshMembership } from '../mesh/membership';
import { istioPrincipal } from '../mesh/principal';
import { selectIstioPortProtocol } from '../mesh/protocol';
import { type Tri, UNKNOWN } from '../mesh/tri';
import { inboundBypass } from './inbound-capture';
import type { IstioAuthorizationPolicy, IstioPeerAuthentication, IstioRule } from './model';
import { type EffectiveMtls, effectiveMtls, isIstioGateway, policyAppliesTo } from './policy-scope';
import { describeRequest, toKnownRequest } from '../mesh/request';
import { describeUnknownChecks, evaluateRule, type IstioMatchContext, isWildcardSource } from './rule-match';

export interface IstioData {
  inventory: Inventory;
  options: EngineOptions;
  namespaces: Map<string, Namespace>;
  policies: IstioAuthorizationPolicy[];
  peerAuthentications: IstioPeerAuthentication[];
}

interface RuleResult {
  policy: IstioAuthorizationPolicy;
  rule: IstioRule | null;
  result: Tri;
}

export const ruleRef = (policy: IstioAuthorizationPolicy, rule: IstioRule | null): RuleRef =>
  rule === null ? policy.ref : { ...policy.ref, path: `rules[${rule.index}]`, ...(isWildcardSource(rule) ? { wildcard: true } : {}) };

const refs = (rs: RuleResult[]) => rs.map((r) => ruleRef(r.policy, r.rule));
const names = (ps: IstioAuthorizationPolicy[]) => [...new Set(ps.map((p) => formatRuleRef(p.ref)))].join(', ');

const applicableCache = new WeakMap<IstioData, WeakMap<Pod, IstioAuthorizationPolicy[]>>();

/** Policies attached to a pod's sidecar, computed once per pod (matrices ask about the same pods many times). */
export function applicablePolicies(data: IstioData, pod: Pod): IstioAuthorizationPolicy[] {
  let byPod = applicableCache.get(data);
  if (!byPod) applicableCache.set(data, (byPod = new WeakMap()));
  let out = byPod.get(pod);
  if (!out) byPod.set(pod, (out = data.policies.filter((p) => policyAppliesTo(p, pod, data.options.istioRootNamespace))));
  return out;
}

/** Evaluates every rule of the policies; a policy without rules contributes one never-matching entry. */
function evaluatePolicies(policies: IstioAuthorizationPolicy[], ctx: IstioMatchContext): RuleResult[] {
  return policies.flatMap((policy): RuleResult[] => {
    const c = { ...ctx, policyNamespace: policy.namespace };
    return policy.rules.length === 0 ? [{ policy, rule: null, result: false }] : policy.rules.map((rule) => ({ policy, rule, result: evaluateRule(rule, c, policy.action) }));
  });
}

/** gRPC requests are always POST (Operation.methods: "For gRPC service, this will always be POST"). */
function withGrpcMethod(req: ReturnType<typeof toKnownRequest>, grpc: boolean) {
  return req && grpc && req.method === undefined ? { ...req, method: 'POST' } : req;
}

function decision(outcome: Outcome, basis: Basis, rules: RuleRef[], reason: string, extra: Partial<LayerDecision> & { isolated: boolean }): LayerDecision {
  const { isolated, ...rest } = extra;
  return {
    layer: 'istio',
    outcome,
    basis,
    rules,
    directions: [{ direction: 'ingress', isolated, outcome, basis, rules, reason }],
    reason,
    ...rest,
  };
}

export function decideIstio(data: IstioData, connection: Connection): LayerDecision {
  const dst = connection.destination;
  if (dst.kind !== 'pod') return decision('allowed', 'default', [], `allowed: ${dst.ip} is not a pod of the mesh`, { isolated: false });
  const pod = dst.pod;
  const dstMember = meshMembership('istio', pod, data.namespaces.get(pod.namespace));
  if (!dstMember.meshed) return decision('allowed', 'default', [], `allowed: ${dstMember.why}, outside the Istio mesh; its policies are not enforced`, { isolated: false });
  const bypass = inboundBypass(pod, connection.port);
  if (bypass) return decision('allowed', 'default', [], `allowed: ${bypass}; PeerAuthentication and AuthorizationPolicy do not apply to it`, { isolated: false });

  const gateway = isIstioGateway(pod);
  const mtls: EffectiveMtls = gateway ? { mode: 'PERMISSIVE', portLevel: false } : effectiveMtls(data.peerAuthentications, pod, connection.port, data.options.istioRootNamespace);
  const mtlsRule: RuleRef[] = mtls.decidedBy ? [mtls.decidedBy.ref] : [];
  const mtlsWhere = mtls.decidedBy ? `${formatRuleRef(mtls.decidedBy.ref)}${mtls.portLevel ? ` (port ${connection.port})` : ''}` : 'the default';
  const src = connection.source;
  const srcMember = src.kind === 'pod' ? meshMembership('istio', src.pod, data.namespaces.get(src.pod.namespace)) : { meshed: false, why: `${src.ip} is not a pod of the cluster` };
  const applicable = applicablePolicies(data, pod);
  const enforced = applicable.filter((p) => !p.dryRun);
  const isolated = enforced.some((p) => p.action === 'ALLOW');

  // PeerAuthentication decides whether the caller presents a principal at all.
  let principal: string | null = null;
  let identity: string;
  if (!srcMember.meshed) {
    identity = `${srcMember.why}: outside the mesh, it connects in plaintext and has no principal`;
    if (mtls.mode === 'STRICT')
      return decision('denied', 'deny-rule', mtlsRule, `denied: ${identity}, and ${mtlsWhere} requires mTLS (STRICT) on port ${connection.port}, so the connection is refused`, {
        isolated: true,
      });
  } else if (mtls.mode === 'DISABLE') {
    identity = `${mtlsWhere} disables mTLS: the caller connects in plaintext and presents no principal`;
  } else if (src.kind === 'pod') {
    principal = istioPrincipal(data.options.trustDomain, src.pod.namespace, src.pod.serviceAccount);
    identity = `caller principal ${principal} (mTLS)`;
  } else identity = 'no principal';

  const selection = selectIstioPortProtocol(data.inventory, pod, connection.port);
  const tcp = selection.protocol === 'tcp' || (selection.protocol === 'auto' && !connection.request);
  const requestText = describeRequest(connection, tcp);
  const protocolNote =
    tcp && connection.request
      ? `; port ${connection.port} is TCP for Istio (${selection.declaredBy ?? 'not declared'}), so the request's HTTP fields are not visible to the sidecar`
      : selection.protocol === 'auto' && !connection.request
        ? `; port ${connection.port} declares no protocol, so this is the answer for an opaque TCP connection (Istio sniffs HTTP: ask with a method/path for an HTTP request)`
        : '';
  const srcIp = endpointIp(connection.source, dst);
  const dstIp = endpointIp(dst, connection.source);
  const ctx: IstioMatchContext = {
    tcp,
    principal,
    ...(srcIp ? { sourceIp: srcIp } : {}),
    ...(dstIp ? { destinationIp: dstIp } : {}),
    port: connection.port,
    policyNamespace: pod.namespace,
    trustDomain: data.options.trustDomain,
    request: tcp ? null : withGrpcMethod(toKnownRequest(connection), selection.grpc === true),
  };

  const byAction = (action: IstioAuthorizationPolicy['action']) => evaluatePolicies(enforced.filter((p) => p.action === action), ctx);
  const custom = byAction('CUSTOM').filter((r) => r.result !== false);
  const deny = byAction('DENY');
  const allowPolicies = enforced.filter((p) => p.action === 'ALLOW');
  const allow = byAction('ALLOW');
  const reported = [
    ...refs(byAction('AUDIT').filter((r) => r.result !== false)),
    ...applicable
      .filter((p) => p.dryRun)
      .flatMap((p) => {
        const results = evaluatePolicies([p], ctx).filter((r) => r.result !== false);
        return results.length ? refs(results) : p.action === 'ALLOW' ? [p.ref] : [];
      }),
  ];
  const extra = { isolated, ...(reported.length ? { reported } : {}) };
  const conditionOf = (kind: string, r: RuleResult) => `${kind} ${formatRuleRef(ruleRef(r.policy, r.rule))} if the request has ${describeUnknownChecks(r.rule as IstioRule, { ...ctx, policyNamespace: r.policy.namespace })}`;

  const denyHit = deny.filter((r) => r.result === true);
  if (denyHit.length) return decision('denied', 'deny-rule', refs(denyHit), `denied by DENY rule ${refs(denyHit).map(formatRuleRef).join(', ')} for ${requestText} (${identity})${protocolNote}`, extra);

  const allowHit = allow.filter((r) => r.result === true);
  const allowMaybe = allow.filter((r) => r.result === UNKNOWN);
  if (allowPolicies.length && !allowHit.length && !allowMaybe.length)
    return decision(
      'denied',
      'no-match',
      allowPolicies.map((p) => p.ref),
      allowPolicies.some((p) => p.rules.length > 0)
        ? `denied, no ALLOW rule of ${names(allowPolicies.filter((p) => p.rules.length > 0))} matches ${requestText} (${identity})${protocolNote}`
        : `denied: ${names(allowPolicies)} allows nothing (ALLOW policy without rules)`,
      extra,
    );

  const denyMaybe = deny.filter((r) => r.result === UNKNOWN);
  const allowSure = !allowPolicies.length || allowHit.length > 0;
  if (allowSure && !denyMaybe.length && !custom.length) {
    if (allowHit.length) return decision('allowed', 'explicit', refs(allowHit), `allowed by ${refs(allowHit).map(formatRuleRef).join(', ')} (${identity})${protocolNote}`, extra);
    const denyNote = deny.length ? `; DENY policies ${names(deny.map((r) => r.policy))} do not match` : '';
    return decision('allowed', 'default', [], `allowed: no ALLOW policy applies to ${describeEndpoint(dst)}${denyNote} (${identity})`, extra);
  }

  const conditions = [...(allowSure ? [] : allowMaybe.map((r) => conditionOf('allowed by', r))), ...denyMaybe.map((r) => conditionOf('denied by', r))];
  if (!conditions.length) {
    const delegated = custom.map((r) => `${formatRuleRef(ruleRef(r.policy, r.rule))} delegates to the external authorizer "${r.policy.provider ?? '(no provider)'}"`);
    return decision('conditional', 'delegated', refs(custom), `conditional: CUSTOM ${delegated.join(', ')}`, { ...extra, conditions: delegated });
  }
  const all = [...conditions, ...custom.map((r) => `CUSTOM ${formatRuleRef(ruleRef(r.policy, r.rule))} delegates to "${r.policy.provider ?? '(no provider)'}"`)];
  const basis: Basis = allowSure ? 'deny-rule' : 'explicit';
  const rules = allowSure ? refs(denyMaybe) : refs(allowMaybe);
  return decision('conditional', basis, rules, `conditional: the answer for ${requestText} depends on what the query does not say: ${all.join('; ')} (${identity})`, { ...extra, conditions: all });
}

/** Whether Istio takes part: the destination has a sidecar and some AuthorizationPolicy or a STRICT PeerAuthentication applies. */
export function istioEnforces(data: IstioData, connection: Connection): boolean {
  const dst = connection.destination;
  // Sidecars intercept TCP only; UDP/SCTP bypass the proxy.
  if (dst.kind !== 'pod' || connection.protocol !== 'TCP') return false;
  if (!meshMembership('istio', dst.pod, data.namespaces.get(dst.pod.namespace)).meshed) return false;
  if (inboundBypass(dst.pod, connection.port)) return false;
  if (applicablePolicies(data, dst.pod).length > 0) return true;
  return !isIstioGateway(dst.pod) && effectiveMtls(data.peerAuthentications, dst.pod, connection.port, data.options.istioRootNamespace).mode === 'STRICT';
}
