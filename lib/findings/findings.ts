import type { RiskEntry, SensitivityFinding } from '../graph';
import { analyzeSnapshot, type AnalyzedSnapshot } from './analyze-snapshot';
import { computeApiInventory, type ServiceApi } from './api-inventory';
import { findEnvironmentLeaks, resolveEnvironments, type EnvironmentLeak, type EnvironmentRules, type NamespaceEnvironment } from './environments';
import type { SnapshotInput } from './types';

export interface FindingsOptions {
  environment?: EnvironmentRules;
  riskiestLimit?: number;
}

export interface Findings {
  analyzed: AnalyzedSnapshot;
  riskiest: RiskEntry[];
  sensitivity: SensitivityFinding[];
  apiInventory: ServiceApi[];
  environments: NamespaceEnvironment[];
  environmentLeaks: EnvironmentLeak[];
}

/** Everything the findings page and the report show about one snapshot, from one evaluator build. */
export function computeFindings(input: SnapshotInput | AnalyzedSnapshot, options: FindingsOptions = {}): Findings {
  const analyzed = 'graph' in input ? input : analyzeSnapshot(input);
  const { inventory } = analyzed.input;
  // The blast-radius engine's sensitivity: the same list its API, the riskiest ranking and the node panel show.
  const { sensitivity } = analyzed.blastRadius;
  const environments = resolveEnvironments(inventory, options.environment);
  return {
    analyzed,
    riskiest: analyzed.blastRadius.riskiest({ limit: options.riskiestLimit ?? 10 }),
    sensitivity,
    apiInventory: computeApiInventory(analyzed.graph, sensitivity),
    environments,
    environmentLeaks: findEnvironmentLeaks(analyzed.graph, environments),
  };
}

/** The JSON the findings API returns (the analyzed snapshot's inputs stay on the server). */
export function toFindingsJson(f: Findings) {
  return {
    summary: f.analyzed.graph.summary,
    riskiest: f.riskiest,
    sensitivity: f.sensitivity,
    apiInventory: f.apiInventory,
    environments: f.environments,
    environmentLeaks: f.environmentLeaks,
  };
}
