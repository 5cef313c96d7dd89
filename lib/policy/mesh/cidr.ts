import { type Cidr, parseCidr } from '../model/cidr';

/** Istio ipBlocks and IP conditions accept a single address (`203.0.113.4`) as well as a CIDR block. */
export function parseAddressOrCidr(s: string): Cidr | null {
  const text = s.trim();
  return parseCidr(text.includes('/') ? text : `${text}/${text.includes(':') ? 128 : 32}`);
}
