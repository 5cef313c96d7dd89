import { getHealth } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** Database reachability and migration state; 503 when the app cannot serve data. */
export async function GET(): Promise<Response> {
  const health = await getHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
}
