import { classifyGraph, prepareBlastRadius, type ClassifiedGraph } from '../graph';
import type { Diagnostic } from '../model/diagnostics';
import { createEvaluator } from '../policy';
import type { SnapshotInput } from './types';

export interface AnalyzedSnapshot {
  input: SnapshotInput;
  graph: ClassifiedGraph;
  blastRadius: ReturnType<typeof prepareBlastRadius>;
  diagnostics: Diagnostic[];
}

/** Builds the evaluator once and derives the classified graph and the blast-radius engine from it. */
export function analyzeSnapshot(input: SnapshotInput): AnalyzedSnapshot {
  const built = createEvaluator(input.inventory, [...input.objects]);
  const graph = classifyGraph({ inventory: input.inventory, evaluator: built.value, edges: input.edges, ...(input.window ? { window: input.window } : {}), diagnostics: built.diagnostics });
  const blastRadius = prepareBlastRadius({
    inventory: input.inventory,
    evaluator: built.value,
    edges: input.edges,
    ...(input.crownJewelTags ? { crownJewelTags: input.crownJewelTags } : {}),
    ...(input.sensitivityRules ? { sensitivityRules: input.sensitivityRules } : {}),
  });
  return { input, graph, blastRadius, diagnostics: built.diagnostics };
}
