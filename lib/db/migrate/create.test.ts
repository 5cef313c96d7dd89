import { describe, expect, test } from 'vitest';
import { migrationFolderName } from './create';

describe('migrationFolderName', () => {
  test.each([
    { name: 'init', folder: '20260312094100_init' },
    { name: 'Add crown jewels!', folder: '20260312094100_add_crown_jewels' },
    { name: '---', folder: '20260312094100_migration' },
  ])('$name → $folder (UTC timestamp, like Prisma)', ({ name, folder }) => {
    expect(migrationFolderName(name, new Date('2026-03-12T09:41:00Z'))).toBe(folder);
  });
});
