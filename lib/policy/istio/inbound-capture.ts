import type { Pod } from '../../model/kubernetes';

const INCLUDE_ANNOTATION = 'traffic.sidecar.istio.io/includeInboundPorts';
const EXCLUDE_ANNOTATION = 'traffic.sidecar.istio.io/excludeInboundPorts';
const STATUS_PORT_ANNOTATION = 'status.sidecar.istio.io/port';
/** `values.global.proxy.statusPort`: pilot-agent's status server, where the injector rewrites HTTP, TCP and gRPC probes. */
const DEFAULT_STATUS_PORT = '15020';

const portList = (v: string) =>
  v
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');

/**
 * Why a TCP port of a sidecar pod is not redirected to Envoy, or `null` when it is. The injection template passes
 * istio-iptables `-b <includeInboundPorts, default *>` and `-d "15090,15021,<status port>,<excludeInboundPorts>"`
 * (manifests/charts/istio-control/istio-discovery/files/injection-template.yaml); with `*`, the excluded ports
 * RETURN before the redirect, with a list only the listed ports are redirected (tools/istio-iptables/pkg/capture/run.go
 * `handleInboundPortsInclude`). Connections to such a port never reach Envoy, so neither PeerAuthentication nor
 * AuthorizationPolicy applies: this is how the kubelet's probes, rewritten to pilot-agent's :15020/app-health/...,
 * pass a STRICT mTLS namespace (https://istio.io/latest/docs/ops/configuration/mesh/app-health-check/).
 */
export function inboundBypass(pod: Pod, port: number): string | null {
  const include = pod.annotations[INCLUDE_ANNOTATION]?.trim() ?? '*';
  const p = String(port);
  if (include !== '*') return portList(include).includes(p) ? null : `port ${port} is not in ${INCLUDE_ANNOTATION} "${include}", so the sidecar does not intercept it`;
  const status = pod.annotations[STATUS_PORT_ANNOTATION]?.trim() ?? DEFAULT_STATUS_PORT;
  if (p === '15090') return 'port 15090 is Envoy\'s Prometheus port, which the sidecar\'s iptables rules leave out of inbound capture';
  if (p === '15021') return 'port 15021 is the sidecar\'s health port, which its iptables rules leave out of inbound capture';
  if (status !== '0' && p === status)
    return `port ${port} is pilot-agent's status port, which the sidecar's iptables rules leave out of inbound capture (the kubelet's rewritten probes /app-health/... are answered there)`;
  if (portList(pod.annotations[EXCLUDE_ANNOTATION] ?? '').includes(p)) return `port ${port} is in ${EXCLUDE_ANNOTATION}, so the sidecar does not intercept it`;
  return null;
}
