import type { ContainerPort, Pod, Protocol } from '../../model/kubernetes';
import type { ClusterAction, ClusterPolicy, ClusterRule } from '../anp/types';
import type { EndpointFacts } from '../model/endpoint';
import { matchPeer, type Peer } from '../model/peer';
import { matchPortRules, type PortRules } from '../model/ports';
import type { Netpol, NetpolRule } from '../netpol/types';
import { fullBits, hasBit, newBits, setBit, type Bits } from './bitset';
import type { NetworkModel } from './model';

export interface MatrixTarget {
  /** Index of the destination pod. */
  pod: number;
  port: number;
  protocol: Protocol;
}

/** A rule flattened for the hot loop: its ports and the pods its peers match (`null` = every endpoint). */
interface FlatRule {
  ports: PortRules;
  peers: Bits | null;
  action: ClusterAction;
}

interface FlatPolicy {
  subject: Bits;
  rules: FlatRule[];
}

/**
 * The network layer for all pods x targets at once. Instead of evaluating every pair, it precomputes the set of
 * pods each peer and each policy subject matches (bit sets), then walks the tiers once per target: egress for
 * all sources together, ingress likewise. Same semantics as `decideDirection`; a property test checks that.
 */
export class NetworkMatrixBuilder {
  private readonly n: number;
  private readonly words: number;
  private readonly facts: EndpointFacts[];
  private readonly peerCache = new Map<Peer, Bits>();
  private readonly hostNet: Bits;
  private readonly egressIsolated: Bits;
  private readonly adminEgress: FlatPolicy[];
  private readonly baselineEgress: FlatPolicy[];
  private readonly npEgress: FlatPolicy[];
  private readonly ingressRuleCache = new Map<object, FlatRule>();
  /** Egress rules relevant to the last destination pod (targets come grouped by pod). */
  private lastDst = -1;
  private dstEgress: { admin: FlatPolicy[]; np: FlatPolicy[]; baseline: FlatPolicy[] } = { admin: [], np: [], baseline: [] };
  private readonly scratch: Bits;
  /** Per node name: the pods on it (the sources whose own node a host-network destination there is), and the host-network pods on it (node traffic). */
  private readonly podsOnNode = new Map<string, Bits>();
  private readonly hostsOnNode = new Map<string, Bits>();

  constructor(private readonly model: NetworkModel, private readonly pods: Pod[]) {
    this.n = pods.length;
    this.words = newBits(this.n).length;
    this.scratch = newBits(this.n);
    this.facts = pods.map((p) => model.endpoints.ofPod(p));
    this.hostNet = newBits(this.n);
    this.egressIsolated = newBits(this.n);
    const onNode = (m: Map<string, Bits>, node: string) => {
      let b = m.get(node);
      if (!b) m.set(node, (b = newBits(this.n)));
      return b;
    };
    pods.forEach((p, i) => {
      if (p.hostNetwork) setBit(this.hostNet, i);
      if (model.policiesOf(p).npEgress.length > 0) setBit(this.egressIsolated, i);
      const node = this.facts[i]!.nodeName;
      if (p.hostNetwork && node) setBit(onNode(this.hostsOnNode, node), i);
      else if (!p.hostNetwork && p.nodeName) setBit(onNode(this.podsOnNode, p.nodeName), i);
    });
    const flatCluster = (policies: ClusterPolicy[]) =>
      policies.filter((p) => p.egress.length > 0).map((p) => ({ subject: this.subjectBits(p), rules: p.egress.map((r) => this.flatClusterRule(r)) }));
    this.adminEgress = flatCluster(model.admin);
    this.baselineEgress = flatCluster(model.baseline);
    this.npEgress = model.netpols.filter((np) => np.egress).map((np) => ({ subject: this.subjectBits(np), rules: np.egress!.map((r) => this.flatNetpolRule(r)) }));
  }

