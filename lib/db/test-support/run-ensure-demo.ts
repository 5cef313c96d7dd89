/** Child process for demo.int.test.ts: loads the demo into DATABASE_URL (the test kills it halfway). */
import { ensureDemoSnapshot } from '../demo';
import { disconnectPrisma } from '../client';

const result = await ensureDemoSnapshot(process.env.DATABASE_URL);
console.log(JSON.stringify({ created: result.created, id: result.snapshot.id }));
await disconnectPrisma();
