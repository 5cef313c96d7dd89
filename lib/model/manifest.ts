import type { Labels } from './kubernetes';
import type { SourceRef } from './source';

/** One Kubernetes-style object read from YAML or JSON (items of a `kind: List` are unpacked). */
export interface ManifestObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Labels; annotations: Labels; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
  /** The whole object as parsed (plain JSON data). */
  body: Record<string, unknown>;
  source: SourceRef;
}

/** Settings shared by all policy layers. */
export interface EngineOptions {
  /** Istio/SPIFFE trust domain, default `cluster.local`. */
  trustDomain: string;
  /** Istio root namespace for mesh-wide policies, default `istio-system`. */
  istioRootNamespace: string;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = { trustDomain: 'cluster.local', istioRootNamespace: 'istio-system' };
