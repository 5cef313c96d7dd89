import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node, type YAMLMap } from 'yaml';
import type { Diagnostic, Parsed } from '../../model/diagnostics';
import { compileEnvoyJsonFormat, compileEnvoyTextFormat, type CompiledJsonField, type EnvoyLogFormat } from './envoy-format';
import { ISTIO_JSON_KEYS } from './envoy-json';

/**
 * Finds the Envoy access-log format(s) in what the user already has, and compiles them:
 *  - a format string (`[%START_TIME%] "%REQ(:METHOD)% ..."`, one line) or a format dictionary (`{"key": "%OP%"}`);
 *  - Istio configuration (YAML, several documents allowed): `extensionProviders[].envoyFileAccessLog.logFormat.text|labels`
 *    (MeshConfig in an IstioOperator `spec.meshConfig`, Helm values `meshConfig`, or the `istio` ConfigMap's
 *    `data.mesh`), and `meshConfig.accessLogFormat` read as JSON when `accessLogEncoding: JSON`
 *    (istio/istio pilot/pkg/model/telemetry_logging.go: fileAccessLogFromTelemetry, fileAccessLogWithDefaults);
 *  - Envoy configuration: `log_format.text_format_source.inline_string`, `text_format`, `json_format`, `typed_json_format`.
 * Every text format found is tried on each line (a mesh may use several providers); JSON keys of all formats are merged.
 */

interface Found {
  kind: 'text' | 'json';
  line: number;
  text?: string;
  labels?: Record<string, unknown>;
  keyLines?: Map<string, number>;
}

const OPERATOR_HINT = /%[A-Z][A-Z0-9_]*[%(]/;

function keyLinesOf(node: YAMLMap, lc: LineCounter, offset: number, prefix: string[], out: Map<string, number>): Map<string, number> {
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (key === undefined) continue;
    const path = [...prefix, key];
    const start = (pair.key as Node).range?.[0];
    if (start !== undefined) out.set(path.join('\u0000'), lc.linePos(start).line + offset);
    if (isMap(pair.value)) keyLinesOf(pair.value, lc, offset, path, out);
  }
  return out;
}

function parseJsonLabels(text: string): Record<string, unknown> | undefined {
  try {
    const o: unknown = JSON.parse(text);
    return typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Walks YAML documents for format settings; `offset` shifts lines of YAML nested in a string (ConfigMap `data.mesh`). */
function findInYaml(text: string, offset: number, file: string, found: Found[], diagnostics: Diagnostic[]): { istio: boolean } {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc });
  const state = { istio: false };
  const lineOf = (n: unknown): number => {
    const r = (n as Node | undefined)?.range;
    return (r ? lc.linePos(r[0]).line : 1) + offset;
  };
  const scalarText = (n: unknown): string | undefined => (isScalar(n) && typeof n.value === 'string' ? n.value : undefined);
  /** Block scalars (`|`, `>`) start on the line after their indicator. */
  const contentLine = (n: unknown): number => lineOf(n) + (isScalar(n) && (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') ? 1 : 0);

  const visit = (node: unknown): void => {
    if (isSeq(node)) {
      for (const item of node.items) visit(item);
      return;
    }
    if (!isMap(node)) return;
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = pair.value;
      if (key === 'accessLogFile' || key === 'accessLogEncoding' || key === 'envoyFileAccessLog' || key === 'accessLogging') state.istio = true;
      if (key === 'logFormat' && isMap(value)) {
        const t = scalarText(value.get('text', true));
        const labels = value.get('labels', true);
        if (t !== undefined) found.push({ kind: 'text', line: contentLine(value.get('text', true)), text: t });
        else if (isMap(labels)) found.push({ kind: 'json', line: lineOf(labels), labels: labels.toJSON() as Record<string, unknown>, keyLines: keyLinesOf(labels, lc, offset, [], new Map()) });
        continue;
      }
      if (key === 'accessLogFormat') {
        const t = scalarText(value);
        if (!t) continue;
        if (scalarText(node.get('accessLogEncoding', true)) === 'JSON') {
          const labels = parseJsonLabels(t);
          if (labels) found.push({ kind: 'json', line: contentLine(value), labels });
          else diagnostics.push({ severity: 'error', code: 'envoy-format-invalid', message: 'accessLogFormat with accessLogEncoding: JSON is not a JSON object', file, line: contentLine(value) });
        } else found.push({ kind: 'text', line: contentLine(value), text: t });
        continue;
      }
      if (key === 'text_format' && scalarText(value) !== undefined) {
        found.push({ kind: 'text', line: contentLine(value), text: scalarText(value) as string });
        continue;
      }
      if (key === 'text_format_source' && isMap(value) && scalarText(value.get('inline_string', true)) !== undefined) {
        found.push({ kind: 'text', line: contentLine(value.get('inline_string', true)), text: scalarText(value.get('inline_string', true)) as string });
        continue;
      }
      if ((key === 'json_format' || key === 'typed_json_format') && isMap(value)) {
        found.push({ kind: 'json', line: lineOf(value), labels: value.toJSON() as Record<string, unknown>, keyLines: keyLinesOf(value, lc, offset, [], new Map()) });
        continue;
      }
      // The `istio` ConfigMap holds the MeshConfig as a YAML string.
      if (key === 'mesh' && scalarText(value) !== undefined) {
        const inner = findInYaml(scalarText(value) as string, contentLine(value) - 1, file, found, diagnostics);
        state.istio ||= inner.istio;
        continue;
      }
      visit(value);
    }
  };

  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      diagnostics.push({ severity: 'error', code: 'envoy-format-invalid', message: `not valid YAML: ${e?.message.split('\n')[0] ?? ''}`, file, line: e ? lc.linePos(e.pos[0]).line + offset : offset + 1 });
      continue;
    }
    visit(doc.contents);
  }
  return state;
}

