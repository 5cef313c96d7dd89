import type { ContainerPort, Protocol } from '../../model/kubernetes';

/**
 * One port entry of a rule, normalised from NetworkPolicy `ports[]`, AdminNetworkPolicy `ports[]` and
 * ClusterNetworkPolicy `protocols[]`.
 * - `protocol` undefined = any protocol (only ANP/CNP named ports, whose protocol comes from the container port);
 * - `port` undefined = every port of that protocol;
 * - `port` a string = a named container port, resolved against the DESTINATION pod's own container ports
 *   (https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports);
 * - `endPort` = inclusive range `port..endPort`.
 */
export interface PortRule {
  protocol?: Protocol;
  port?: number | string;
  endPort?: number;
}

/** `null` = the rule has no port restriction (absent or empty `ports`). */
export type PortRules = PortRule[] | null;

export function matchPortRule(r: PortRule, port: number, protocol: Protocol, destinationPorts: readonly ContainerPort[] | null): boolean {
  if (r.protocol !== undefined && r.protocol !== protocol) return false;
  if (r.port === undefined) return true;
  if (typeof r.port === 'number') return r.endPort !== undefined ? port >= r.port && port <= r.endPort : port === r.port;
  // Named port: the destination must declare a container port with that name, number and protocol.
  // An IP outside the cluster's pods has no named ports, so a named port never matches it.
  if (!destinationPorts) return false;
  return destinationPorts.some((cp) => cp.name === r.port && cp.port === port && cp.protocol === protocol);
}

export function matchPortRules(rules: PortRules, port: number, protocol: Protocol, destinationPorts: readonly ContainerPort[] | null): boolean {
  return rules === null || rules.some((r) => matchPortRule(r, port, protocol, destinationPorts));
}

export function formatPortRule(r: PortRule): string {
  const proto = r.protocol ?? 'any';
  if (r.port === undefined) return `${proto}/*`;
  return r.endPort !== undefined ? `${proto}/${r.port}-${r.endPort}` : `${proto}/${r.port}`;
}
