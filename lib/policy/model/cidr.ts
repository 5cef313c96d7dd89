/** IPv4/IPv6 CIDR containment with BigInt so both families share one code path. */
export interface Cidr {
  text: string;
  v6: boolean;
  base: bigint;
  bits: number;
}

function parseV4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(p);
  }
  return n;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s)) return null;
  let head = s;
  let tailV4: bigint | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.')) {
    tailV4 = parseV4(s.slice(lastColon + 1));
    if (tailV4 === null) return null;
    head = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const groups = [...left, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== null) n = (n & ~0xffffffffn) | tailV4;
  return n;
}

export function parseIp(s: string): { v6: boolean; value: bigint } | null {
  if (s.includes(':')) {
    const v = parseV6(s);
    return v === null ? null : { v6: true, value: v };
  }
  const v = parseV4(s);
  return v === null ? null : { v6: false, value: v };
}

export function parseCidr(text: string): Cidr | null {
  // A bare address is a host block (/32, /128): Istio ipBlocks and Calico nets accept it. NetworkPolicy and
  // ANP/CNP require a prefix; their parsers check that themselves.
  const [addr, len, extra] = text.trim().split('/');
  if (!addr || extra !== undefined) return null;
  const ip = parseIp(addr);
  if (!ip) return null;
  const max = ip.v6 ? 128 : 32;
  const bits = len === undefined ? max : /^\d{1,3}$/.test(len) ? Number(len) : NaN;
  if (!(bits >= 0 && bits <= max)) return null;
  const shift = BigInt(max - bits);
  return { text, v6: ip.v6, base: (ip.value >> shift) << shift, bits };
}

/** Pod IPs are checked against many blocks: parse each address once. */
const parsedIps = new Map<string, { v6: boolean; value: bigint } | null>();
function parseIpCached(ip: string) {
  let p = parsedIps.get(ip);
  if (p === undefined) {
    p = parseIp(ip);
    if (parsedIps.size > 100_000) parsedIps.clear();
    parsedIps.set(ip, p);
  }
  return p;
}

export function cidrContains(c: Cidr, ip: string): boolean {
  const p = parseIpCached(ip);
  if (!p || p.v6 !== c.v6) return false;
  const shift = BigInt((c.v6 ? 128 : 32) - c.bits);
  return (p.value >> shift) << shift === c.base;
}
