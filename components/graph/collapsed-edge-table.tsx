import { SUMMARY_KINDS } from '@/lib/graph/summary-edge';
import type { CollapsedEdgeCounts } from './collapsed-edge-counts';

/** A collapsed namespace's edges in this view per class: between its own workloads, and across its border. */
export function CollapsedEdgeTable({ counts }: { counts: CollapsedEdgeCounts }) {
  const columns = [
    ['inside', counts.internal],
    ['in', counts.incoming],
    ['out', counts.outgoing],
  ] as const;
  return (
    <table className="mt-2 w-full text-xs tabular-nums" data-testid="collapsed-edge-counts">
      <caption className="mb-1 text-left text-slate-500">Edges in this view: inside the namespace, and into and out of it</caption>
      <thead>
        <tr className="text-slate-500">
          <th scope="col" className="text-left font-medium">class</th>
          {columns.map(([label]) => (
            <th key={label} scope="col" className="text-right font-medium">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {SUMMARY_KINDS.map((k) => (
          <tr key={k} data-kind={k}>
            <th scope="row" className="text-left font-normal text-slate-600">
              {k}
            </th>
            {columns.map(([label, c]) => (
              <td key={label} className="text-right" data-column={label}>
                {c[k]}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
