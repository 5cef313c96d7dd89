import type { EndpointName } from '../model/identity';
import type { Inventory } from '../model/kubernetes';
import type { ManifestObject } from '../model/manifest';
import type { TimeWindow } from '../graph/model';
import type { SensitivityRules } from '../graph/sensitivity';
import type { ObservedEdge } from '../traffic/model';

/**
 * One snapshot as the findings engine sees it: the same three inputs every engine face uses
 * (cluster state, policy objects, observed edges), from files (CLI) or from lib/db (server).
 */
export interface SnapshotInput {
  inventory: Inventory;
  /** Every manifest object (inventory kinds are ignored by the policy layers). */
  objects: readonly ManifestObject[];
  edges: readonly ObservedEdge[];
  window?: TimeWindow;
  /** User-tagged crown jewels (`ns/name`, or `ns/*`). */
  crownJewelTags?: readonly EndpointName[];
  /** Label rules that mark crown jewels (default `DEFAULT_SENSITIVITY_RULES`; the server reads the environment). */
  sensitivityRules?: SensitivityRules;
}
