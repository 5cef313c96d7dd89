import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { jsonElementLines } from '../lib/manifest';
import type { Protocol } from '../lib/model/kubernetes';
import type { HttpRequest } from '../lib/model/verdict';
import type { ReachQuery } from '../lib/policy';
import { InputError } from './exit';

const protocolSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(['TCP', 'UDP', 'SCTP']));

export const reachQuerySchema = z.object({
  from: z.string().min(1),
  to: z.string().min(1),
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]),
  protocol: protocolSchema.optional(),
  method: z.string().optional(),
  path: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  requestPrincipal: z.string().optional(),
});

export type ReachQueryInput = z.infer<typeof reachQuerySchema>;

export function parseProtocol(s: string | undefined): Protocol | undefined {
  if (s === undefined) return undefined;
  const r = protocolSchema.safeParse(s);
  if (!r.success) throw new InputError(`--protocol: expected TCP, UDP or SCTP, got "${s}"`);
  return r.data;
}

/** A port given as text: digits are a number, anything else a container port name. */
export function parsePort(s: string): number | string {
  return /^\d+$/.test(s) ? Number(s) : s;
}

export function toRequest(q: { method?: string; path?: string; headers?: Record<string, string>; requestPrincipal?: string }): HttpRequest | undefined {
  const headers = q.headers ? Object.fromEntries(Object.entries(q.headers).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
  const r: HttpRequest = {
    ...(q.method ? { method: q.method.toUpperCase() } : {}),
    ...(q.path ? { path: q.path.split('?')[0] ?? q.path } : {}),
    ...(headers ? { headers } : {}),
    ...(q.requestPrincipal ? { requestPrincipal: q.requestPrincipal } : {}),
  };
  return Object.keys(r).length > 0 ? r : undefined;
}

export function toReachQuery(q: ReachQueryInput): ReachQuery {
  const port = typeof q.port === 'string' ? parsePort(q.port) : q.port;
  const request = toRequest(q);
  return { from: q.from, to: q.to, port, ...(q.protocol ? { protocol: q.protocol } : {}), ...(request ? { request } : {}) };
}

export interface LocatedQuery {
  line: number;
  query: ReachQuery | null;
  error?: string;
}

/** Reads the `--queries` file: a JSON array of queries; every bad element is reported with its line. */
export async function readQueries(file: string): Promise<LocatedQuery[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : 1;
    throw new InputError(`${file}:${line}: invalid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new InputError(`${file}:1: expected a JSON array of queries`);
  const lines = jsonElementLines(text, 1);
  return data.map((item, i) => {
    const line = lines[i] ?? 1;
    const r = reachQuerySchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      return { line, query: null, error: `query ${i}: ${issue ? `${issue.path.join('.') || 'item'}: ${issue.message}` : 'invalid'}` };
    }
    return { line, query: toReachQuery(r.data) };
  });
}
