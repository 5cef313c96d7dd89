import type { Diagnostic } from '../../model/diagnostics';
import type { Inventory } from '../../model/kubernetes';
import { formatRuleRef } from '../../model/verdict';
import { meshMembership } from '../mesh/membership';
import { serverSelectsPod } from './decide';
import type { LinkerdPolicies } from './parse';

const FINISHED = new Set(['Succeeded', 'Failed']);
const SHOWN = 3;

/**
 * Servers that select pods without the linkerd-proxy sidecar. Linkerd authorizes in the proxy of the destination pod
 * (https://linkerd.io/2-edge/features/server-policy/): where there is none, the Server and every authorization on it
 * protect nothing, and the layer leaves those pods out of its verdicts (as Istio does for pods without istio-proxy,
 * whose policies the node panel marks "not enforced"). Said once per Server, so policies written for a Linkerd
 * deployment but analysed against a cluster without it do not pass for enforced.
 */
export function findUnmeshedServers(policies: LinkerdPolicies, inventory: Inventory): Diagnostic[] {
  const namespaces = new Map(inventory.namespaces.map((n) => [n.name, n]));
  const out: Diagnostic[] = [];
  for (const server of policies.servers) {
    const selected = inventory.pods.filter((p) => !FINISHED.has(p.phase ?? '') && serverSelectsPod(server, p));
    const unmeshed = selected.map((p) => meshMembership('linkerd', p, namespaces.get(p.namespace))).filter((m) => !m.meshed);
    if (unmeshed.length === 0) continue;
    const all = unmeshed.length === selected.length;
    const which = all ? (selected.length === 1 ? 'the pod it selects runs' : `none of the ${selected.length} pods it selects runs`) : `${unmeshed.length} of the ${selected.length} pods it selects run`;
    const why = unmeshed.slice(0, SHOWN).map((m) => m.why).join('; ') + (unmeshed.length > SHOWN ? `; and ${unmeshed.length - SHOWN} more` : '');
    out.push({
      severity: 'warning',
      code: 'linkerd-not-enforced',
      message: `${formatRuleRef(server.ref)}: not enforced, ${which}${all && selected.length > 1 ? ' a' : ' no'} linkerd-proxy (${why}); its authorizations protect nothing there`,
      ...(server.source ? { file: server.source.file, line: server.source.line } : {}),
    });
  }
  return out;
}
