import { Badge } from '@/components/ui/badge';
import type { SensitivityFinding, SensitivityReason } from '@/lib/graph/sensitivity';

/**
 * How every page shows a workload's sensitivity (lib/graph `classifySnapshotSensitivity`): Findings' API
 * inventory, the blast-radius panel and the graph's node panel use this badge, so one workload reads the same
 * everywhere: `crown-jewel` (tagged or label rule) in red, `sensitive` (inferred) in amber, with its categories.
 */
export function SensitivityBadge({ sensitivity }: { sensitivity: Pick<SensitivityFinding, 'level' | 'categories'> }) {
  return <Badge tone={sensitivity.level === 'crown-jewel' ? 'danger' : 'warning'}>{[sensitivity.level, ...sensitivity.categories].join(' · ')}</Badge>;
}

/** One reason in words, as the Findings table lists them. */
export function sensitivityReasonText(r: SensitivityReason): string {
  switch (r.kind) {
    case 'tag':
      return 'tagged';
    case 'label':
      return `label ${r.rule}`;
    case 'port':
      return `port ${r.port} (${r.product})`;
    case 'name':
      return `name ${r.match}`;
    case 'path':
      return `path: ${r.category} (${r.path})`;
    case 'service-name':
      return `service name: ${r.category}`;
  }
}
