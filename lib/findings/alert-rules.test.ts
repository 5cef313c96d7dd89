import { parse } from 'yaml';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeSnapshot, buildAlertRules, newCallerExpr, prometheusRuleSchema, renderAlertRules, type AnalyzedSnapshot } from './index';
import { loadBoutiqueInput } from './testing/boutique-timeline';
import { promqlSyntaxErrors } from './testing/promql';

describe('the PromQL checker itself', () => {
  test.each([
    { expr: 'sum by (a) (rate(m{x="1"}[5m])) > 0', valid: true },
    { expr: 'sum by (a) (rate(m{x="1"}[5m]) > 0', valid: false },
    { expr: 'rate(m{x=~"a|b"}[5m', valid: false },
    { expr: 'm{x="unterminated}', valid: false },
  ])('$expr is valid: $valid', ({ expr, valid }) => {
    expect(promqlSyntaxErrors(expr).length === 0).toBe(valid);
  });
});

describe('alert rules for the Online Boutique baseline', () => {
  let baseline: AnalyzedSnapshot;
  let yamlText: string;
  beforeAll(async () => {
    baseline = analyzeSnapshot(await loadBoutiqueInput());
    yamlText = renderAlertRules(buildAlertRules({ graph: baseline.graph, namespace: 'monitoring', labels: { release: 'prometheus' } }));
  });

  test('the YAML parses into a valid PrometheusRule', () => {
    const parsed = prometheusRuleSchema.safeParse(parse(yamlText));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.metadata).toMatchObject({ namespace: 'monitoring', labels: { release: 'prometheus' } });
  });

  test('every expr is valid PromQL', () => {
    const rule = prometheusRuleSchema.parse(parse(yamlText));
    const exprs = rule.spec.groups.flatMap((g) => g.rules.map((r) => r.expr));
    expect(exprs.length).toBeGreaterThan(2);
    for (const expr of exprs) expect(promqlSyntaxErrors(expr), expr).toEqual([]);
  });

  test('the denial rule watches 403s (and gRPC PERMISSION_DENIED) per destination', () => {
    const rule = prometheusRuleSchema.parse(parse(yamlText));
    const denied = rule.spec.groups.flatMap((g) => g.rules).find((r) => r.alert === 'EastwestDeniedRequests')!;
    expect(denied.expr).toContain('istio_requests_total{reporter="destination",response_code="403"}');
    expect(denied.expr).toMatch(/^sum by \(destination_workload_namespace, destination_workload\)/);
  });

  test('paymentservice: only checkoutservice is a known caller (the denied frontend attempt is not)', () => {
    const rule = buildAlertRules({ graph: baseline.graph });
    const payment = rule.spec.groups.flatMap((g) => g.rules).find((r) => r.labels?.eastwest_destination === 'boutique/paymentservice')!;
    expect(payment.expr).toContain('source_workload_namespace="boutique",source_workload!~"checkoutservice"');
    expect(payment.expr).toContain('source_workload_namespace!~"boutique"');
    expect(payment.expr).not.toContain('frontend');
  });
});

describe('newCallerExpr', () => {
  test.each([
    { callers: [], contains: ['istio_requests_total{reporter="destination",destination_workload_namespace="shop",destination_workload="db"}[5m]'], absent: ['source_workload!~', 'source_workload_namespace!~'] },
    { callers: ['shop/api', 'shop/worker.v2', 'ops/backup'], contains: ['source_workload_namespace!~"ops|shop"', 'source_workload!~"api|worker\\\\.v2"', 'source_workload_namespace="ops",source_workload!~"backup"'], absent: [] },
  ])('callers $callers', ({ callers, contains, absent }) => {
    const expr = newCallerExpr('shop/db', new Set(callers));
    expect(promqlSyntaxErrors(expr)).toEqual([]);
    for (const c of contains) expect(expr).toContain(c);
    for (const a of absent) expect(expr).not.toContain(a);
  });
});
