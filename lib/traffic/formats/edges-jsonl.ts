import { edgeRowToRecord } from './edge-row';
import type { FormatDefinition } from './types';
import { isObject, parseJsonObjectLine } from './util';

/** Canonical edge list as JSON Lines: the CSV columns as keys, numbers unquoted (README §5). */
export const edgesJsonlFormat: FormatDefinition = {
  unit: 'lines',
  create(sink) {
    return {
      push(text, line) {
        const o = parseJsonObjectLine(text, line, sink);
        if (!o) return;
        // Lossless export writes verdicts/denied_by as structured values; accept both shapes.
        const row: Record<string, unknown> = { ...o };
        if (isObject(o.verdicts)) row.verdicts = Object.entries(o.verdicts).map(([k, n]) => `${k}=${String(n)}`).join(';');
        if (Array.isArray(o.observed_by)) row.observed_by = o.observed_by.join(',');
        const r = edgeRowToRecord(row, line);
        if (r.ok) sink.record(r.record);
        else sink.skip(line, 'invalid-record', r.message);
      },
      end() {},
    };
  },
};
