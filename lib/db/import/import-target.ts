import { randomUUID } from 'node:crypto';
import { getPrisma } from '../client';
import { snapshotNameTaken } from '../snapshots';
import type { Tx } from '../transaction';
import { lockSnapshot } from './snapshot-store';

/** A snapshot to create with the first file that imports into it. */
export interface NewSnapshotSpec {
  name: string;
  cluster: string;
  environment: string;
  description?: string;
  /**
   * When a snapshot of that name already exists in the cluster (made meanwhile by another import): `fail` with a
   * `conflict` (the import page's "New snapshot": the user asked for a new one), or `use` it (`eastwest import -s`,
   * which finds or creates). Default `fail`.
   */
  ifExists?: 'fail' | 'use';
}

/** A `conflict` when the cluster already has a snapshot of that name: checked before an upload is read. */
export async function assertSnapshotNameFree(spec: Pick<NewSnapshotSpec, 'name' | 'cluster'>): Promise<void> {
  const taken = await getPrisma().snapshot.findUnique({ where: { cluster_name: { cluster: spec.cluster, name: spec.name } }, select: { id: true } });
  if (taken) throw snapshotNameTaken(spec);
}

/**
 * Where an import writes: an existing snapshot, or a new one that does not exist until a file is imported into
 * it. The new snapshot's row is inserted inside the transaction of the first file that succeeds, so it commits
 * with that file's content or not at all: files that all fail leave no empty snapshot behind.
 */
export class ImportTarget {
  private entered: { id: string; created: boolean } | null = null;
  private createdHere = false;

  private constructor(
    private id: string | null,
    private pending: NewSnapshotSpec | null,
  ) {}

  static existing(snapshotId: string): ImportTarget {
    return new ImportTarget(snapshotId, null);
  }

  static create(spec: NewSnapshotSpec): ImportTarget {
    return new ImportTarget(null, spec);
  }

  /** The snapshot's id once it exists; null while no file has been imported into a new one. */
  get snapshotId(): string | null {
    return this.id;
  }

  /** Whether this import created the snapshot (false for an existing one, or a new one nothing was imported into). */
  get created(): boolean {
    return this.createdHere;
  }

  /**
   * First step of a file's transaction: creates the pending snapshot (rolled back with the file if it fails),
   * then takes the snapshot's row lock. Returns the snapshot's id.
   */
  async enter(tx: Tx): Promise<string> {
    this.entered = null;
    if (this.id !== null) {
      await lockSnapshot(tx, this.id);
      this.entered = { id: this.id, created: false };
      return this.id;
    }
    const spec = this.pending!;
    // ON CONFLICT waits for a concurrent insert of the same name to commit or roll back, then skips: no unique
    // violation that would abort the transaction (https://www.postgresql.org/docs/current/sql-insert.html#SQL-ON-CONFLICT).
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "Snapshot" ("id", "name", "cluster", "environment", "description", "updatedAt")
      VALUES (${randomUUID()}::uuid, ${spec.name}, ${spec.cluster}, ${spec.environment}, ${spec.description ?? null}, CURRENT_TIMESTAMP)
      ON CONFLICT ("cluster", "name") DO NOTHING
      RETURNING id::text AS id`;
    if (inserted[0]) {
      this.entered = { id: inserted[0].id, created: true };
      await lockSnapshot(tx, inserted[0].id);
      return inserted[0].id;
    }
    if ((spec.ifExists ?? 'fail') === 'fail') throw snapshotNameTaken(spec);
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "Snapshot" WHERE "cluster" = ${spec.cluster} AND "name" = ${spec.name} FOR UPDATE`;
    if (!rows[0]) throw snapshotNameTaken(spec); // deleted between the insert and the select: rare, and a retry works
    this.entered = { id: rows[0].id, created: false };
    return rows[0].id;
  }

  /** After the transaction that called `enter` committed: the snapshot exists from now on. */
  committed(): void {
    if (!this.entered) return;
    this.id = this.entered.id;
    this.createdHere ||= this.entered.created;
    this.pending = null;
    this.entered = null;
  }
}
