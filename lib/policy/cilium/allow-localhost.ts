import type { RuleRef } from '../../model/verdict';
import type { CiliumEndpoint } from './identity';

/**
 * Cilium's `allow-localhost` (agent flag `--allow-localhost`, default `auto`): in Kubernetes mode `auto` becomes
 * `always` ("Kubernetes demands that the localhost can always reach local pods", daemon/cmd/daemon.go), and every
 * endpoint's policy map then gets an ingress entry allowing the `host` identity, the local node and the host-network
 * pods on it (pkg/policy/mapstate.go `determineAllowLocalhostIngress`, label `reserved:host`). Whatever selects the
 * endpoint, the node it runs on reaches it: the kubelet's probes. The entry is an ordinary allow, so an `ingressDeny`
 * rule that matches the host still wins, as deny rules win over every allow
 * (https://docs.cilium.io/en/stable/security/policy/deny/; the entry was inserted with `DenyPreferredInsert` before
 * the policy tiers). Ingress only: an endpoint's egress to its own node meets its policies like any peer (the
 * `host` entity, https://docs.cilium.io/en/stable/security/policy/language/#entities-based); another node is
 * `remote-node`, never covered.
 */
export const ALLOW_LOCALHOST: RuleRef = { kind: 'Cilium', name: 'allow-localhost', builtin: true };

/** Whether `peer` is the host of the endpoint `local` (identity `host` as `local` sees it). */
export const isLocalHost = (local: CiliumEndpoint, peer: CiliumEndpoint): boolean =>
  local.kind === 'pod' && peer.kind === 'host' && local.nodeName !== undefined && peer.nodeName === local.nodeName;
