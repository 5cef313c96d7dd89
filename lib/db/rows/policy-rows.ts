import { stringify } from 'yaml';
import type { Diagnostic, ManifestObject } from '@/lib/model';
import type * as Rows from '../generated/client';
import { fromJson, toJson, toNullableJson } from '../json';

/** A manifest object to store, with the YAML text it was read from when the caller has it. */
export type PolicyInput = ManifestObject & { rawYaml?: string; normalized?: unknown; diagnostics?: Diagnostic[] };

/** Which policy family an object belongs to, by API group (the UI groups and filters by it). */
export function policyFamily(apiVersion: string, kind: string): string {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (group === 'networking.k8s.io' && kind === 'NetworkPolicy') return 'networkpolicy';
  if (group === 'policy.networking.k8s.io') return 'adminnetworkpolicy';
  if (group.endsWith('istio.io')) return 'istio';
  if (group.endsWith('linkerd.io')) return 'linkerd';
  if (group === 'cilium.io') return 'cilium';
  if (group.endsWith('projectcalico.org')) return 'calico';
  return 'other';
}

export const toPolicyRow = (snapshotId: string, p: PolicyInput) => ({
  snapshotId,
  family: policyFamily(p.apiVersion, p.kind),
  kind: p.kind,
  apiVersion: p.apiVersion,
  namespace: p.metadata.namespace ?? null,
  name: p.metadata.name,
  metadata: toJson(p.metadata),
  body: toJson(p.body),
  rawYaml: p.rawYaml ?? stringify(p.body),
  normalized: toNullableJson(p.normalized),
  sourceFile: p.source.file,
  sourceLine: p.source.line,
  diagnostics: toJson(p.diagnostics ?? []),
});

export const fromPolicyRow = (r: Rows.Policy): ManifestObject => ({
  apiVersion: r.apiVersion,
  kind: r.kind,
  metadata: fromJson<ManifestObject['metadata']>(r.metadata),
  body: fromJson<Record<string, unknown>>(r.body),
  source: { file: r.sourceFile, line: r.sourceLine },
});
