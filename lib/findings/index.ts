export type { SnapshotInput } from './types';
export { analyzeSnapshot, type AnalyzedSnapshot } from './analyze-snapshot';
export { compareSnapshots, type Comparison, type CompareOptions, type EdgeChange, type NewCaller, type ClassChange, type BlastRadiusChange } from './compare';
export { computeApiInventory, type ServiceApi, type ApiOperation, type OperationCaller } from './api-inventory';
export { statusClassOf, toShares, type StatusClass, type StatusShares } from './status';
export {
  resolveEnvironments,
  findEnvironmentLeaks,
  leakEvidenceText,
  normalizeEnvironment,
  isProduction,
  DEFAULT_ENVIRONMENT_LABELS,
  type EnvironmentRules,
  type NamespaceEnvironment,
  type EnvironmentLeak,
  type LeakSeverity,
  type LeakEvidence,
} from './environments';
export { buildAlertRules, renderAlertRules, newCallerExpr, deniedRateExpr, knownCallers, promString, type AlertRulesInput } from './alert-rules';
export { prometheusRuleSchema, ruleSchema, type PrometheusRule, type AlertingRule } from './prometheus-rule-schema';
export { computeFindings, toFindingsJson, type Findings, type FindingsOptions } from './findings';
export { renderReportHtml, type ReportInput } from './report';
export { renderGraphSvg, layoutLayers, type LaidOutNode } from './graph-svg';
