/** Server-only (reads the database). */
import { getBaseline, getSnapshot, listCrownJewels, loadSnapshotContent, type SnapshotInfo } from '@/lib/db';
import { generateDraft } from '@/lib/draft';
import type { TimeWindow } from '@/lib/graph';
import { analyzeSnapshot, compareSnapshots, computeFindings, renderReportHtml, type AnalyzedSnapshot, type Comparison, type Findings } from '@/lib/findings';
import { HttpError, sensitivityRulesFromEnv, toCrownJewelNames } from '@/lib/server';

/**
 * Server-only glue between lib/db and lib/findings, shared by the findings/compare/report/alerts routes and the
 * pages: one snapshot's content, analyzed once per request.
 */
export async function loadAnalyzed(snapshotId: string, window?: TimeWindow): Promise<{ snapshot: SnapshotInfo; analyzed: AnalyzedSnapshot }> {
  const snapshot = await getSnapshot(snapshotId);
  const [content, tags] = await Promise.all([loadSnapshotContent(snapshotId), listCrownJewels(snapshotId)]);
  // The same label rules as the blast-radius and riskiest routes: one sensitivity on every page.
  const analyzed = analyzeSnapshot({
    inventory: content.inventory,
    objects: content.objects,
    edges: content.edges,
    crownJewelTags: toCrownJewelNames(tags),
    sensitivityRules: sensitivityRulesFromEnv(),
    ...(window ? { window } : {}),
  });
  return { snapshot, analyzed };
}

export async function loadFindings(snapshotId: string): Promise<{ snapshot: SnapshotInfo; findings: Findings }> {
  const { snapshot, analyzed } = await loadAnalyzed(snapshotId);
  // The snapshot's environment places the namespaces no label or name prefix places.
  return { snapshot, findings: computeFindings(analyzed, { environment: { fallback: snapshot.environment } }) };
}

/** The explicit baseline, else the cluster's marked baseline; `null` when the cluster has none. */
export async function resolveBaseline(current: SnapshotInfo, baselineId?: string | null): Promise<SnapshotInfo | null> {
  if (baselineId) return getSnapshot(baselineId);
  const marked = await getBaseline(current.cluster);
  return marked && marked.id !== current.id ? marked : null;
}

/** `window` limits the current side's traffic: compare a time window of a snapshot with the baseline. */
export async function loadComparison(currentId: string, baselineId?: string | null, window?: TimeWindow): Promise<{ current: SnapshotInfo; baseline: SnapshotInfo; comparison: Comparison; analyzed: AnalyzedSnapshot }> {
  const { snapshot: current, analyzed } = await loadAnalyzed(currentId, window);
  const baseline = await resolveBaseline(current, baselineId);
  if (!baseline) throw new HttpError('bad-request', `Cluster "${current.cluster}" has no baseline: mark one, or pass ?baseline=<snapshot id>`);
  const before = await loadAnalyzed(baseline.id);
  return { current, baseline, comparison: compareSnapshots(before.analyzed, analyzed), analyzed };
}

export async function renderSnapshotReport(snapshotId: string, baselineId?: string | null): Promise<{ snapshot: SnapshotInfo; html: string }> {
  const { snapshot, analyzed } = await loadAnalyzed(snapshotId);
  const findings = computeFindings(analyzed, { environment: { fallback: snapshot.environment } });
  const baseline = await resolveBaseline(snapshot, baselineId);
  const comparison = baseline ? compareSnapshots((await loadAnalyzed(baseline.id)).analyzed, analyzed) : null;
  const draft = generateDraft({ inventory: analyzed.input.inventory, edges: analyzed.input.edges });
  const html = renderReportHtml({
    findings,
    title: snapshot.name,
    snapshot: { name: snapshot.name, cluster: snapshot.cluster, environment: snapshot.environment },
    comparison,
    ...(baseline ? { baselineName: baseline.name } : {}),
    draftYaml: draft.yaml,
    generatedAt: new Date().toISOString(),
  });
  return { snapshot, html };
}

/** `Content-Disposition` file name: ASCII letters, digits, dots and dashes only. */
export function fileNameOf(name: string, ext: string): string {
  return `${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'snapshot'}.${ext}`;
}
