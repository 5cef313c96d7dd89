export { importFile } from './import-file';
export { importFiles, importIntoNewSnapshot, type NewSnapshotImport } from './import-files';
export { assertSnapshotNameFree, type NewSnapshotSpec } from './import-target';
export { DEFAULT_MAX_MANIFEST_BYTES } from './manifest-file';
export type { FileImportResult, ImportCounts, ImportFormat, ImportOptions, ImportPhase, ImportProgress, ImportUpload } from './types';
export { findRunningEmbeddedDatabase, type RunningEmbeddedOptions } from './running-embedded';
