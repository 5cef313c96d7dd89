/**
 * Seeded pseudo-random numbers: reproducible drawings (components/graph) and reproducible benchmark data (bench/).
 */

/**
 * Runs `fn` with `Math.random` replaced by a generator seeded from `seed`, then restores it. fcose starts from
 * random positions (`randomize: true`) and its force phase breaks ties with `Math.random`, so without this two
 * people opening the same link got two different drawings of the same graph. Only for synchronous work: the
 * layouts here run with `animate: false`, start to finish inside `run()`.
 */
export function withSeededRandom<T>(seed: string, fn: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(hash32(seed));
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** FNV-1a, 32 bits: a stable number from a string. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Mulberry32: a small, fast generator with a 32-bit state, uniform in [0, 1). https://gist.github.com/tommyettinger/46a874533244883189143505d203312c */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
