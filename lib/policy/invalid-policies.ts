import type { Diagnostic } from '../model/diagnostics';
import { emptyInventory } from '../model/kubernetes';
import type { ManifestObject } from '../model/manifest';
import { createEvaluator } from './evaluate';

/**
 * The policy objects among `objects` that evaluation will ignore because they are invalid, as the error
 * diagnostics (file, line, reason) that evaluation itself reports: what the API server, the CNI agent or the
 * mesh control plane would refuse (a NetworkPolicy port with `protocol: TCPX`, a CiliumNetworkPolicy with
 * `specs` nested under `spec`, an unknown Istio action...).
 *
 * It runs the layer factories that build the evaluator (`createEvaluator`), so an object is rejected here
 * exactly when it is ignored later. It runs them on an empty inventory: their errors are about one object
 * alone, never about pods or other objects (those are warnings, e.g. a principal that matches no
 * ServiceAccount, and depend on what else the snapshot holds), so a file's policies can be checked on their
 * own, before they are stored.
 */
export function findInvalidPolicies(objects: ManifestObject[]): Diagnostic[] {
  return createEvaluator(emptyInventory(), objects).diagnostics.filter((d) => d.severity === 'error');
}
