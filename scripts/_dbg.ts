import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveDatabase } from '@/lib/db/resolve-database';
import { createMigration } from '@/lib/db/migrate';
const db = await resolveDatabase({});
const dir = await mkdtemp(path.join(os.tmpdir(), 'mig-'));
await cp('prisma', path.join(dir, 'prisma'), { recursive: true });
try {
  console.log(await createMigration('x', db.url, { schemaPath: path.join(dir, 'prisma/schema.prisma'), migrationsDir: path.join(dir, 'prisma/migrations') }));
} catch (e) { console.log('ERR', e, (e as any).cause); }
await db.stop();
