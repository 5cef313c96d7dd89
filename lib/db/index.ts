/**
 * lib/db: the only place Prisma is used. Plain async functions; rows are reshaped into lib/model
 * types at this boundary. The Next server reads DATABASE_URL and never starts a database itself:
 * `npm start` (scripts/start.ts) resolves the embedded server and migrates before Next starts.
 */
export { getPrisma, disconnectPrisma, type Db } from './client';
export { getDatabaseUrl, describeDatabaseUrl } from './database-url';
export { DbError, isDbError, type DbErrorCode } from './errors';
export {
  listSnapshotsWithCounts,
  createSnapshot,
  getSnapshot,
  getSnapshotWithCounts,
  deleteSnapshot,
  type SnapshotInfo,
  type SnapshotWithCounts,
  type SnapshotCounts,
  type NewSnapshot,
} from './snapshots';
export { loadSnapshotEngine, loadSnapshotEvaluator, type SnapshotEngine, type SnapshotEvaluator } from './snapshot-engine';
export { loadGraphClassification, loadDefaultGraphView, defaultGraphResponse, saveGraphClassification, refreshGraphClassification, type StoredClassification, type ComputedClassification } from './graph-classification';
export { saveSnapshotContent, loadSnapshotContent, loadSnapshotPolicies, loadObservedEdges, trafficWindow, type SnapshotContent, type LoadedSnapshotContent, type PolicyInput } from './snapshot-content';
export { policyFamily } from './rows/policy-rows';
export { getHealth, type Health } from './health';
export { listCrownJewels, tagCrownJewel, untagCrownJewel, type CrownJewelTag } from './crown-jewels';
export { ensureDemoSnapshot, DEMO_SNAPSHOT, type DemoResult } from './demo';
export { recordAudit, listAuditLog, type AuditEntry, type AuditRecord } from './audit-log';
export type { Tx } from './transaction';
export { createDraft, listDrafts, getDraft, updateDraft, deleteDraft, type DraftRecord, type DraftScopeRecord, type EdgeDecisionRecord, type DraftOperationRecord, type NewDraft, type DraftUpdate } from './drafts';
export { importFile, importFiles, importIntoNewSnapshot, assertSnapshotNameFree, DEFAULT_MAX_MANIFEST_BYTES, type FileImportResult, type ImportCounts, type ImportFormat, type ImportOptions, type ImportPhase, type ImportProgress, type ImportUpload, type NewSnapshotImport, type NewSnapshotSpec, findRunningEmbeddedDatabase } from './import';
export { createUser, listUsers, getUserCredentials, updateUser, countActiveAdmins, findOrCreateOidcUser, createSession, getSessionUser, deleteSession, deleteExpiredSessions, type UserInfo, type NewUser, type UserRole } from './users';
export { markBaseline, clearBaseline, getBaseline, listTimeline, findSnapshotByName } from './baselines';