  private peerBits(peer: Peer): Bits {
    let b = this.peerCache.get(peer);
    if (!b) {
      b = newBits(this.n);
      for (let i = 0; i < this.n; i++) if (matchPeer(peer, this.facts[i]!)) setBit(b, i);
      this.peerCache.set(peer, b);
    }
    return b;
  }

  private union(peers: Peer[]): Bits {
    if (peers.length === 1) return this.peerBits(peers[0]!);
    const b = newBits(this.n);
    for (const p of peers) {
      const pb = this.peerBits(p);
      for (let i = 0; i < b.length; i++) b[i]! |= pb[i]!;
    }
    return b;
  }

  private flatClusterRule(r: ClusterRule): FlatRule {
    let f = this.ingressRuleCache.get(r);
    if (!f) {
      f = { ports: r.ports, peers: this.union(r.peers.map((p) => p.peer)), action: r.action };
      this.ingressRuleCache.set(r, f);
    }
    return f;
  }

  private flatNetpolRule(r: NetpolRule): FlatRule {
    let f = this.ingressRuleCache.get(r);
    if (!f) {
      f = { ports: r.ports, peers: r.peers === null ? null : this.union(r.peers.map((p) => p.peer)), action: 'Allow' };
      this.ingressRuleCache.set(r, f);
    }
    return f;
  }

  private subjectBits(policy: Netpol | ClusterPolicy): Bits {
    const b = newBits(this.n);
    for (let i = 0; i < this.n; i++) {
      const pod = this.pods[i]!;
      if ('podSelector' in policy ? this.model.netpolSelects(policy, pod) : this.model.clusterSubjectMatches(policy, pod)) setBit(b, i);
    }
    return b;
  }

  private egressRulesFor(dst: number) {
    if (dst !== this.lastDst) {
      // Rules whose peers match this destination; their peer check is done, so it is dropped (peers: null).
      const keep = (policies: FlatPolicy[]) =>
        policies.flatMap((p) => {
          const rules = p.rules.filter((r) => r.peers === null || hasBit(r.peers, dst)).map((r) => (r.peers === null ? r : { ...r, peers: null }));
          return rules.length ? [{ subject: p.subject, rules }] : [];
        });
      this.dstEgress = { admin: keep(this.adminEgress), np: keep(this.npEgress), baseline: keep(this.baselineEgress) };
      this.lastDst = dst;
    }
    return this.dstEgress;
  }

  /**
   * Walks one cluster tier in order: each matching rule decides the sources of `scope` it covers that are not
   * decided yet. `subject` = who the policy applies to (egress: sources) or null (ingress: the destination, already filtered).
   */
  private walkTier(policies: { subject: Bits | null; rules: FlatRule[] }[], port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null, decided: Bits, allowed: Bits, passed: Bits): void {
    const take = this.scratch;
    for (const policy of policies) {
      for (const rule of policy.rules) {
        if (!matchPortRules(rule.ports, port, protocol, dstPorts)) continue;
        const peers = rule.peers;
        const subj = policy.subject;
        for (let i = 0; i < this.words; i++) {
          let m = ~decided[i]!;
          if (subj) m &= subj[i]!;
          if (peers) m &= peers[i]!;
          take[i] = m;
        }
        for (let i = 0; i < this.words; i++) {
          const m = take[i]!;
          if (rule.action === 'Allow') allowed[i]! |= m;
          else if (rule.action === 'Pass') passed[i]! |= m;
          decided[i]! |= m;
        }
      }
    }
  }

  /**
   * The pod's own-node rule (own-node.ts, `isOwnNode`) decides for the sources in `own` what the admin tier left
   * open: before NetworkPolicy and the baseline tier, as `decideDirection` does.
   */
  private allowOwnNode(own: Bits | undefined, decided: Bits, allowed: Bits): void {
    if (!own) return;
    for (let i = 0; i < this.words; i++) {
      const m = ~decided[i]! & own[i]!;
      allowed[i]! |= m;
      decided[i]! |= m;
    }
  }

