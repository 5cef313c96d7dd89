import type { PodProbe, ProbeKind } from '../model/kubernetes';
import { asArray, isRecord } from './pod-spec';

const PROBE_FIELDS: readonly [string, ProbeKind][] = [
  ['livenessProbe', 'liveness'],
  ['readinessProbe', 'readiness'],
  ['startupProbe', 'startup'],
];

export interface PodProbes {
  probes: PodProbe[];
  /** `container/kind` of HTTP probes whose named port the container does not declare (the kubelet cannot probe them either). */
  unresolved: string[];
}

/**
 * A named probe port is looked up among the probing container's own TCP ports, names compared without case, as the
 * Linkerd policy controller does (policy-controller/k8s/index/src/inbound/workload.rs `container_http_probe_paths`).
 */
function resolvePort(port: unknown, container: Record<string, unknown>): number | null {
  if (typeof port === 'number') return Number.isInteger(port) && port > 0 && port < 65536 ? port : null;
  if (typeof port !== 'string' || port === '') return null;
  if (/^\d+$/.test(port)) return resolvePort(Number(port), container);
  const name = port.toLowerCase();
  for (const p of asArray(container.ports)) {
    if (!isRecord(p) || typeof p.name !== 'string' || typeof p.containerPort !== 'number') continue;
    if (p.protocol !== undefined && String(p.protocol).toUpperCase() !== 'TCP') continue;
    if (p.name.toLowerCase() === name) return p.containerPort;
  }
  return null;
}

/**
 * The HTTP GET probes of a core/v1 PodSpec, containers and init containers (native sidecars are probed too).
 * Only `httpGet` probes are read: they are the ones Linkerd authorizes by path; tcpSocket, grpc and exec probes are
 * left out.
 */
export function readPodProbes(spec: unknown): PodProbes {
  const s = isRecord(spec) ? spec : {};
  const probes: PodProbe[] = [];
  const unresolved: string[] = [];
  for (const c of [...asArray(s.containers), ...asArray(s.initContainers)]) {
    if (!isRecord(c)) continue;
    const container = typeof c.name === 'string' ? c.name : '';
    for (const [field, kind] of PROBE_FIELDS) {
      const probe = c[field];
      const httpGet = isRecord(probe) ? probe.httpGet : undefined;
      if (!isRecord(httpGet)) continue;
      const port = resolvePort(httpGet.port, c);
      if (port === null) {
        unresolved.push(`${container}/${kind} (port ${JSON.stringify(httpGet.port)})`);
        continue;
      }
      // An empty path is a request for `/` (Go's client for the kubelet's URL; Linkerd's `path.unwrap_or("/")`).
      const path = typeof httpGet.path === 'string' && httpGet.path !== '' ? httpGet.path : '/';
      const https = typeof httpGet.scheme === 'string' && httpGet.scheme.toUpperCase() === 'HTTPS';
      probes.push({ kind, container, port, path, ...(https ? { scheme: 'HTTPS' as const } : {}) });
    }
  }
  return { probes, unresolved };
}
