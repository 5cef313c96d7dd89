import type { RuleRef } from '../../model/verdict';
import { describeNodePeer } from '../model/own-node';
import type { CalicoDirectionDecision } from './decide';
import type { CalicoEndpoint } from './match';

/**
 * Calico does not police traffic from a host to its own workloads: Felix's filter OUTPUT chain returns for packets
 * leaving through a workload interface before any policy ("We don't currently police host -> endpoint according to
 * the endpoint's ingress policy. That decision is based on pragmatism; it's generally very useful to be able to
 * contact any local workload from the host", felix/rules/static.go `filterOutputChain`; IPVS-forwarded connections
 * excepted). No tier, deny rule or staged policy sees it, so the kubelet's probes always pass. The other direction
 * is policed: a workload's traffic to its own host meets the workload's egress policy first, then Felix's
 * `defaultEndpointToHostAction` ("after the endpoint's egress policy is applied"; ACCEPT in the manifests and the
 * operator, DROP in Felix's own default), which Eastwest does not read and takes as ACCEPT.
 */
export const HOST_TO_WORKLOAD: RuleRef = { kind: 'Calico', name: 'host-to-local-workload', builtin: true };

export function hostToWorkloadDecision(dst: CalicoEndpoint, src: CalicoEndpoint, isolated: boolean, what: string): CalicoDirectionDecision {
  return {
    conditions: [],
    reported: [],
    direction: 'ingress',
    isolated,
    outcome: 'allowed',
    basis: 'explicit',
    rules: [HOST_TO_WORKLOAD],
    reason: `ingress ${what} from ${describeNodePeer(src.facts)}, the node ${dst.pod?.namespace}/${dst.pod?.name} runs on: allowed by Calico/host-to-local-workload (Felix does not police a host's traffic to its own workloads${isolated ? ', whatever tiers apply' : ''})`,
  };
}
