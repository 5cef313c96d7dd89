import type { RuleRef } from '../../model/verdict';
import { matchPeer } from '../model/peer';
import type { NetworkModel } from './model';

export interface DanglingRule {
  ref: RuleRef;
  /** `peer`: a pod/namespace peer that matches no pod; `subject`: a policy that selects no pod. */
  kind: 'peer' | 'subject';
  reason: string;
}

/**
 * Rules that name pods which do not exist (answer-key A2: `app=fraudservice`): they allow nothing today but
 * would silently admit a workload created later with those labels. IP, node and domain peers are not judged.
 */
export function findDanglingNetworkRules(model: NetworkModel): DanglingRule[] {
  const pods = model.inventory.pods.map((p) => model.endpoints.ofPod(p));
  const out: DanglingRule[] = [];
  for (const np of model.netpols) {
    if (!model.inventory.pods.some((p) => model.netpolSelects(np, p))) out.push({ ref: np.ref, kind: 'subject', reason: `${np.ref.kind} ${np.namespace}/${np.ref.name} selects no pod` });
    for (const rule of [...(np.ingress ?? []), ...(np.egress ?? [])]) {
      for (const p of rule.peers ?? []) {
        if (p.peer.kind === 'pods' && !pods.some((e) => matchPeer(p.peer, e))) out.push({ ref: { ...np.ref, path: p.path }, kind: 'peer', reason: 'the peer matches no pod' });
      }
    }
  }
  for (const c of [...model.admin, ...model.baseline]) {
    if (!model.inventory.pods.some((p) => model.clusterSubjectMatches(c, p))) out.push({ ref: c.ref, kind: 'subject', reason: `${c.ref.kind} ${c.ref.name} selects no pod` });
    for (const rule of [...c.ingress, ...c.egress]) {
      for (const p of rule.peers) {
        if (p.peer.kind === 'pods' && !pods.some((e) => matchPeer(p.peer, e))) out.push({ ref: { ...c.ref, path: p.path }, kind: 'peer', reason: 'the peer matches no pod' });
      }
    }
  }
  return out;
}
