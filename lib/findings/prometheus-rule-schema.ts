import { z } from 'zod';

/**
 * Prometheus Operator `PrometheusRule` (monitoring.coreos.com/v1), the fields Eastwest writes. Mirrors the CRD
 * (prometheus-operator `pkg/apis/monitoring/v1/prometheusrule_types.go`): a rule has exactly one of `alert` or
 * `record`, `expr` is required, `for` is a Prometheus duration, labels/annotations are string maps.
 */
const duration = z.string().regex(/^((\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?|0)$/, 'Prometheus duration such as 5m').refine((s) => s !== '', 'empty duration');
const labelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/);

export const ruleSchema = z
  .object({
    alert: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/).optional(),
    record: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/).optional(),
    expr: z.string().min(1),
    for: duration.optional(),
    keep_firing_for: duration.optional(),
    labels: z.record(labelName, z.string()).optional(),
    annotations: z.record(labelName, z.string()).optional(),
  })
  .strict()
  .refine((r) => (r.alert === undefined) !== (r.record === undefined), 'a rule has exactly one of alert or record');

export const ruleGroupSchema = z
  .object({
    name: z.string().min(1),
    interval: duration.optional(),
    rules: z.array(ruleSchema).min(1),
  })
  .strict();

export const prometheusRuleSchema = z.object({
  apiVersion: z.literal('monitoring.coreos.com/v1'),
  kind: z.literal('PrometheusRule'),
  metadata: z.object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/).max(253),
    namespace: z.string().min(1).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z
    .object({ groups: z.array(ruleGroupSchema).min(1) })
    .strict()
    .refine((s) => new Set(s.groups.map((g) => g.name)).size === s.groups.length, 'group names must be unique'),
});

export type PrometheusRule = z.infer<typeof prometheusRuleSchema>;
export type AlertingRule = z.infer<typeof ruleSchema>;
