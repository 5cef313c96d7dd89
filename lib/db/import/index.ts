export { importFile } from './import-file';
export { importFiles } from './import-files';
export { findOrCreateSnapshot, type SnapshotLookup } from './find-or-create-snapshot';
export { DEFAULT_MAX_MANIFEST_BYTES } from './manifest-file';
export type { FileImportResult, ImportCounts, ImportFormat, ImportOptions, ImportPhase, ImportProgress, ImportUpload } from './types';
export { findRunningEmbeddedDatabase, type RunningEmbeddedOptions } from './running-embedded';
