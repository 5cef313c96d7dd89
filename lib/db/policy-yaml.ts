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

export interface PolicySourceRow {
  kind: string;
  namespace: string | null;
  name: string;
  sourceFile: string;
  sourceLine: number;
}

/**
 * Where every policy object of a snapshot was read from (no YAML text), for the Rules view's file and line. An
 * object imported twice (two files) keeps its first row, the one `getPolicyYaml` shows.
 */
export async function listPolicySources(snapshotId: string, db: Tx = getPrisma()): Promise<PolicySourceRow[]> {
  return db.policy.findMany({
    where: { snapshotId },
    select: { kind: true, namespace: true, name: true, sourceFile: true, sourceLine: true },
    orderBy: { id: 'asc' },
  });
}
