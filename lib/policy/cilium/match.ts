import type { ContainerPort, Protocol } from '../../model/kubernetes';
import { cidrContains } from '../model/cidr';
import type { CiliumEndpoint } from './identity';
import type { CiliumLabel } from './labels';
import type { CiliumRepository } from './repository';
import { matchCiliumSelector } from './selector';
import type { CiliumPeer, CiliumPeerRule, CiliumPort, CiliumPortRule } from './types';

export type PeerMatch = { kind: 'match'; path: string; wildcard: boolean } | { kind: 'fqdn'; path: string; names: string[] } | null;

function matchOnePeer(repo: CiliumRepository, p: CiliumPeer, peer: CiliumEndpoint, labels: readonly CiliumLabel[]): boolean {
  switch (p.kind) {
    case 'endpoints':
      return matchCiliumSelector(p.selector, labels);
    case 'entity':
      return p.selectors === 'all' || p.selectors.some((s) => matchCiliumSelector(s, labels));
    case 'cidr':
      // CIDR selectors only select addresses outside the cluster: not pods, not nodes, and not the API server
      // (it has its own `kube-apiserver` identity; https://github.com/cilium/cilium/issues/33525). See netpol-view.ts.
      return peer.kind === 'external' && !peer.kubeApiserver && peer.ips.some((ip) => cidrContains(p.cidr, ip) && !p.except.some((x) => cidrContains(x, ip)));
    case 'cidrGroup': {
      if (peer.kind !== 'external' || peer.kubeApiserver) return false;
      const groups = repo.cidrGroups.filter((g) =>
        p.name !== undefined ? g.name === p.name : matchCiliumSelector(p.selector!, Object.entries(g.labels).map(([key, value]) => ({ source: 'k8s', key, value }))),
      );
      return peer.ips.some((ip) => groups.some((g) => g.cidrs.some((c) => cidrContains(c, ip))) && !p.except.some((x) => cidrContains(x, ip)));
    }
    case 'nodes': {
      if (peer.kind !== 'host' || !peer.node) return false;
      const nodeLabels: CiliumLabel[] = Object.entries(peer.node.labels).map(([key, value]) => ({ source: 'k8s', key, value }));
      return matchCiliumSelector(p.selector, nodeLabels);
    }
    case 'service':
      return repo.ids.inventory.endpointSlices.some(
        (s) => s.namespace === p.namespace && s.serviceName === p.name && s.endpoints.some((e) => e.addresses.some((a) => peer.ips.includes(a))),
      );
    case 'fqdn':
    case 'none':
      return false;
  }
}

/**
 * Whether the L3 part of a rule selects `peer`. A rule without any L3 field selects every peer when it has `toPorts`
 * (an L4-only rule; pkg/policy/l4.go "an empty slice of EndpointSelector indicates that the rule allows all at L3")
 * and nothing otherwise (`ingress: [{}]`, the documented default-deny idiom).
 */
export function matchRulePeers(repo: CiliumRepository, rule: CiliumPeerRule, peer: CiliumEndpoint, labels: readonly CiliumLabel[]): PeerMatch {
  if (rule.peers === null) return rule.ports !== null ? { kind: 'match', path: rule.path, wildcard: true } : null;
  for (const p of rule.peers) {
    if (matchOnePeer(repo, p, peer, labels)) return { kind: 'match', path: p.path, wildcard: p.kind === 'entity' && p.selectors === 'all' };
  }
  // toFQDNs selects the IPs the DNS proxy saw for those names: unknowable offline, and never an in-cluster pod.
  const fqdns = rule.peers.filter((p): p is Extract<CiliumPeer, { kind: 'fqdn' }> => p.kind === 'fqdn');
  if (fqdns.length > 0 && peer.kind === 'external') return { kind: 'fqdn', path: fqdns[0]!.path, names: fqdns.map((f) => f.matchName ?? f.matchPattern ?? '?') };
  return null;
}

function matchPort(p: CiliumPort, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null, portName: string | undefined): boolean {
  if (p.protocol !== undefined && p.protocol !== protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'number') return p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port;
  // Named port: resolved against the destination pod's container ports (pkg/policy/l4.go named ports).
  if (dstPorts) return dstPorts.some((cp) => cp.name?.toLowerCase() === p.port && cp.port === port && cp.protocol === protocol);
  return portName?.toLowerCase() === p.port;
}

/** The `toPorts` entries of a rule that cover the port; `[]` when none does, `null` when the rule has no `toPorts`. */
export function matchingPortRules(rule: CiliumPeerRule, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null, portName: string | undefined): CiliumPortRule[] | null {
  if (rule.ports === null) return null;
  return rule.ports.filter((pr) => pr.ports.length === 0 || pr.ports.some((p) => matchPort(p, port, protocol, dstPorts, portName)));
}
