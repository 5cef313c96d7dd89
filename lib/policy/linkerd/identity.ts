import { parseAddressOrCidr } from '../mesh/cidr';
import { type Cidr, cidrContains } from '../model/cidr';
import { type Tri, UNKNOWN, triAnd } from '../mesh/tri';
import type { RuleRef } from '../../model/verdict';
import type { ClientAuthorization, IdentityMatch, NetworkMatch } from './model';

/** Parses an identity string as the policy controller does (`*`, `*.<suffix>`, exact); `origin` is where it is written. */
export function parseIdentityMatch(s: string, origin?: RuleRef): IdentityMatch {
  if (s === '*') return { kind: 'suffix', labels: [] };
  if (s.startsWith('*.')) return { kind: 'suffix', labels: s.slice(2).split('.') };
  return { kind: 'exact', identity: s, ...(origin ? { origin } : {}) };
}

export function matchIdentity(m: IdentityMatch, identity: string): boolean {
  if (m.kind === 'exact') return m.identity === identity;
  const labels = identity.split('.');
  return labels.length > m.labels.length && m.labels.every((l, i) => labels[labels.length - m.labels.length + i] === l);
}

export function describeIdentityMatch(m: IdentityMatch): string {
  return m.kind === 'exact' ? m.identity : m.labels.length ? `*.${m.labels.join('.')}` : '*';
}

/** The client as the destination proxy sees it. */
export interface LinkerdClient {
  /** mTLS identity of a meshed client; `null` for a client without the Linkerd proxy. */
  identity: string | null;
  ip?: string;
}

/** 0.0.0.0/0 and ::/0, nothing excepted: every address of both families. */
const coversEveryAddress = (networks: NetworkMatch[]) =>
  networks.some((n) => n.net.bits === 0 && n.except.length === 0 && !n.net.v6) && networks.some((n) => n.net.bits === 0 && n.except.length === 0 && n.net.v6);

function inNetworks(networks: NetworkMatch[], ip: string | undefined): Tri {
  // An unknown address is still inside 0.0.0.0/0 + ::/0.
  if (!ip) return coversEveryAddress(networks) ? true : UNKNOWN;
  return networks.some((n) => cidrContains(n.net, ip) && !n.except.some((e) => cidrContains(e, ip)));
}

/**
 * An authorization that admits any client, meshed or not, from any address (an AuthorizationPolicy whose
 * NetworkAuthentication is 0.0.0.0/0 + ::/0, or that names no NetworkAuthentication and no identity): the Linkerd
 * counterpart of NetworkPolicy `ingress: [{}]`, which the graph shows as one wildcard rule.
 */
export function admitsEveryClient(authz: Pick<ClientAuthorization, 'networks' | 'authentication'>): boolean {
  return authz.authentication.kind === 'unauthenticated' && authz.networks !== 'cluster' && coversEveryAddress(authz.networks);
}

/** Whether one authorization admits the client: its networks AND its authentication. */
export function authorizes(authz: ClientAuthorization, client: LinkerdClient, clusterNetworks: Cidr[]): Tri {
  const nets = authz.networks === 'cluster' ? clusterNetworks.map((net) => ({ net, except: [] })) : authz.networks;
  const a = authz.authentication;
  const authn = a.kind === 'unauthenticated' ? true : client.identity === null ? false : a.kind === 'tls-unauthenticated' ? true : a.identities.some((m) => matchIdentity(m, client.identity as string));
  return triAnd([authn, inNetworks(nets, client.ip)]);
}

/** Linkerd networks take a CIDR or a single address (policy-controller/k8s/api/src/policy/network.rs `Cidr`). */
export function parseNetworks(raw: unknown[], where: string, errors: string[]): NetworkMatch[] {
  const out: NetworkMatch[] = [];
  for (const n of raw) {
    const obj = (typeof n === 'object' && n !== null ? n : {}) as Record<string, unknown>;
    const net = typeof obj.cidr === 'string' ? parseAddressOrCidr(obj.cidr) : null;
    if (!net) {
      errors.push(`${where}: invalid network ${JSON.stringify(n)}`);
      continue;
    }
    const except = (Array.isArray(obj.except) ? obj.except : []).flatMap((e) => {
      const c = typeof e === 'string' ? parseAddressOrCidr(e) : null;
      if (!c) errors.push(`${where}: invalid except ${JSON.stringify(e)}`);
      return c ? [c] : [];
    });
    out.push({ net, except });
  }
  return out;
}

export function describeAuthentication(authz: ClientAuthorization): string {
  const a = authz.authentication;
  if (a.kind === 'unauthenticated') return 'any client';
  if (a.kind === 'tls-unauthenticated') return 'any TLS client';
  return `identities ${a.identities.map(describeIdentityMatch).join(', ')}`;
}
