import type { Inventory, Pod } from '../../model/kubernetes';
import { matchSelector } from '../model/selector';

/**
 * How Istio treats a destination pod port (https://istio.io/latest/docs/ops/configuration/traffic-management/protocol-selection/):
 * explicitly by the Service port's `appProtocol`, else its name `<protocol>[-<suffix>]`.
 * - `http`: http, http2, grpc, grpc-web (the sidecar parses requests; L7 fields exist);
 * - `tcp`: any other declared protocol (tcp, tls, https, mongo, mysql, redis, ...): opaque bytes;
 * - `auto`: nothing declared (no Service, or an unrecognised name): Istio sniffs HTTP. A query that
 *   describes an HTTP request is treated as HTTP; one that does not is an opaque TCP connection.
 */
export type PortProtocol = 'http' | 'tcp' | 'auto';

export interface PortProtocolSelection {
  protocol: PortProtocol;
  /** e.g. "Service boutique/frontend port http (80 -> 8080)"; absent for `auto` without a declaration. */
  declaredBy?: string;
  /** Declared gRPC: every request is `POST /<package>.<Service>/<Method>`. */
  grpc?: boolean;
}

const isGrpcName = (s: string | undefined) => s !== undefined && /^grpc(-|$)/i.test(s);

const HTTP_PROTOCOLS = new Set(['http', 'http2', 'grpc', 'grpc-web', 'h2c']);
const TCP_PROTOCOLS = new Set(['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis', 'udp', 'sctp', 'thrift']);

/** Maps an appProtocol or port name to a protocol, or `null` when it declares none. */
export function protocolFromName(nameOrAppProtocol: string | undefined, isAppProtocol: boolean): PortProtocol | null {
  if (!nameOrAppProtocol) return null;
  let p = nameOrAppProtocol.toLowerCase();
  if (isAppProtocol) {
    if (p === 'kubernetes.io/h2c') return 'http';
    if (p === 'kubernetes.io/ws') return 'http';
    if (p === 'kubernetes.io/wss') return 'tcp';
  } else if (p !== 'grpc-web') {
    const dash = p.indexOf('-');
    if (dash >= 0) p = p.slice(0, dash);
  }
  if (HTTP_PROTOCOLS.has(p)) return 'http';
  if (TCP_PROTOCOLS.has(p)) return 'tcp';
  return null;
}

/** Services selecting the pod whose target port resolves to `port` (a number, or the name of the pod's container port). */
export function servicePortsForPod(inventory: Inventory, pod: Pod, port: number) {
  const named = new Set(pod.ports.filter((p) => p.port === port && p.name).map((p) => p.name));
  const out: { service: string; name?: string; appProtocol?: string; port: number }[] = [];
  for (const svc of inventory.services) {
    if (svc.namespace !== pod.namespace || !svc.selector || Object.keys(svc.selector).length === 0) continue;
    if (!matchSelector({ matchLabels: svc.selector, matchExpressions: [] }, pod.labels)) continue;
    for (const sp of svc.ports) {
      if (sp.protocol !== 'TCP') continue;
      const hit = typeof sp.targetPort === 'number' ? sp.targetPort === port : named.has(sp.targetPort) || sp.targetPort === String(port);
      if (hit) out.push({ service: `${svc.namespace}/${svc.name}`, name: sp.name, appProtocol: sp.appProtocol, port: sp.port });
    }
  }
  return out;
}

export function selectIstioPortProtocol(inventory: Inventory, pod: Pod, port: number): PortProtocolSelection {
  let tcp: PortProtocolSelection | undefined;
  for (const sp of servicePortsForPod(inventory, pod, port)) {
    const byApp = protocolFromName(sp.appProtocol, true);
    const protocol = byApp ?? protocolFromName(sp.name, false);
    if (!protocol) continue;
    const declaredBy = `Service ${sp.service} port ${byApp ? `appProtocol ${sp.appProtocol}` : sp.name} (${sp.port} -> ${port})`;
    // A pod port behind several Services: any HTTP declaration makes the sidecar parse HTTP on it.
    if (protocol === 'http') return { protocol, declaredBy, ...(isGrpcName(byApp ? sp.appProtocol : sp.name) ? { grpc: true } : {}) };
    tcp ??= { protocol, declaredBy };
  }
  if (tcp) return tcp;
  // Without a Service, the container port name is the only hint left.
  const containerPort = pod.ports.find((p) => p.port === port && p.protocol === 'TCP' && p.name);
  const byContainer = protocolFromName(containerPort?.name, false);
  if (byContainer) return { protocol: byContainer, declaredBy: `container port ${containerPort?.name}` };
  return { protocol: 'auto' };
}
