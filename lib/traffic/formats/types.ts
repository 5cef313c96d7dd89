import type { Diagnostic } from '../../model/diagnostics';
import type { EndpointName } from '../../model/identity';
import type { ContainerPort, Protocol } from '../../model/kubernetes';
import type { SkipReason, TrafficRecord } from '../model';
import type { EnvoyLogFormat } from './envoy-format';

/** What a parser can ask about the cluster while parsing (direction heuristics need to know which side listens). */
export interface ParseHelpers {
  /** `true` if `ip` is a pod or Service IP that declares `port`; `false` if the IP is known and does not; `undefined` if the IP is unknown. */
  isListeningPort(ip: string, port: number, protocol: Protocol): boolean | undefined;
  /**
   * The ports the workload `ns/name` serves (container ports, mesh sidecar ports left out), `undefined`
   * when the inventory has no such workload. For inputs that name a workload but no port (`linkerd viz edges`).
   */
  servedPorts?(workload: EndpointName): ContainerPort[] | undefined;
}

export interface ParserOptions {
  file: string;
  /** `ns/name` or `ns/name:port`, the destination for server-side logs that do not name it (NGINX, app logs). */
  destination?: string;
  /** Time used for records without a timestamp (Linkerd tap), RFC 3339. */
  defaultTime: string;
  /** The user's Envoy access-log format(s) (`--envoy-format`), for Envoy/Istio logs not in Istio's defaults. */
  envoyFormat?: EnvoyLogFormat;
}

/**
 * The code of a server-side log record (NGINX, application log) that does not name its server and for which the
 * import was given none. Its message names no surface's control: the CLI adds its `--destination` flag
 * (cli/diagnostic-hints.ts), the import page its "Server-side logs" field (components/import/result-view.ts).
 */
export const MISSING_DESTINATION = 'missing-destination';

/** Where a parser sends its output. Parsers never throw on bad input. */
export interface ParserSink {
  record(r: TrafficRecord): void;
  /**
   * A line that is read but not turned into a record; `message` makes it a reported bad record. `code`, when the
   * reason is too broad for a surface to say what to do (MISSING_DESTINATION), is its diagnostic's code instead.
   */
  skip(line: number, reason: SkipReason, message?: string, code?: string): void;
  diagnostic(d: Diagnostic): void;
}

/** A streaming parser: fed one unit (line, or JSON object for `json-objects` formats) at a time. */
export interface FormatParser {
  push(text: string, line: number): void;
  /** Flushes state kept for correlation (pending requests, unmatched outbound entries). */
  end(): void;
}

export interface FormatDefinition {
  /** How the input is cut into units. */
  unit: 'lines' | 'json-objects';
  create(sink: ParserSink, options: ParserOptions, helpers: ParseHelpers): FormatParser;
}
