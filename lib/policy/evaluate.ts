import type { Diagnostic, Parsed } from '../model/diagnostics';
import type { Inventory } from '../model/kubernetes';
import type { PolicyLayerFactory } from '../model/layer-factory';
import { DEFAULT_ENGINE_OPTIONS, type EngineOptions, type ManifestObject } from '../model/manifest';
import type { Connection, Evaluator, LayerDecision, Outcome, PolicyLayer, Verdict } from '../model/verdict';
import { isInventoryKind } from '../inventory/build';
import { KNOWN_POLICY_GROUPS, layerFactories } from './layers';
import { joinText, ruleRefsText } from './model/rule-ref-text';

function groupOf(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

/** One info diagnostic per kind that no part of the engine reads (never an error: the rest is evaluated). */
export function ignoredKindDiagnostics(objects: ManifestObject[]): Diagnostic[] {
  const seen = new Map<string, { count: number; first: ManifestObject }>();
  for (const o of objects) {
    if (isInventoryKind(o.kind) && (groupOf(o.apiVersion) === '' || ['apps', 'batch', 'discovery.k8s.io'].includes(groupOf(o.apiVersion)))) continue;
    if (KNOWN_POLICY_GROUPS.includes(groupOf(o.apiVersion))) continue;
    const key = `${o.apiVersion} ${o.kind}`;
    const s = seen.get(key);
    if (s) s.count++;
    else seen.set(key, { count: 1, first: o });
  }
  return [...seen.entries()].map(([key, { count, first }]) => ({
    severity: 'info' as const,
    code: 'ignored-kind',
    message: `ignored kind ${first.kind} (${key.split(' ')[0]}${count > 1 ? `, ${count} objects` : ''})`,
    file: first.source.file,
    line: first.source.line,
  }));
}

/** Layers whose own `reason` already reads as the issue's explanation (it names the request that was matched). */
const SELF_DESCRIBING: readonly string[] = ['istio', 'linkerd'];

function describeLayer(d: LayerDecision): string {
  if (SELF_DESCRIBING.includes(d.layer) && d.reason) return d.reason;
  const rules = ruleRefsText(d.rules);
  const conditions = d.conditions?.length ? ` (${d.conditions.join('; ')})` : '';
  switch (d.basis) {
    case 'explicit':
      return `${d.outcome}${d.outcome === 'conditional' ? conditions : ''} by ${rules}`;
    case 'default':
      return 'allowed by default (not isolated)';
    case 'deny-rule':
      return `denied by ${rules}`;
    case 'no-match':
      return `denied: isolated by ${rules}, no rule allows it`;
    case 'delegated':
      return `${d.outcome}${conditions}${rules ? ` by ${rules}` : ''}`;
  }
}

/** ANDs the decisions of the layers that take part. */
export function combineDecisions(layers: LayerDecision[]): Verdict {
  let verdict: Outcome = 'allowed';
  if (layers.some((l) => l.outcome === 'denied')) verdict = 'denied';
  else if (layers.some((l) => l.outcome === 'conditional')) verdict = 'conditional';
  const summary = layers.length === 0 ? 'no policy layer enforces this connection: allowed' : joinText(layers.map((l) => `${l.layer}: ${describeLayer(l)}`), '; ');
  return { verdict, allowed: verdict === 'allowed', layers, summary };
}

export function createEvaluatorFromLayers(layers: PolicyLayer[]): Evaluator & { layers: PolicyLayer[] } {
  return {
    layers,
    evaluate(c: Connection): Verdict {
      const decisions: LayerDecision[] = [];
      for (const l of layers) if (l.enforces(c)) decisions.push(l.decide(c));
      return combineDecisions(decisions);
    },
  };
}

/**
 * Builds every registered policy layer for one inventory and its manifests, and returns an evaluator that
 * ANDs the layers enforcing each connection. Problems in the input are diagnostics; nothing throws.
 */
export function createEvaluator(
  inventory: Inventory,
  objects: ManifestObject[],
  options: Partial<EngineOptions> = {},
  factories: readonly PolicyLayerFactory[] = layerFactories,
): Parsed<Evaluator & { layers: PolicyLayer[] }> {
  const opts: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, ...options };
  const diagnostics: Diagnostic[] = [];
  const layers: PolicyLayer[] = [];
  for (const factory of factories) {
    const r = factory({ inventory, objects, options: opts });
    diagnostics.push(...r.diagnostics);
    if (r.value) layers.push(r.value);
  }
  diagnostics.push(...ignoredKindDiagnostics(objects));
  return { value: createEvaluatorFromLayers(layers), diagnostics };
}
