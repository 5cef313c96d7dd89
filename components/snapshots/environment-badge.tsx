import { Badge, type BadgeTone } from '@/components/ui/badge';

/** Production stands out, so that nobody mistakes a prod snapshot for a staging one. */
function toneFor(environment: string): BadgeTone {
  const env = environment.toLowerCase();
  if (env === 'prod' || env === 'production') return 'danger';
  if (env === 'staging' || env === 'stage') return 'warning';
  return 'neutral';
}

export function EnvironmentBadge({ environment }: { environment: string }) {
  return <Badge tone={toneFor(environment)}>{environment}</Badge>;
}
