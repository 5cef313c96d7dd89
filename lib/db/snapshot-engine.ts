import { createEvaluator } from '@/lib/policy';
import { loadSnapshotContent, loadSnapshotPolicies } from './snapshot-content';

/** Loads one snapshot and builds its evaluator: the common first step of every engine-backed route. */
export async function loadSnapshotEngine(snapshotId: string) {
  const content = await loadSnapshotContent(snapshotId);
  const built = createEvaluator(content.inventory, content.objects);
  return { ...content, evaluator: built.value, diagnostics: built.diagnostics };
}

export type SnapshotEngine = Awaited<ReturnType<typeof loadSnapshotEngine>>;

/** The inventory, policies and evaluator without the traffic: enough to explain one edge with its own rows. */
export async function loadSnapshotEvaluator(snapshotId: string) {
  const content = await loadSnapshotPolicies(snapshotId);
  const built = createEvaluator(content.inventory, content.objects);
  return { ...content, evaluator: built.value, diagnostics: built.diagnostics };
}

export type SnapshotEvaluator = Awaited<ReturnType<typeof loadSnapshotEvaluator>>;
