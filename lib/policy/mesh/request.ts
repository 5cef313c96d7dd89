import type { Connection } from '../../model/verdict';

/** The HTTP request of a query as a mesh proxy sees it (paths without query strings, lower-cased header names). */
export interface KnownRequest {
  method?: string;
  path?: string;
  host?: string;
  /** Lower-cased names; absent = not sent. */
  headers: Record<string, string>;
  /** `null` = no valid JWT. */
  requestPrincipal: string | null;
}

/** `null` when the query describes no request (any request on the port). */
export function toKnownRequest(connection: Connection): KnownRequest | null {
  const r = connection.request;
  if (!r) return null;
  const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const host = headers.host ?? headers[':authority'];
  return {
    ...(r.method !== undefined ? { method: r.method } : {}),
    ...(r.path !== undefined ? { path: r.path.split('?')[0] ?? '' } : {}),
    ...(host !== undefined ? { host } : {}),
    headers,
    requestPrincipal: r.requestPrincipal ?? null,
  };
}

export function describeRequest(connection: Connection, tcp: boolean): string {
  if (tcp) return `a TCP connection to port ${connection.port}`;
  const r = connection.request;
  if (!r) return `any HTTP request to port ${connection.port}`;
  return `${r.method ?? '(any method)'} ${r.path ?? '(any path)'}`;
}
