import type { ReactNode } from 'react';

/** `source → destination TCP/7070 GET /api/{id}`: one connection, as every draft panel prints it. */
export function EdgeLabel({ source, destination, port, protocol, method, pathTemplate, operations }: {
  source: string;
  destination: string;
  port: number;
  protocol: string;
  method?: string | undefined;
  pathTemplate?: string | undefined;
  operations?: { method?: string | undefined; pathTemplate?: string | undefined }[] | null | undefined;
}) {
  const ops = operations ?? (method !== undefined || pathTemplate !== undefined ? [{ method, pathTemplate }] : []);
  return (
    <span className="inline-flex min-w-0 flex-wrap items-baseline gap-x-1.5 font-mono text-xs">
      <span className="text-slate-800">{source}</span>
      <span aria-hidden className="text-slate-400">→</span>
      <span className="sr-only">to</span>
      <span className="text-slate-800">{destination}</span>
      <span className="text-slate-500">
        {protocol}/{port}
      </span>
      {ops.map((o, i) => (
        <Op key={i}>{[o.method, o.pathTemplate].filter(Boolean).join(' ')}</Op>
      ))}
    </span>
  );
}

function Op({ children }: { children: ReactNode }) {
  return <span className="rounded bg-slate-100 px-1 text-[11px] text-slate-600">{children}</span>;
}
