import type { ContainerPort, Pod, Protocol } from '../../model/kubernetes';
import type { ClusterPolicy, ClusterRule } from '../anp/types';
import type { EndpointFacts } from '../model/endpoint';
import { matchPeer, type Peer } from '../model/peer';
import { matchPortRules } from '../model/ports';
import type { Netpol } from '../netpol/types';
import { fullBits, hasBit, newBits, or, orAndNot, setBit, type Bits } from './bitset';
import type { NetworkModel } from './model';

export interface MatrixTarget {
  /** Index of the destination pod. */
  pod: number;
  port: number;
  protocol: Protocol;
}

/**
 * The network layer for all pods x targets at once. Instead of evaluating every pair, it precomputes, per
 * peer and per policy subject, the set of pods they match (bit sets), then walks the tiers once per target:
 * egress over all sources together, ingress likewise. Same semantics as `decideDirection` (a property test checks it).
 */
export class NetworkMatrixBuilder {
  private readonly n: number;
  private readonly facts: EndpointFacts[];
  private readonly peerCache = new Map<Peer, Bits>();
  private readonly subjectCache = new Map<object, Bits>();
  private readonly egressIsolated: Bits;
  private readonly hostNet: Bits;

  constructor(private readonly model: NetworkModel, private readonly pods: Pod[]) {
    this.n = pods.length;
    this.facts = pods.map((p) => model.endpoints.ofPod(p));
    this.egressIsolated = newBits(this.n);
    this.hostNet = newBits(this.n);
    pods.forEach((p, i) => {
      if (p.hostNetwork) setBit(this.hostNet, i);
      if (model.policiesOf(p).npEgress.length > 0) setBit(this.egressIsolated, i);
    });
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

  private subjectBits(policy: Netpol | ClusterPolicy): Bits {
    let b = this.subjectCache.get(policy);
    if (!b) {
      b = newBits(this.n);
      for (let i = 0; i < this.n; i++) {
        const pod = this.pods[i]!;
        if ('podSelector' in policy ? this.model.netpolSelects(policy, pod) : this.model.clusterSubjectMatches(policy, pod)) setBit(b, i);
      }
      this.subjectCache.set(policy, b);
    }
    return b;
  }

  private ruleMatchesDestination(rule: ClusterRule, dst: number, port: number, protocol: Protocol, dstPorts: readonly ContainerPort[] | null): boolean {
    return matchPortRules(rule.ports, port, protocol, dstPorts) && rule.peers.some((p) => hasBit(this.peerBits(p.peer), dst));
  }

  /** Sources allowed to send to target t by egress rules (bit i = pod i as source). */
  egressAllowed(t: MatrixTarget): Bits {
    const { n } = this;
    const dstPorts = this.pods[t.pod]!.ports;
    const decided = newBits(n);
    const allowed = newBits(n);
    // Host-network sources are never selected: always allowed by default on egress.
    or(allowed, this.hostNet);
    or(decided, this.hostNet);
    const passed = newBits(n);
    const tier = (policies: ClusterPolicy[]) => {
      for (const policy of policies) {
        if (policy.egress.length === 0) continue;
        const subj = this.subjectBits(policy);
        for (const rule of policy.egress) {
          if (!this.ruleMatchesDestination(rule, t.pod, t.port, t.protocol, dstPorts)) continue;
          const take = newBits(n);
          orAndNot(take, subj, decided);
          if (rule.action === 'Allow') or(allowed, take);
          else if (rule.action === 'Pass') or(passed, take);
          or(decided, take);
        }
      }
    };
    tier(this.model.admin);
    // Passed sources continue with the NetworkPolicy tier.
    for (let i = 0; i < decided.length; i++) decided[i]! &= ~passed[i]!;
    const npAllowed = newBits(n);
    for (const np of this.model.netpols) {
      if (!np.egress) continue;
      if (np.egress.some((r) => matchPortRules(r.ports, t.port, t.protocol, dstPorts) && (r.peers === null || r.peers.some((p) => hasBit(this.peerBits(p.peer), t.pod))))) {
        or(npAllowed, this.subjectBits(np));
      }
    }
    for (let i = 0; i < decided.length; i++) {
      const open = ~decided[i]! & this.egressIsolated[i]!;
      allowed[i]! |= open & npAllowed[i]!;
      decided[i]! |= open;
    }
    passed.fill(0);
    tier(this.model.baseline);
    for (let i = 0; i < decided.length; i++) allowed[i]! |= ~decided[i]! | passed[i]!;
    return allowed;
  }

  /** Sources allowed by the destination's ingress rules. */
  ingressAllowed(t: MatrixTarget): Bits {
    const { n } = this;
    const dst = this.pods[t.pod]!;
    if (dst.hostNetwork) return fullBits(n);
    const pols = this.model.policiesOf(dst);
    const decided = newBits(n);
    const allowed = newBits(n);
    const passed = newBits(n);
    const tier = (policies: ClusterPolicy[]) => {
      for (const policy of policies) {
        for (const rule of policy.ingress) {
          if (!matchPortRules(rule.ports, t.port, t.protocol, dst.ports)) continue;
          for (const p of rule.peers) {
            const take = newBits(n);
            orAndNot(take, this.peerBits(p.peer), decided);
            if (rule.action === 'Allow') or(allowed, take);
            else if (rule.action === 'Pass') or(passed, take);
            or(decided, take);
          }
        }
      }
    };
    tier(pols.adminIngress);
    for (let i = 0; i < decided.length; i++) decided[i]! &= ~passed[i]!;
    if (pols.npIngress.length > 0) {
      const npAllowed = newBits(n);
      for (const np of pols.npIngress) {
        for (const r of np.ingress ?? []) {
          if (!matchPortRules(r.ports, t.port, t.protocol, dst.ports)) continue;
          if (r.peers === null) return orFinish(allowed, decided, fullBits(n));
          for (const p of r.peers) or(npAllowed, this.peerBits(p.peer));
        }
      }
      return orFinish(allowed, decided, npAllowed);
    }
    passed.fill(0);
    tier(pols.baselineIngress);
    for (let i = 0; i < decided.length; i++) allowed[i]! |= ~decided[i]! | passed[i]!;
    return allowed;
  }

  /** Sources allowed on the network layer to reach target t. */
  allowed(t: MatrixTarget): Bits {
    const e = this.egressAllowed(t);
    const i = this.ingressAllowed(t);
    const out = newBits(this.n);
    for (let k = 0; k < out.length; k++) out[k] = e[k]! & i[k]!;
    return out;
  }
}

/** allowed |= ~decided & npAllowed (the NetworkPolicy tier decides everything still open). */
function orFinish(allowed: Bits, decided: Bits, npAllowed: Bits): Bits {
  for (let i = 0; i < allowed.length; i++) allowed[i]! |= ~decided[i]! & npAllowed[i]!;
  return allowed;
}
