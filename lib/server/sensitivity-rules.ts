import { DEFAULT_SENSITIVITY_RULES, type SensitivityRules } from '@/lib/graph';

/**
 * Label rules that mark crown jewels, configured by the operator: `EASTWEST_CROWN_JEWEL_LABELS` is a comma list of
 * `key=value` or `key` (pod-template labels or annotations, or namespace labels), added to the defaults
 * (`data-classification=restricted`, `eastwest.io/crown-jewel=true`). The CLI takes `--crown-jewel-label`.
 */
export function sensitivityRulesFromEnv(env: Record<string, string | undefined> = process.env): SensitivityRules {
  const extra = (env.EASTWEST_CROWN_JEWEL_LABELS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return { labels: [...new Set([...DEFAULT_SENSITIVITY_RULES.labels, ...extra])] };
}
