/** Fixed-size bit sets over pod indices (32 pods per word) for the matrix fast path. */
export type Bits = Uint32Array;

export const newBits = (n: number): Bits => new Uint32Array((n + 31) >>> 5);
export const hasBit = (b: Bits, i: number): boolean => (b[i >>> 5]! & (1 << (i & 31))) !== 0;
export function setBit(b: Bits, i: number): void {
  b[i >>> 5]! |= 1 << (i & 31);
}
export function fullBits(n: number): Bits {
  const b = newBits(n);
  b.fill(0xffffffff);
  const rest = n & 31;
  if (rest && b.length) b[b.length - 1] = (1 << rest) - 1;
  return b;
}
/** out |= a & ~mask */
export function orAndNot(out: Bits, a: Bits, mask: Bits): void {
  for (let i = 0; i < out.length; i++) out[i]! |= a[i]! & ~mask[i]!;
}
export function or(out: Bits, a: Bits): void {
  for (let i = 0; i < out.length; i++) out[i]! |= a[i]!;
}
