import { expect, type APIRequestContext, type Page } from '@playwright/test';
import type { GraphRulesJson } from '@/lib/api/graph-rules';
import type { ClassifiedEdge, GraphEdge, GraphView } from '@/lib/graph/model';
import type { SelectingPolicy } from '@/lib/model/verdict';

/** Helpers for the graph explorer specs: the demo snapshot's id, the API's own answer, and canvas clicks. */

export async function demoSnapshotId(request: APIRequestContext): Promise<string> {
  const response = await request.get('/api/snapshots');
  expect(response.ok(), 'GET /api/snapshots').toBe(true);
  const body = (await response.json()) as { snapshots: { id: string; isDemo: boolean }[] };
  const demo = body.snapshots.find((s) => s.isDemo);
  expect(demo, 'the e2e server loads the demo snapshot').toBeDefined();
  return demo!.id;
}

export async function graphFromApi(request: APIRequestContext, snapshotId: string, query = ''): Promise<GraphView> {
  const response = await request.get(`/api/snapshots/${snapshotId}/graph${query ? `?${query}` : ''}`);
  expect(response.ok(), 'GET graph').toBe(true);
  return (await response.json()) as GraphView;
}

/** A time window as the graph API's `from`/`to` query parameters. */
export type ApiWindow = { from?: string; to?: string };

/** One edge with its explanation, as the edge panel fetches it. */
export async function explainedEdgeFromApi(request: APIRequestContext, snapshotId: string, edgeId: string, window: ApiWindow = {}): Promise<ClassifiedEdge> {
  const response = await request.get(`/api/snapshots/${snapshotId}/graph/edge?${new URLSearchParams({ id: edgeId, ...window }).toString()}`);
  expect(response.ok(), 'GET graph/edge').toBe(true);
  return ((await response.json()) as { edge: ClassifiedEdge }).edge;
}

/** The window's unused, dangling and wildcard rules and the policies' diagnostics, as the Rules view fetches them. */
export async function rulesFromApi(request: APIRequestContext, snapshotId: string, window: ApiWindow = {}): Promise<GraphRulesJson> {
  const query = new URLSearchParams(window).toString();
  const response = await request.get(`/api/snapshots/${snapshotId}/graph/rules${query ? `?${query}` : ''}`);
  expect(response.ok(), 'GET graph/rules').toBe(true);
  return (await response.json()) as GraphRulesJson;
}

/** The policies selecting one node, as the node panel fetches them. */
export async function nodePoliciesFromApi(request: APIRequestContext, snapshotId: string, nodeId: string, window: ApiWindow = {}): Promise<SelectingPolicy[]> {
  const response = await request.get(`/api/snapshots/${snapshotId}/graph/node?${new URLSearchParams({ id: nodeId, ...window }).toString()}`);
  expect(response.ok(), 'GET graph/node').toBe(true);
  return ((await response.json()) as { policies: SelectingPolicy[] }).policies;
}

export function findEdge(graph: GraphView, source: string, destination: string): GraphEdge {
  const edge = graph.edges.find((e) => e.source === source && e.destination === destination);
  expect(edge, `${source} -> ${destination} in the API's graph`).toBeDefined();
  return edge!;
}

type CyWindow = { __eastwestCy?: import('cytoscape').Core };

/** Waits until Cytoscape has drawn at least one node (the layout runs synchronously after the elements). */
export async function waitForGraph(page: Page): Promise<void> {
  await page.waitForFunction(() => ((window as unknown as CyWindow).__eastwestCy?.nodes().length ?? 0) > 0);
}

/** Ids and classes of the elements on the canvas. */
export async function canvasElements(page: Page): Promise<{ nodes: { id: string; classes: string[] }[]; edges: { id: string; kind: string; classes: string[] }[] }> {
  return page.evaluate(() => {
    const cy = (window as unknown as CyWindow).__eastwestCy!;
    return {
      nodes: cy.nodes().map((n) => ({ id: n.id(), classes: n.classes() as unknown as string[] })),
      edges: cy.edges().map((e) => ({ id: e.id(), kind: String(e.data('kind')), classes: e.classes() as unknown as string[] })),
    };
  });
}

/** Where to click `id` on the canvas (rendered coordinates), and a fingerprint of the positions it was computed on. */
async function canvasPoint(page: Page, id: string): Promise<{ x: number; y: number; at: string } | null> {
  return page.evaluate((elementId) => {
    const cy = (window as unknown as CyWindow).__eastwestCy!;
    const el = cy.getElementById(elementId);
    if (el.empty()) return null;
    const zoom = cy.zoom();
    const pan = cy.pan();
    const at = JSON.stringify([zoom, pan, cy.nodes().map((n) => n.position())]);
    if (el.isNode()) return { ...el.renderedPosition(), at };
    const edge = el as unknown as import('cytoscape').EdgeSingular;
    // Edges cross: pick a point along this one where Cytoscape's own hit test (what a click uses) finds this edge.
    const hit = (cy as unknown as { renderer(): { findNearestElement?(x: number, y: number, interactive: boolean, touch: boolean): { id(): string } | undefined } }).renderer();
    const hits = (p: { x: number; y: number }) => hit.findNearestElement?.(p.x, p.y, true, false)?.id() === elementId;
    if (edge.isLoop()) {
      // A loop starts and ends on its node: probe its curve's box (other edges may cross it) for a point of its own.
      const box = edge.boundingBox({ includeLabels: false, includeOverlays: false });
      const grid = Array.from({ length: 81 }, (_, i) => ({ x: box.x1 + ((i % 9) / 8) * box.w, y: box.y1 + (Math.floor(i / 9) / 8) * box.h }));
      const p = grid.find(hits) ?? edge.midpoint();
      return { x: p.x * zoom + pan.x, y: p.y * zoom + pan.y, at };
    }
    const s = edge.sourceEndpoint();
    const t = edge.targetEndpoint();
    const along = [0.4, 0.3, 0.5, 0.6, 0.25, 0.7, 0.2, 0.75, 0.35, 0.45, 0.55, 0.65];
    const point = (f: number) => ({ x: s.x + f * (t.x - s.x), y: s.y + f * (t.y - s.y) });
    const best = along.map(point).find(hits) ?? point(0.4);
    return { x: best.x * zoom + pan.x, y: best.y * zoom + pan.y, at };
  }, id);
}

/**
 * Clicks a node or, for an edge, a point along it that hits it, once the layout has settled (the same positions
 * twice in a row), and checks the click selected it: a layout still moving, or crossing edges, would select another.
 */
export async function clickOnCanvas(page: Page, id: string): Promise<void> {
  const box = await page.getByTestId('graph-canvas').boundingBox();
  expect(box).not.toBeNull();
  for (let attempt = 0; attempt < 5; attempt++) {
    let point = await canvasPoint(page, id);
    expect(point, `${id} is drawn`).not.toBeNull();
    for (let i = 0; i < 20; i++) {
      await page.waitForTimeout(100);
      const again = await canvasPoint(page, id);
      if (again?.at === point!.at) break;
      point = again;
    }
    await page.mouse.click(box!.x + point!.x, box!.y + point!.y);
    const selected = await page
      .waitForFunction((elementId) => (window as unknown as CyWindow).__eastwestCy?.getElementById(elementId).hasClass('selected-el'), id, { timeout: 2_000 })
      .then(() => true, () => false);
    if (selected) return;
  }
  throw new Error(`could not select ${id} by clicking the canvas`);
}
