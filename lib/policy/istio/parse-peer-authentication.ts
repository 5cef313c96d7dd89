import type { Diagnostic } from '../../model/diagnostics';
import type { ManifestObject } from '../../model/manifest';
import { asRecord, asString, asStringMap, isRecord } from '../mesh/json';
import type { IstioPeerAuthentication, MtlsMode } from './model';

const MODES = new Set<MtlsMode>(['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT']);

function mode(raw: unknown): MtlsMode | null {
  if (!isRecord(raw)) return 'UNSET';
  const m = asString(raw.mode) ?? 'UNSET';
  return MODES.has(m as MtlsMode) ? (m as MtlsMode) : null;
}

/** https://istio.io/latest/docs/reference/config/security/peer_authentication/ */
export function parsePeerAuthentication(obj: ManifestObject, order: number, diagnostics: Diagnostic[]): IstioPeerAuthentication | null {
  const namespace = obj.metadata.namespace ?? 'default';
  const where = `PeerAuthentication/${namespace}/${obj.metadata.name}`;
  const spec = asRecord(obj.body.spec);
  const m = mode(spec.mtls);
  if (m === null) {
    diagnostics.push({ severity: 'error', code: 'istio-invalid-mtls-mode', message: `${where}: unknown mtls.mode; policy ignored`, file: obj.source.file, line: obj.source.line });
    return null;
  }
  const labels = isRecord(spec.selector) ? asStringMap(spec.selector.matchLabels) : {};
  const portLevel = new Map<number, MtlsMode>();
  for (const [port, v] of Object.entries(asRecord(spec.portLevelMtls))) {
    const pm = mode(v);
    if (!/^\d+$/.test(port) || pm === null) {
      diagnostics.push({ severity: 'warning', code: 'istio-invalid-port-mtls', message: `${where}: portLevelMtls ${port} ignored`, file: obj.source.file, line: obj.source.line });
      continue;
    }
    portLevel.set(Number(port), pm);
  }
  const createdAt = asString(asRecord(obj.body.metadata).creationTimestamp);
  return {
    ref: { kind: 'PeerAuthentication', namespace, name: obj.metadata.name },
    namespace,
    name: obj.metadata.name,
    matchLabels: Object.keys(labels).length ? labels : null,
    mode: m,
    portLevel,
    ...(createdAt ? { createdAt } : {}),
    order,
    source: obj.source,
  };
}
