import type { FormatName } from '../model';
import { appJsonFormat } from './app-json';
import { awsVpcFormat } from './aws-vpc';
import { edgesCsvFormat } from './edges-csv';
import { edgesJsonlFormat } from './edges-jsonl';
import { envoyJsonFormat } from './envoy-json';
import { envoyTextFormat } from './envoy-text';
import { gcpVpcFormat } from './gcp-vpc';
import { hubbleFormat } from './hubble';
import { linkerdEdgesFormat } from './linkerd-edges';
import { linkerdMetricsFormat } from './linkerd-metrics';
import { linkerdTapFormat } from './linkerd-tap';
import { nginxJsonFormat } from './nginx-json';
import type { FormatDefinition } from './types';

export const FORMATS: Record<FormatName, FormatDefinition> = {
  hubble: hubbleFormat,
  'envoy-json': envoyJsonFormat,
  'envoy-text': envoyTextFormat,
  'linkerd-tap': linkerdTapFormat,
  'linkerd-edges': linkerdEdgesFormat,
  'linkerd-metrics': linkerdMetricsFormat,
  'nginx-json': nginxJsonFormat,
  'app-json': appJsonFormat,
  'aws-vpc': awsVpcFormat,
  'gcp-vpc': gcpVpcFormat,
  'edges-csv': edgesCsvFormat,
  'edges-jsonl': edgesJsonlFormat,
};

/** One line of help per format, for `--format` and the unknown-format error. */
export const FORMAT_DESCRIPTIONS: Record<FormatName, string> = {
  hubble: 'Cilium Hubble flows (`hubble observe -o json`, Hubble exporter files)',
  'envoy-json': 'Envoy/Istio JSON access logs (default JSON encoding, or the keys of a custom format given at import)',
  'envoy-text': "Envoy/Istio text access logs (Istio's default format, or a custom format given at import)",
  'linkerd-tap': 'Linkerd `linkerd viz tap -o json`',
  'linkerd-edges': 'Linkerd `linkerd viz edges <resource> -o json` (open connections, no ports or counts)',
  'linkerd-metrics': 'Linkerd proxy metrics, Prometheus text (`linkerd diagnostics proxy-metrics`, :4191/metrics)',
  'nginx-json': 'NGINX JSON access logs with client certificate CN',
  'app-json': 'application JSON access logs (caller_identity, source_ip, method, path, status_code)',
  'aws-vpc': 'AWS VPC flow logs, version 2 default format',
  'gcp-vpc': 'GCP VPC flow logs (Cloud Logging LogEntry JSON)',
  'edges-csv': 'canonical edge list, CSV',
  'edges-jsonl': 'canonical edge list, JSON Lines',
};
