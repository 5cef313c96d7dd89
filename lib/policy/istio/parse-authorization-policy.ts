import type { Diagnostic } from '../../model/diagnostics';
import type { ManifestObject } from '../../model/manifest';
import { asArray, asRecord, asString, asStringList, asStringMap, isRecord } from '../mesh/json';
import { parseAddressOrCidr } from '../mesh/cidr';
import type { AttributeCheck, AuthorizationAction, IstioAuthorizationPolicy, IstioRule, PolicyScope } from './model';

/** Source fields -> Istio attribute (pilot/pkg/security/authz/model/model.go). */
const SOURCE_FIELDS: [string, string, string][] = [
  ['principals', 'notPrincipals', 'source.principal'],
  ['requestPrincipals', 'notRequestPrincipals', 'request.auth.principal'],
  ['namespaces', 'notNamespaces', 'source.namespace'],
  ['serviceAccounts', 'notServiceAccounts', 'source.serviceAccount'],
  ['trustDomains', 'notTrustDomains', 'source.trustDomain'],
  ['ipBlocks', 'notIpBlocks', 'source.ip'],
  ['remoteIpBlocks', 'notRemoteIpBlocks', 'remote.ip'],
];

const OPERATION_FIELDS: [string, string, string][] = [
  ['hosts', 'notHosts', 'request.host'],
  ['ports', 'notPorts', 'destination.port'],
  ['methods', 'notMethods', 'request.method'],
  ['paths', 'notPaths', 'request.path'],
];

/** `when` keys Istio accepts (https://istio.io/latest/docs/reference/config/security/conditions/). */
const WHEN_KEYS = new Set([
  'source.ip',
  'remote.ip',
  'source.namespace',
  'source.serviceAccount',
  'source.trustDomain',
  'source.principal',
  'request.auth.principal',
  'request.auth.audiences',
  'request.auth.presenter',
  'destination.ip',
  'destination.port',
  'connection.sni',
]);

const HTTP_ONLY_PREFIXES = ['request.'];

export const isHttpOnlyKey = (key: string) => HTTP_ONLY_PREFIXES.some((p) => key.startsWith(p));

function isKnownWhenKey(key: string): boolean {
  if (WHEN_KEYS.has(key)) return true;
  if (/^request\.headers\[[^\]]+\]$/.test(key)) return true;
  if (/^request\.auth\.claims(\[[^\]]+\])+$/.test(key)) return true;
  return key.startsWith('experimental.envoy.filters.');
}

function invalidValues(key: string, values: string[]): string[] {
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') return values.filter((v) => parseAddressOrCidr(v) === null);
  if (key === 'destination.port') return values.filter((v) => !/^\d+$/.test(v) || Number(v) > 65535);
  return [];
}

function check(key: string, field: string, values: string[], notValues: string[]): AttributeCheck | null {
  if (values.length === 0 && notValues.length === 0) return null;
  return { key, field, values, notValues, httpOnly: isHttpOnlyKey(key), invalid: invalidValues(key, [...values, ...notValues]) };
}

function fieldChecks(obj: Record<string, unknown>, fields: [string, string, string][], at: string): AttributeCheck[] {
  return fields.flatMap(([pos, neg, key]) => {
    const c = check(key, `${at}.${asStringList(obj[pos]).length ? pos : neg}`, asStringList(obj[pos]), asStringList(obj[neg]));
    return c ? [c] : [];
  });
}

