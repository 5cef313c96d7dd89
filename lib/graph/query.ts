import { z } from 'zod';
import type { EdgeClass, EdgeState, GraphFilters, TimeWindow } from './model';
import type { ViewOptions } from './aggregate';

/**
 * The graph query as it travels in a URL (API query string and the page's view state): every field optional,
 * lists comma-separated (or repeated), booleans as `1`/`true`. Shared by the API route and the UI.
 */
const split = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const list = z.string().transform(split).optional();
const enumList = <const T extends readonly [string, ...string[]]>(values: T) => z.string().transform(split).pipe(z.array(z.enum(values))).optional();
const time = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), 'expected an RFC 3339 time, e.g. 2026-03-12T09:40:00Z')
  .transform((s) => new Date(Date.parse(s)).toISOString())
  .optional();
const bool = z
  .enum(['1', '0', 'true', 'false'])
  .transform((s) => s === '1' || s === 'true')
  .optional();

/** A window that ends before it starts is a mistake (400), not an empty graph. */
const windowInOrder = (q: { from?: string | undefined; to?: string | undefined }) => !(q.from && q.to && q.from > q.to);
const windowOutOfOrder = { message: '`from` is after `to`', path: ['from'] };

export const graphQuerySchema = z
  .object({
    from: time,
    to: time,
    ns: list,
    class: enumList(['allowed', 'unauthorized', 'unused'] as const satisfies readonly EdgeClass[]),
    state: enumList(['denied', 'unprotected'] as const satisfies readonly EdgeState[]),
    port: z.coerce.number().int().min(1).max(65535).optional(),
    protocol: z
      .string()
      .transform((s) => s.toUpperCase())
      .pipe(z.enum(['TCP', 'UDP', 'SCTP']))
      .optional(),
    method: z.string().min(1).optional(),
    path: z.string().min(1).optional(),
    q: z.string().optional(),
    hideInfra: bool,
    collapseAbove: z.coerce.number().int().min(0).optional(),
    expand: list,
    collapse: list,
  })
  .refine(windowInOrder, windowOutOfOrder);

export type GraphQuery = z.infer<typeof graphQuerySchema>;

/** Query of the graph's detail endpoints (`graph/edge`, `graph/node`): the element's id and the graph's window. */
export const graphDetailQuerySchema = z.object({ id: z.string().min(1).max(2048), from: time, to: time });

/** Query of `graph/rules`: the window only (the rule lists do not depend on the view's filters). */
export const graphWindowQuerySchema = z.object({ from: time, to: time }).refine(windowInOrder, windowOutOfOrder);

export const detailWindow = (q: { from?: string | undefined; to?: string | undefined }): TimeWindow => ({ ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) });

/** URLSearchParams to the schema's input: repeated keys (`ns=a&ns=b`) are joined as a comma list. */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of params) out[k] = out[k] !== undefined ? `${out[k]},${v}` : v;
  return out;
}

export function toGraphRequest(q: GraphQuery): { window: TimeWindow; filters: GraphFilters; view: ViewOptions } {
  return {
    window: detailWindow(q),
    filters: {
      ...(q.ns?.length ? { namespaces: q.ns } : {}),
      ...(q.class?.length ? { classes: q.class } : {}),
      ...(q.state?.length ? { states: q.state } : {}),
      ...(q.port !== undefined ? { port: q.port } : {}),
      ...(q.protocol ? { protocol: q.protocol } : {}),
      ...(q.method ? { method: q.method } : {}),
      ...(q.path ? { path: q.path } : {}),
      ...(q.q ? { search: q.q } : {}),
      ...(q.hideInfra ? { hideInfra: true } : {}),
    },
    view: { ...(q.collapseAbove !== undefined ? { collapseAbove: q.collapseAbove } : {}), ...(q.expand ? { expand: q.expand } : {}), ...(q.collapse ? { collapse: q.collapse } : {}) },
  };
}
