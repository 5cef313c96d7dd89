import { getPrisma } from './client';
import type { Tx } from './transaction';

export interface PolicyYaml {
  rawYaml: string;
  sourceFile: string;
  sourceLine: number;
}

/** The original YAML text of one policy object of a snapshot (comments included), for the UI's rule excerpts. */
export async function getPolicyYaml(snapshotId: string, ref: { kind: string; namespace?: string; name: string }, db: Tx = getPrisma()): Promise<PolicyYaml | null> {
  const row = await db.policy.findFirst({
    where: { snapshotId, kind: ref.kind, namespace: ref.namespace ?? null, name: ref.name },
    select: { rawYaml: true, sourceFile: true, sourceLine: true },
    orderBy: { id: 'asc' },
  });
  return row;
}