function parseRule(raw: unknown, index: number): IstioRule {
  const r = asRecord(raw);
  const from = Array.isArray(r.from) && r.from.length > 0 ? r.from.map((f, i) => fieldChecks(asRecord(asRecord(f).source), SOURCE_FIELDS, `rules[${index}].from[${i}].source`)) : null;
  const to = Array.isArray(r.to) && r.to.length > 0 ? r.to.map((t, i) => fieldChecks(asRecord(asRecord(t).operation), OPERATION_FIELDS, `rules[${index}].to[${i}].operation`)) : null;
  const when: AttributeCheck[] = [];
  let unknownKey: string | undefined;
  asArray(r.when).forEach((w, i) => {
    const c = asRecord(w);
    const key = asString(c.key) ?? '';
    if (!isKnownWhenKey(key)) unknownKey ??= key;
    const built = check(key, `rules[${index}].when[${i}]`, asStringList(c.values), asStringList(c.notValues));
    if (built) when.push(built);
  });
  return { index, from, to, when, ...(unknownKey !== undefined ? { unknownKey } : {}) };
}

function parseScope(spec: Record<string, unknown>, where: string, diagnostics: Diagnostic[], obj: ManifestObject): PolicyScope {
  const refs = [...asArray(spec.targetRefs), ...(isRecord(spec.targetRef) ? [spec.targetRef] : [])].map(asRecord);
  if (refs.length > 0) {
    const gateways: string[] = [];
    const others: string[] = [];
    for (const t of refs) {
      const kind = asString(t.kind) ?? '';
      const group = asString(t.group) ?? '';
      if (kind === 'Gateway' && group === 'gateway.networking.k8s.io') gateways.push(asString(t.name) ?? '');
      else others.push(`${kind}/${asString(t.name) ?? ''}`);
    }
    if (others.length)
      diagnostics.push({
        severity: 'info',
        code: 'istio-waypoint-policy',
        message: `${where}: targetRefs ${others.join(', ')} attach to waypoint proxies, which Eastwest does not model; the policy is not applied to sidecars`,
        file: obj.source.file,
        line: obj.source.line,
      });
    return { kind: 'targetRefs', gateways, others };
  }
  if (isRecord(spec.selector)) {
    const matchLabels = asStringMap(spec.selector.matchLabels);
    if (Object.keys(matchLabels).length > 0) return { kind: 'selector', matchLabels };
  }
  return { kind: 'namespace' };
}

const ACTIONS = new Set<AuthorizationAction>(['ALLOW', 'DENY', 'AUDIT', 'CUSTOM']);

export function parseAuthorizationPolicy(obj: ManifestObject, order: number, diagnostics: Diagnostic[]): IstioAuthorizationPolicy | null {
  const namespace = obj.metadata.namespace ?? 'default';
  const where = `AuthorizationPolicy/${namespace}/${obj.metadata.name}`;
  const spec = asRecord(obj.body.spec);
  const rawAction = asString(spec.action) ?? 'ALLOW';
  if (!ACTIONS.has(rawAction as AuthorizationAction)) {
    diagnostics.push({ severity: 'error', code: 'istio-invalid-action', message: `${where}: unknown action ${rawAction}; policy ignored`, file: obj.source.file, line: obj.source.line });
    return null;
  }
  const action = rawAction as AuthorizationAction;
  const rules = asArray(spec.rules).map(parseRule);
  for (const r of rules) {
    if (r.unknownKey !== undefined)
      diagnostics.push({
        severity: 'warning',
        code: 'istio-unknown-condition',
        message: `${where}#rules[${r.index}]: unknown condition key "${r.unknownKey}"; Istio skips this rule`,
        file: obj.source.file,
        line: obj.source.line,
      });
  }
  const provider = asString(asRecord(spec.provider).name);
  const createdAt = asString(asRecord(obj.body.metadata).creationTimestamp);
  return {
    ref: { kind: 'AuthorizationPolicy', namespace, name: obj.metadata.name },
    namespace,
    name: obj.metadata.name,
    action,
    ...(provider ? { provider } : {}),
    scope: parseScope(spec, where, diagnostics, obj),
    rules,
    dryRun: obj.metadata.annotations['istio.io/dry-run'] === 'true',
    ...(createdAt ? { createdAt } : {}),
    order,
    source: obj.source,
  };
}
