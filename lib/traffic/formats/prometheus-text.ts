/**
 * One sample line of the Prometheus text exposition format 0.0.4
 * (prometheus.io/docs/instrumenting/exposition_formats/#text-format-details):
 *   metric_name [ "{" label_name "=" `"` label_value `"` { "," … } [ "," ] "}" ] value [ timestamp ]
 * Label values escape `\\`, `\"` and `\n`; values are Go floats (`NaN`, `+Inf`, `-Inf`); the optional
 * timestamp is milliseconds since the epoch. Comment lines (`# HELP`, `# TYPE`, anything after `#`) are not samples.
 *
 * Hand-written rather than an npm parser because the importer streams line by line (the npm parsers
 * take the whole text) and a sample line is a small, fully specified grammar.
 */
export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds since the epoch when the line carries a timestamp. */
  timestampMs?: number;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;

function parseValue(s: string): number | undefined {
  if (s === 'NaN') return NaN;
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

/** Parses a sample line; returns an error message (string) for a malformed line. */
export function parsePromSample(line: string): PromSample | string {
  let rest = line.trim();
  const name = NAME.exec(rest)?.[0];
  if (!name) return 'expected a metric name';
  rest = rest.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    let i = 1;
    for (;;) {
      while (rest[i] === ' ' || rest[i] === '\t') i++;
      if (rest[i] === '}') {
        i++;
        break;
      }
      const label = LABEL_NAME.exec(rest.slice(i))?.[0];
      if (!label) return `expected a label name at column ${i + name.length + 1}`;
      i += label.length;
      while (rest[i] === ' ' || rest[i] === '\t') i++;
      if (rest[i] !== '=' || rest[i + 1] !== '"') return `expected ="…" after label ${label}`;
      i += 2;
      let value = '';
      for (;;) {
        const c = rest[i];
        if (c === undefined) return `unterminated value of label ${label}`;
        if (c === '"') break;
        if (c === '\\') {
          const n = rest[i + 1];
          if (n === 'n') value += '\n';
          else if (n === '\\' || n === '"') value += n;
          else return `invalid escape \\${n ?? ''} in label ${label}`;
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      i++; // closing quote
      labels[label] = value;
      while (rest[i] === ' ' || rest[i] === '\t') i++;
      if (rest[i] === ',') i++;
      else if (rest[i] !== '}') return `expected , or } after label ${label}`;
    }
    rest = rest.slice(i);
  }
  const fields = rest.trim().split(/[ \t]+/);
  if (fields.length < 1 || fields.length > 2 || fields[0] === '') return 'expected a value and an optional timestamp';
  const value = parseValue(fields[0] as string);
  if (value === undefined) return `invalid sample value ${JSON.stringify(fields[0])}`;
  const sample: PromSample = { name, labels, value };
  if (fields[1] !== undefined) {
    if (!/^-?\d+$/.test(fields[1])) return `invalid timestamp ${JSON.stringify(fields[1])}`;
    sample.timestampMs = Number(fields[1]);
  }
  return sample;
}
