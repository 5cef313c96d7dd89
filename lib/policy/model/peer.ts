import { cidrContains, type Cidr } from './cidr';
import type { EndpointFacts } from './endpoint';
import { matchSelector, type LabelSelector } from './selector';

/**
 * One peer of a rule, normalised from NetworkPolicy `from/to[]` and ANP/CNP peers.
 * - `any`: every endpoint, in or outside the cluster (NetworkPolicy rule without `from`/`to`);
 * - `pods`: pods whose namespace matches `namespaces` (or the policy's own namespace, `sameNamespace`) AND whose labels match `pods`;
 * - `ipBlock`: addresses in `cidr` but not in `except` - pod IPs included (upstream e2e "should allow egress access to server in CIDR block");
 * - `nodes`: node IPs of nodes matching the selector (ANP/CNP egress);
 * - `none`: matches nothing (fail-closed form of an invalid Accept peer).
 */
export type Peer =
  | { kind: 'any' }
  | { kind: 'none' }
  | { kind: 'pods'; sameNamespace?: string; namespaces?: LabelSelector; pods: LabelSelector }
  | { kind: 'ipBlock'; cidr: Cidr; except: Cidr[] }
  | { kind: 'nodes'; nodes: LabelSelector }
  | { kind: 'domainNames'; names: string[] };

export function matchPeer(p: Peer, e: EndpointFacts): boolean {
  switch (p.kind) {
    case 'any':
      return true;
    case 'none':
      return false;
    case 'pods':
      if (!e.pod || !e.selectable) return false;
      if (p.sameNamespace !== undefined ? e.pod.namespace !== p.sameNamespace : !matchSelector(p.namespaces!, e.namespaceLabels)) return false;
      return matchSelector(p.pods, e.pod.labels);
    case 'ipBlock':
      // A pod whose IP is unknown (a stand-in for a workload without listed pods) is inside any /0 block:
      // every pod address is. Narrower blocks cannot be decided without the address, so they do not match.
      if (e.pod && e.ips.length === 0) return p.cidr.bits === 0 && p.except.length === 0;
      return e.ips.some((ip) => cidrContains(p.cidr, ip) && !p.except.some((x) => cidrContains(x, ip)));
    case 'nodes':
      return e.node !== null && matchSelector(p.nodes, e.node.labels);
    case 'domainNames':
      // FQDN peers depend on DNS answers Eastwest cannot see; they never match an in-cluster pod.
      return false;
  }
}
