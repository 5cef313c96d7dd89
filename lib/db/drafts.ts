import type { Protocol } from '@/lib/model';
import type * as Rows from './generated/client';
import { getPrisma } from './client';
import { notFound } from './errors';
import { fromJson, toJson } from './json';
import { isUuid } from './snapshots';
import type { Tx } from './transaction';

/**
 * What a draft is generated from. `namespace`: every workload of `namespaces` (with a default-deny
 * baseline); `workloads`: only these `ns/name`; `snapshot`: every non-system namespace with traffic.
 * `from`/`to` (RFC 3339) limit the observed traffic that is granted.
 */
export interface DraftScopeRecord {
  kind: 'namespace' | 'workloads' | 'snapshot';
  namespaces?: string[];
  workloads?: string[];
  from?: string;
  to?: string;
}

/** One L7 operation of a hand-made grant. */
export interface DraftOperationRecord {
  method?: string;
  pathTemplate?: string;
}

/**
 * A user's decision on one connection (source, destination, destination port, protocol): `drop` keeps an
 * observed connection out of the draft, `grant` adds one the draft would not grant by itself. At most one
 * decision per connection.
 */
export interface EdgeDecisionRecord {
  decision: 'drop' | 'grant';
  source: string;
  destination: string;
  port: number;
  protocol: Protocol;
  /** Only for `grant`: limit the grant to these operations (absent = any request on the port). */
  operations?: DraftOperationRecord[];
}

export interface DraftRecord {
  id: string;
  snapshotId: string;
  name: string;
  scope: DraftScopeRecord;
  /** Output families: networkpolicy, istio, cilium, linkerd. */
  kinds: string[];
  decisions: EdgeDecisionRecord[];
  /** The YAML generated at the last save (regenerated from the snapshot on every change). */
  yaml: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDraft {
  snapshotId: string;
  name: string;
  scope: DraftScopeRecord;
  kinds: string[];
  decisions?: EdgeDecisionRecord[];
  yaml?: string;
}

export type DraftUpdate = Partial<Pick<DraftRecord, 'name' | 'scope' | 'kinds' | 'decisions' | 'yaml'>>;

/**
 * The `keptEdges` column holds the decisions as a JSON array (its default `[]` is "no decision"); anything
 * else (an older shape) reads as no decision rather than failing the page.
 */
function toDraftRecord(row: Rows.Draft): DraftRecord {
  const decisions = fromJson<unknown>(row.keptEdges);
  return {
    id: row.id,
    snapshotId: row.snapshotId,
    name: row.name,
    scope: fromJson<DraftScopeRecord>(row.scope),
    kinds: [...row.kinds],
    decisions: Array.isArray(decisions) ? (decisions as EdgeDecisionRecord[]) : [],
    yaml: row.yaml,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Creates a draft of an existing snapshot; `not-found` when the snapshot does not exist. */
export async function createDraft(input: NewDraft, db: Tx = getPrisma()): Promise<DraftRecord> {
  if (!isUuid(input.snapshotId) || !(await db.snapshot.findUnique({ where: { id: input.snapshotId }, select: { id: true } }))) throw notFound(`Snapshot ${input.snapshotId}`);
  const row = await db.draft.create({
    data: {
      snapshotId: input.snapshotId,
      name: input.name,
      scope: toJson(input.scope),
      kinds: input.kinds,
      keptEdges: toJson(input.decisions ?? []),
      yaml: input.yaml ?? '',
    },
  });
  return toDraftRecord(row);
}

/** A snapshot's drafts, most recently changed first. */
export async function listDrafts(snapshotId: string, db: Tx = getPrisma()): Promise<DraftRecord[]> {
  if (!isUuid(snapshotId)) return [];
  const rows = await db.draft.findMany({ where: { snapshotId }, orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }] });
  return rows.map(toDraftRecord);
}

export async function getDraft(id: string, db: Tx = getPrisma()): Promise<DraftRecord> {
  if (!isUuid(id)) throw notFound(`Draft ${id}`);
  const row = await db.draft.findUnique({ where: { id } });
  if (!row) throw notFound(`Draft ${id}`);
  return toDraftRecord(row);
}

/** Changes the given fields only; `not-found` when the draft does not exist. */
export async function updateDraft(id: string, update: DraftUpdate, db: Tx = getPrisma()): Promise<DraftRecord> {
  if (!isUuid(id)) throw notFound(`Draft ${id}`);
  const { count } = await db.draft.updateMany({
    where: { id },
    data: {
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.scope !== undefined ? { scope: toJson(update.scope) } : {}),
      ...(update.kinds !== undefined ? { kinds: update.kinds } : {}),
      ...(update.decisions !== undefined ? { keptEdges: toJson(update.decisions) } : {}),
      ...(update.yaml !== undefined ? { yaml: update.yaml } : {}),
    },
  });
  if (count === 0) throw notFound(`Draft ${id}`);
  return getDraft(id, db);
}

export async function deleteDraft(id: string, db: Tx = getPrisma()): Promise<void> {
  if (!isUuid(id)) throw notFound(`Draft ${id}`);
  const { count } = await db.draft.deleteMany({ where: { id } });
  if (count === 0) throw notFound(`Draft ${id}`);
}
