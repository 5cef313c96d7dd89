import type { Inventory, Namespace, Pod } from '../../model/kubernetes';
import type { Endpoint } from '../../model/verdict';
import { parseIp } from '../model/cidr';

const ipFamily = (ip: string) => {
  const p = parseIp(ip);
  return p ? (p.v6 ? 6 : 4) : null;
};

export function describeEndpoint(e: Endpoint): string {
  return e.kind === 'pod' ? `${e.pod.namespace}/${e.pod.name}` : `ip:${e.ip}`;
}

export function namespaceIndex(inventory: Inventory): Map<string, Namespace> {
  return new Map(inventory.namespaces.map((n) => [n.name, n]));
}

/** The pod's address used for a connection to `peer`: same IP family as the peer when it has one. */
export function endpointIp(e: Endpoint, peer?: Endpoint): string | undefined {
  if (e.kind === 'ip') return e.ip;
  const ips = podIps(e.pod);
  const peerIp = peer ? (peer.kind === 'ip' ? peer.ip : podIps(peer.pod)[0]) : undefined;
  const family = peerIp ? ipFamily(peerIp) : null;
  return (family ? ips.find((ip) => ipFamily(ip) === family) : undefined) ?? ips[0];
}

function podIps(pod: Pod): string[] {
  if (pod.ips.length) return pod.ips;
  return pod.hostNetwork && pod.hostIP ? [pod.hostIP] : [];
}
