import type { Protocol } from '../../model/kubernetes';
import type { ParseHelpers } from './types';

/** Linux default ephemeral range (net.ipv4.ip_local_port_range 32768–60999); IANA's starts at 49152. */
const EPHEMERAL_MIN = 32768;

/**
 * VPC flow logs record each direction of a connection separately; a reverse-direction record has the
 * server as source and the client's ephemeral port as destination port. It must not create an edge.
 * Decide by which side listens on its port (pod container ports, Service ports from the inventory),
 * falling back to port ranges for unknown IPs.
 */
export function isReverseDirection(
  helpers: ParseHelpers,
  srcIp: string,
  srcPort: number,
  dstIp: string,
  dstPort: number,
  protocol: Protocol,
): boolean {
  const dstListens = helpers.isListeningPort(dstIp, dstPort, protocol);
  const srcListens = helpers.isListeningPort(srcIp, srcPort, protocol);
  if (dstListens === true) return false;
  if (srcListens === true) return true;
  if (srcPort < 1024 && dstPort >= 1024) return true;
  if (dstPort < 1024 && srcPort >= 1024) return false;
  return srcPort < EPHEMERAL_MIN && dstPort >= EPHEMERAL_MIN;
}
