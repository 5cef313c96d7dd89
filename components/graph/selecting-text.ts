import type { SelectingPolicy } from '@/lib/model/verdict';

const join = (ds: readonly string[]) => ds.join(' + ');

/**
 * What a selecting policy does to the workload, in the words of the network-policy docs: "isolates ingress + egress"
 * (peers no rule admits are denied), or "applies to egress without isolating" (rules only: AdminNetworkPolicy, Istio
 * DENY, PeerAuthentication).
 */
export function selectingEffectText(p: Pick<SelectingPolicy, 'directions' | 'isolates'>): string {
  const rulesOnly = p.directions.filter((d) => !p.isolates.includes(d));
  const parts: string[] = [];
  if (p.isolates.length) parts.push(`isolates ${join(p.isolates)}`);
  if (rulesOnly.length) parts.push(`${p.isolates.length ? 'also applies to' : 'applies to'} ${join(rulesOnly)} without isolating`);
  return parts.join('; ') || 'selects it, without rules for either direction';
}
