import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildInventory, isInventoryKind } from '@/lib/inventory';
import { loadManifestPaths } from '@/lib/manifest';
import { formatDiagnostic, hasErrors, type Diagnostic } from '@/lib/model';
import { importTraffic } from '@/lib/traffic';
import { getPrisma } from './client';
import { yamlDocumentsByLine } from './raw-yaml';
import type { PolicyInput, SnapshotContent } from './snapshot-content';
import { saveSnapshotContent } from './snapshot-content';
import { toSnapshotInfo, type SnapshotInfo } from './snapshots';
import { LONG_TRANSACTION } from './transaction';

/** The Online Boutique demo (fixtures/boutique/README.md): one cluster export, its NetworkPolicies and the canonical edge list. */
export const DEMO_SNAPSHOT = {
  name: 'Online Boutique (demo)',
  cluster: 'boutique-prod',
  environment: 'prod',
  description: 'Sample data: Google Online Boutique on EKS with Cilium and Istio (fixtures/boutique).',
} as const;

const DEMO_FILES = {
  cluster: 'kubernetes/cluster-state.json',
  // The per-service graph; the other dialects encode the same intent for other layers (see the README).
  policies: ['policies/networkpolicy.yaml', 'policies/istio-policies.yaml'],
  traffic: 'edges/edges.jsonl',
};

/** Serialises demo loading across processes (two `npm start`s at once). Any constant unique to this use. */
const DEMO_LOCK_KEY = 0x65_77_64_6d; // "ewdm"

export interface DemoResult {
  snapshot: SnapshotInfo;
  created: boolean;
  diagnostics: Diagnostic[];
}

/**
 * Loads the demo snapshot unless one exists. Parsing happens first; the check and every write
 * then run in ONE transaction under an advisory lock, so killing the process halfway leaves no
 * demo (and the next start loads it again) and concurrent starts create exactly one.
 */
export async function ensureDemoSnapshot(databaseUrl?: string, fixturesDir = path.join(/* turbopackIgnore: true */ process.cwd(), 'fixtures', 'boutique')): Promise<DemoResult> {
  const prisma = getPrisma(databaseUrl);
  const existing = await prisma.snapshot.findFirst({ where: { isDemo: true }, orderBy: { createdAt: 'asc' } });
  if (existing) return { snapshot: toSnapshotInfo(existing), created: false, diagnostics: [] };

  const { content, diagnostics } = await readDemoContent(fixturesDir);
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DEMO_LOCK_KEY}::bigint)`;
    const raced = await tx.snapshot.findFirst({ where: { isDemo: true }, orderBy: { createdAt: 'asc' } });
    if (raced) return { snapshot: toSnapshotInfo(raced), created: false, diagnostics: [] };
    const row = await tx.snapshot.create({ data: { ...DEMO_SNAPSHOT, isDemo: true } });
    await saveSnapshotContent(row.id, content, tx);
    const saved = await tx.snapshot.findUniqueOrThrow({ where: { id: row.id } });
    return { snapshot: toSnapshotInfo(saved), created: true, diagnostics };
  }, LONG_TRANSACTION);
}

/** Parses the demo files with the engine (lib/manifest, lib/inventory, lib/traffic). */
export async function readDemoContent(fixturesDir: string): Promise<{ content: SnapshotContent; diagnostics: Diagnostic[] }> {
  // Read at run time from the checkout, never bundled: keep Turbopack's file tracer out of it.
  // Relative to the working directory when inside it (`npm start` runs from the checkout): the file names are
  // shown next to every rule (Rules tab, explanations), where a machine's absolute path is noise.
  const file = (rel: string) => {
    const absolute = path.join(/* turbopackIgnore: true */ fixturesDir, rel);
    const relative = path.relative(process.cwd(), absolute);
    return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  };
  const manifests = await loadManifestPaths([file(DEMO_FILES.cluster), ...DEMO_FILES.policies.map(file)]);
  const inventory = buildInventory(manifests.value.filter((o) => isInventoryKind(o.kind)));
  const policies = await withRawYaml(manifests.value.filter((o) => !isInventoryKind(o.kind)));
  const trafficFile = file(DEMO_FILES.traffic);
  const traffic = await importTraffic(createReadStream(/* turbopackIgnore: true */ trafficFile), { fileName: trafficFile, inventory: inventory.value });
  const diagnostics = [...manifests.diagnostics, ...inventory.diagnostics, ...traffic.diagnostics];
  // The demo is ours: an error in it is a bug, not user input to report and carry on with.
  if (hasErrors(diagnostics)) throw new Error(`The demo fixtures do not load cleanly: ${diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('; ')}`);
  const format = traffic.format ?? 'edges-jsonl';
  return {
    content: { inventory: inventory.value, policies, edges: traffic.edges, unresolved: traffic.unresolved.map((u) => ({ ...u, format })) },
    diagnostics,
  };
}

async function withRawYaml(objects: PolicyInput[]): Promise<PolicyInput[]> {
  const byFile = new Map<string, Map<number, string>>();
  for (const file of new Set(objects.map((o) => o.source.file))) {
    byFile.set(file, yamlDocumentsByLine(await readFile(/* turbopackIgnore: true */ file, 'utf8')));
  }
  return objects.map((o) => {
    const rawYaml = byFile.get(o.source.file)?.get(o.source.line);
    return rawYaml ? { ...o, rawYaml } : o;
  });
}