/** Reads and compiles the Envoy access-log format(s) in `text` (the value of `--envoy-format`, or the file it names). */
export function readEnvoyLogFormat(text: string, file: string): Parsed<EnvoyLogFormat | undefined> {
  const diagnostics: Diagnostic[] = [];
  const source = text.replace(/^\uFEFF/, '');
  const trimmed = source.trim();
  if (!trimmed) {
    diagnostics.push({ severity: 'error', code: 'envoy-format-invalid', message: 'the Envoy access log format is empty', file, line: 1 });
    return { value: undefined, diagnostics };
  }
  const found: Found[] = [];
  const labels = trimmed.startsWith('{') ? parseJsonLabels(trimmed) : undefined;
  if (labels && Object.values(labels).some((v) => typeof v === 'string' && OPERATOR_HINT.test(v))) {
    found.push({ kind: 'json', line: source.slice(0, source.indexOf('{')).split('\n').length, labels });
  } else {
    // Configuration first; failing that, one line (besides `#` comments) is a format string.
    const yamlDiagnostics: Diagnostic[] = [];
    const state = findInYaml(source, 0, file, found, yamlDiagnostics);
    const lines = source.split('\n').map((l, i) => ({ text: l.replace(/\r$/, ''), line: i + 1 })).filter((l) => l.text.trim() !== '' && !l.text.trimStart().startsWith('#'));
    if (found.length > 0) diagnostics.push(...yamlDiagnostics);
    else if (lines.length === 1 && lines[0]) found.push({ kind: 'text', line: lines[0].line, text: lines[0].text.trim() });
    else if (state.istio && yamlDiagnostics.length === 0) {
      diagnostics.push({ severity: 'info', code: 'envoy-format-default', message: "no custom access log format: Istio's default text and JSON formats are read without one", file, line: 1 });
      return { value: { text: [], diagnostics: [] }, diagnostics };
    } else {
      diagnostics.push(
        ...yamlDiagnostics,
        {
          severity: 'error',
          code: 'envoy-format-invalid',
          message: 'no Envoy access log format found (a format string, a JSON format dictionary, or Istio/Envoy configuration with logFormat.text|labels, accessLogFormat, text_format_source or json_format)',
          file,
          line: 1,
        },
      );
    }
  }
  if (found.length === 0) return { value: undefined, diagnostics };

  const reported = new Set<string>();
  const textFormats = new Map<string, ReturnType<typeof compileEnvoyTextFormat>>();
  const json = new Map<string, CompiledJsonField>();
  /** Which format (file:line) set each key, to report keys that two formats map differently. */
  const setBy = new Map<string, string>();
  for (const f of compileEnvoyJsonFormat(ISTIO_JSON_KEYS, { file, line: 1 }, [], undefined, new Set())) json.set(f.path.join('\u0000'), f);
  let customJson = false;
  for (const f of found) {
    if (f.kind === 'text' && f.text !== undefined) {
      const key = f.text.replace(/(\\n|\r?\n)+$/, '');
      if (!textFormats.has(key)) textFormats.set(key, compileEnvoyTextFormat(f.text, { file, line: f.line }, diagnostics, reported));
      continue;
    }
    if (!f.labels) continue;
    customJson = true;
    const fields = compileEnvoyJsonFormat(f.labels, { file, line: f.line }, diagnostics, (p) => f.keyLines?.get(p.join('\u0000')), reported);
    for (const field of fields) {
      const k = field.path.join('\u0000');
      const before = json.get(k);
      const earlier = setBy.get(k);
      if (before && earlier !== undefined && earlier !== String(f.line) && JSON.stringify([before.single, before.pieces]) !== JSON.stringify([field.single, field.pieces])) {
        diagnostics.push({ severity: 'warning', code: 'envoy-format-conflict', message: `JSON key "${field.path.join('.')}" means different operators in the formats at lines ${earlier} and ${f.line}: the later one is used`, file, line: f.keyLines?.get(k) ?? f.line });
      }
      json.set(k, field);
      setBy.set(k, String(f.line));
    }
  }
  const compiledText = [...textFormats.values()].filter((t) => t !== undefined);
  const value: EnvoyLogFormat = {
    text: compiledText,
    ...(customJson ? { json: [...json.values()] } : {}),
    diagnostics: diagnostics.filter((d) => d.severity !== 'error'),
  };
  const usable = compiledText.length > 0 || customJson;
  return { value: usable ? value : undefined, diagnostics };
}
