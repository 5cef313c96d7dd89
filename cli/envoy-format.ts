import { readFile } from 'node:fs/promises';
import { formatDiagnostic, hasErrors } from '../lib/model/diagnostics';
import { readEnvoyLogFormat, type EnvoyLogFormat } from '../lib/traffic/node';
import { InputError } from './exit';

export const ENVOY_FORMAT_HELP =
  'Envoy/Istio access log format: a format string, a JSON format dictionary, or @file (the format, or the Istio/Envoy ' +
  'config that holds it: MeshConfig, IstioOperator, istio ConfigMap, Envoy access_log)';

/**
 * `--envoy-format '<format>'` or `--envoy-format @file`, compiled once for every traffic file. A format that cannot
 * be read is a usage error; its warnings (operators ignored) travel with it into the diagnostics of the files it reads.
 */
export async function loadEnvoyFormat(value: string | undefined): Promise<{ envoyFormat?: EnvoyLogFormat }> {
  if (value === undefined) return {};
  let text = value;
  let file = '--envoy-format';
  if (value.startsWith('@')) {
    file = value.slice(1);
    text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      throw new InputError(`--envoy-format: cannot read ${file} (${e.code ?? e.message})`);
    });
  }
  const r = readEnvoyLogFormat(text, file);
  if (hasErrors(r.diagnostics) || !r.value) {
    throw new InputError(['--envoy-format: cannot use this format', ...r.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)].join('\n'));
  }
  return { envoyFormat: r.value };
}
