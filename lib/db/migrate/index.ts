export { applyMigrations } from './apply';
export { createMigration, migrationFolderName, type CreatedMigration } from './create';
export { defaultMigrationPaths, listMigrationNames, type MigrationPaths } from './migrations-dir';
