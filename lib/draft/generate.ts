import type { Diagnostic } from '../model/diagnostics';
import { draftCilium } from './cilium';
import { collectGrants } from './collect-grants';
import { createContext, type DraftContext } from './context';
import { draftIstio } from './istio';
import { draftLinkerd } from './linkerd';
import { draftNetworkPolicies, type GeneratorInput } from './networkpolicy';
import { renderYaml, sortDocuments } from './render';
import type { Draft, DraftDocument, DraftInput, DraftKind } from './types';

const GENERATORS: Record<DraftKind, (ctx: DraftContext, input: GeneratorInput) => DraftDocument[]> = { networkpolicy: draftNetworkPolicies, istio: draftIstio, cilium: draftCilium, linkerd: draftLinkerd };

/**
 * Least-privilege policies from observed traffic: keeps the edges the filter accepts inside the window and
 * scope, and writes policies that grant exactly those connections in each requested family. Pure.
 */
export function generateDraft(input: DraftInput): Draft {
  const collected = collectGrants(input);
  const ctx = createContext(input.inventory, input.options);
  const kinds: DraftKind[] = [...new Set<DraftKind>(input.kinds ?? ['networkpolicy'])];
  const generatorInput: GeneratorInput = { grants: collected.grants, namespaces: collected.namespaces, subjects: collected.subjects };
  const documents = sortDocuments(kinds.flatMap((k) => GENERATORS[k](ctx, generatorInput)));
  // Names derive from workload names; two workloads of different kinds with one name would collide.
  const seen = new Set<string>();
  for (const d of documents) {
    const id = `${d.object.apiVersion} ${d.object.kind} ${d.object.metadata.namespace}/${d.object.metadata.name}`;
    if (seen.has(id)) ctx.diagnostics.push({ severity: 'error', code: 'name-collision', message: `two generated documents are named ${id}; rename one of the workloads or draft them separately` });
    seen.add(id);
  }
  return {
    documents,
    grants: collected.grants,
    excluded: collected.excluded,
    scope: { namespaces: collected.namespaces, workloads: collected.subjects },
    diagnostics: dedupe([...collected.diagnostics, ...ctx.diagnostics]),
    yaml: renderYaml(documents),
  };
}

function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.severity}|${d.code}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
