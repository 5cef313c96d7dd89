import type { CrownJewelTag } from '@/lib/db/crown-jewels';

/** Stored tags → the engine's tag names: a workload `ns/name`, a namespace `ns/*` (lib/graph/sensitivity.ts). */
export function toCrownJewelNames(tags: readonly CrownJewelTag[]): string[] {
  return tags.map((t) => (t.targetKind === 'namespace' ? `${t.target}/*` : t.target));
}
