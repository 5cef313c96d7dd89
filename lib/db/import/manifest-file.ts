import { buildInventory, isInventoryKind } from '@/lib/inventory';
import { parseManifestText } from '@/lib/manifest';
import type { Diagnostic, Inventory } from '@/lib/model';
import { findInvalidPolicies } from '@/lib/policy';
import { yamlDocumentsByLine } from '../raw-yaml';
import type { PolicyInput } from '../rows/policy-rows';
import type { ImportCounts } from './types';

export const DEFAULT_MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** The manifest size cap: the option, else EASTWEST_MAX_MANIFEST_BYTES, else 64 MiB. */
export function maxManifestBytes(option?: number, env: NodeJS.ProcessEnv = process.env): number {
  if (option !== undefined) return option;
  const fromEnv = Number(env.EASTWEST_MAX_MANIFEST_BYTES);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : DEFAULT_MAX_MANIFEST_BYTES;
}

/**
 * Manifests are parsed whole (the YAML parser needs the text), so their size is capped: a larger
 * file is an error, read no further than the cap.
 */
export async function readManifestText(chunks: AsyncIterable<Uint8Array>, limit: number): Promise<{ text: string } | { tooLarge: true }> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > limit) return { tooLarge: true };
    parts.push(c);
  }
  return { text: new TextDecoder().decode(Buffer.concat(parts)) };
}

export interface ParsedManifestFile {
  inventory: Inventory;
  policies: PolicyInput[];
  counts: ImportCounts;
  diagnostics: Diagnostic[];
}

/**
 * Parses one manifest file into inventory and policy objects (non-inventory kinds), keeping each policy's YAML
 * text. Policies are checked by the engine code that evaluates them (`findInvalidPolicies`): one it would ignore
 * is an error here, so the importer can refuse the file rather than store a policy that never takes effect.
 * `counts.rejected` counts the documents and objects that are not imported: unreadable, not Kubernetes objects,
 * or invalid policies; each has a diagnostic.
 */
export function parseManifestFile(text: string, fileName: string): ParsedManifestFile {
  const parsed = parseManifestText(text, fileName);
  const objects = parsed.value;
  const inventory = buildInventory(objects.filter((o) => isInventoryKind(o.kind)));
  const others = objects.filter((o) => !isInventoryKind(o.kind));
  const invalidPolicies = findInvalidPolicies(others);
  const isJson = /^\s*[[{]/.test(text);
  const raw = others.length && !isJson ? yamlDocumentsByLine(text) : new Map<number, string>();
  const policies: PolicyInput[] = others.map((o) => {
    const rawYaml = raw.get(o.source.line);
    return rawYaml ? { ...o, rawYaml } : o;
  });
  const diagnostics = [...parsed.diagnostics, ...invalidPolicies, ...inventory.diagnostics];
  const skipped: Record<string, number> = {};
  for (const d of [...parsed.diagnostics, ...invalidPolicies]) if (d.severity !== 'info') skipped[d.code] = (skipped[d.code] ?? 0) + 1;
  const unread = Object.values(skipped).reduce((a, b) => a + b, 0) - invalidPolicies.length;
  const inv = inventory.value;
  return {
    inventory: inv,
    policies,
    diagnostics,
    counts: {
      read: objects.length + unread,
      imported: objects.length,
      skipped,
      rejected: unread + invalidPolicies.length,
      inventory: {
        namespaces: inv.namespaces.length,
        workloads: inv.workloads.length,
        pods: inv.pods.filter((p) => !p.synthetic).length,
        services: inv.services.length,
        serviceAccounts: inv.serviceAccounts.length,
        endpointSlices: inv.endpointSlices.length,
        nodes: inv.nodes.length,
      },
      policies: policies.length,
    },
  };
}