  /** Sources allowed to send to target t by egress rules (bit i = pod i as source). */
  egressAllowed(t: MatrixTarget): Bits {
    const w = this.words;
    const dstPorts = this.pods[t.pod]!.ports;
    const rel = this.egressRulesFor(t.pod);
    const decided = newBits(this.n);
    const allowed = newBits(this.n);
    const passed = newBits(this.n);
    // Host-network sources are never selected: always allowed by default on egress.
    for (let i = 0; i < w; i++) {
      allowed[i] = this.hostNet[i]!;
      decided[i] = this.hostNet[i]!;
    }
    this.walkTier(rel.admin, t.port, t.protocol, dstPorts, decided, allowed, passed);
    for (let i = 0; i < w; i++) decided[i]! &= ~passed[i]!; // Pass: on to the NetworkPolicy tier
    // Egress to a host-network destination: it is the node of the sources running there.
    const dstNode = this.facts[t.pod]!.nodeName;
    this.allowOwnNode(dstNode ? this.podsOnNode.get(dstNode) : undefined, decided, allowed);
    const npAllowed = newBits(this.n);
    for (const p of rel.np) {
      if (p.rules.some((r) => matchPortRules(r.ports, t.port, t.protocol, dstPorts))) for (let i = 0; i < w; i++) npAllowed[i]! |= p.subject[i]!;
    }
    for (let i = 0; i < w; i++) {
      const open = ~decided[i]! & this.egressIsolated[i]!;
      allowed[i]! |= open & npAllowed[i]!;
      decided[i]! |= open;
    }
    passed.fill(0);
    this.walkTier(rel.baseline, t.port, t.protocol, dstPorts, decided, allowed, passed);
    for (let i = 0; i < w; i++) allowed[i]! |= ~decided[i]! | passed[i]!;
    return allowed;
  }

  /** Sources allowed by the destination's ingress rules. */
  ingressAllowed(t: MatrixTarget): Bits {
    const w = this.words;
    const dst = this.pods[t.pod]!;
    if (dst.hostNetwork) return fullBits(this.n);
    const pols = this.model.policiesOf(dst);
    const decided = newBits(this.n);
    const allowed = newBits(this.n);
    const passed = newBits(this.n);
    const tier = (ps: ClusterPolicy[]) => ps.map((p) => ({ subject: null, rules: p.ingress.map((r) => this.flatClusterRule(r)) }));
    this.walkTier(tier(pols.adminIngress), t.port, t.protocol, dst.ports, decided, allowed, passed);
    for (let i = 0; i < w; i++) decided[i]! &= ~passed[i]!;
    // Ingress from the host-network sources on the destination's node (host-network destinations returned above).
    this.allowOwnNode(dst.nodeName ? this.hostsOnNode.get(dst.nodeName) : undefined, decided, allowed);
    if (pols.npIngress.length > 0) {
      // NetworkPolicy makes the final decision for a pod it selects.
      const npAllowed = newBits(this.n);
      for (const np of pols.npIngress) {
        for (const r of np.ingress ?? []) {
          if (!matchPortRules(r.ports, t.port, t.protocol, dst.ports)) continue;
          const f = this.flatNetpolRule(r);
          if (f.peers === null) {
            npAllowed.fill(0xffffffff);
            break;
          }
          for (let i = 0; i < w; i++) npAllowed[i]! |= f.peers[i]!;
        }
      }
      for (let i = 0; i < w; i++) allowed[i]! |= ~decided[i]! & npAllowed[i]!;
      return allowed;
    }
    passed.fill(0);
    this.walkTier(tier(pols.baselineIngress), t.port, t.protocol, dst.ports, decided, allowed, passed);
    for (let i = 0; i < w; i++) allowed[i]! |= ~decided[i]! | passed[i]!;
    return allowed;
  }

  /** Sources allowed on the network layer to reach target t. */
  allowed(t: MatrixTarget): Bits {
    const e = this.egressAllowed(t);
    const i = this.ingressAllowed(t);
    for (let k = 0; k < e.length; k++) e[k] = e[k]! & i[k]!;
    return e;
  }
}
