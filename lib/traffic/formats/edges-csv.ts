import { splitCsvLine } from './csv';
import { EDGE_REQUIRED_COLUMNS, edgeRowToRecord } from './edge-row';
import type { FormatDefinition } from './types';

/** Canonical edge list as CSV with a header row (README §5); see edge-row.ts for the columns. */
export const edgesCsvFormat: FormatDefinition = {
  unit: 'lines',
  create(sink) {
    let header: string[] | undefined;
    return {
      push(text, line) {
        const cells = splitCsvLine(text);
        if (!header) {
          header = cells.map((c) => c.trim().toLowerCase());
          const missing = EDGE_REQUIRED_COLUMNS.filter((c) => !header?.includes(c));
          if (missing.length) sink.diagnostic({ severity: 'error', code: 'edge-list-header', message: `edge list header lacks ${missing.join(', ')}`, line });
          sink.skip(line, 'header');
          return;
        }
        const row: Record<string, string> = {};
        header.forEach((h, i) => {
          row[h] = (cells[i] ?? '').trim();
        });
        const r = edgeRowToRecord(row, line);
        if (r.ok) sink.record(r.record);
        else sink.skip(line, 'invalid-record', r.message);
      },
      end() {},
    };
  },
};
