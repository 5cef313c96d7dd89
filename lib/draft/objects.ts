import { parseManifestText } from '../manifest';
import type { Parsed } from '../model/diagnostics';
import type { ManifestObject } from '../model/manifest';
import { renderYaml } from './render';
import type { DraftDocument, DraftKind } from './types';

/**
 * The draft as the engine reads manifests: rendered to YAML and parsed back, so what is simulated is exactly
 * what would be exported (and applied).
 */
export function toManifestObjects(documents: readonly DraftDocument[], file = 'eastwest-draft.yaml'): Parsed<ManifestObject[]> {
  return parseManifestText(renderYaml(documents), file);
}

/** The draft family a policy object belongs to, `null` for objects a draft never replaces (inventory, cluster-scoped policies). */
export function familyOf(o: Pick<ManifestObject, 'apiVersion' | 'kind'>): DraftKind | null {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  if (group === 'networking.k8s.io' && o.kind === 'NetworkPolicy') return 'networkpolicy';
  if (group === 'security.istio.io' && o.kind === 'AuthorizationPolicy') return 'istio';
  if (group === 'cilium.io' && o.kind === 'CiliumNetworkPolicy') return 'cilium';
  if (group === 'policy.linkerd.io') return 'linkerd';
  return null;
}
