import type { ContainerPort, Protocol } from '../model/kubernetes';

type Json = Record<string, unknown>;
export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function toProtocol(v: unknown): Protocol {
  return v === 'UDP' || v === 'SCTP' ? v : 'TCP'; // the API default is TCP
}

export interface PodSpecFacts {
  ports: ContainerPort[];
  containers: string[];
  hostNetwork: boolean;
  serviceAccount: string;
}

/** The facts of a core/v1 PodSpec that policy evaluation needs. */
export function readPodSpec(spec: unknown): PodSpecFacts {
  const s = isRecord(spec) ? spec : {};
  const ports: ContainerPort[] = [];
  const containers: string[] = [];
  // Init containers (incl. native sidecars, restartPolicy Always) may declare ports too.
  for (const c of [...asArray(s.initContainers), ...asArray(s.containers)]) {
    if (!isRecord(c)) continue;
    if (typeof c.name === 'string') containers.push(c.name);
    for (const p of asArray(c.ports)) {
      if (!isRecord(p) || typeof p.containerPort !== 'number') continue;
      ports.push({ ...(typeof p.name === 'string' && p.name ? { name: p.name } : {}), port: p.containerPort, protocol: toProtocol(p.protocol) });
    }
  }
  const sa = typeof s.serviceAccountName === 'string' ? s.serviceAccountName : typeof s.serviceAccount === 'string' ? s.serviceAccount : 'default';
  return { ports, containers, hostNetwork: s.hostNetwork === true, serviceAccount: sa || 'default' };
}
