import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { resolveDatabase } from '@/lib/db/resolve-database';
const db = await resolveDatabase({});
const main = new pg.Pool({ ...parseIntoClientConfig(db.url), max: 2 });
console.log(Object.keys(main.options), typeof (main.options as any).password);
await main.query('CREATE DATABASE dbg_shadow');
const shadow = new pg.Pool({ ...main.options, database: 'dbg_shadow', max: 2 });
try { console.log((await shadow.query('select current_database()')).rows); } catch (e) { console.log('ERR', e); }
await shadow.end(); await main.query('DROP DATABASE dbg_shadow'); await main.end();
await db.stop();
