// CIDR containment for ipBlock / networks peers, IPv4 and IPv6 (RFC 4632, RFC 4291 text forms).
import { describe, expect, test } from 'vitest';
import { cidrContains, parseCidr } from './index';

describe('cidrContains', () => {
  test.each([
    ['10.0.0.0/8', '10.255.1.2', true],
    ['10.0.0.0/8', '11.0.0.1', false],
    ['172.17.1.0/24', '172.17.1.255', true],
    ['172.17.1.0/24', '172.17.2.0', false],
    ['192.168.1.10/32', '192.168.1.10', true],
    ['192.168.1.10/32', '192.168.1.11', false],
    ['0.0.0.0/0', '8.8.8.8', true],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['10.1.2.3/16', '10.1.200.1', true], // host bits in the block are ignored, as the API does
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['::/0', '2001:db8::1', true],
    ['fd00::/8', 'fdab:1::5', true],
    ['::ffff:0:0/96', '::ffff:10.0.0.1', true],
    ['2001:db8::1/128', '2001:0db8:0000:0000:0000:0000:0000:0001', true],
    ['10.0.0.1', '10.0.0.1', true], // a bare address is a host block (Istio ipBlocks, Calico nets)
    ['10.0.0.1', '10.0.0.2', false],
  ])('%s contains %s: %s', (cidr, ip, expected) => {
    const c = parseCidr(cidr);
    expect(c).not.toBeNull();
    expect(cidrContains(c!, ip)).toBe(expected);
  });

  test.each(['10.0.0.0/33', '10.0.0/8', '256.0.0.0/8', '10.0.0.0/x', '2001:db8::/129', '2001:db8:::1/64', 'fe80::1::2/64', '', 'abc'])('%j is not a CIDR', (text) => {
    expect(parseCidr(text)).toBeNull();
  });
});
