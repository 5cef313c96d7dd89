/**
 * Time to first rendered graph (issue 7 target: <= 3 s for 2,000 nodes / 10,000 edges), in Chromium driven by
 * Playwright: the production server (`next start` on a spare loopback port, default 3199) against its own fresh
 * database holding one synthetic snapshot, the graph page opened with every namespace expanded, timed from
 * navigation start until Cytoscape's layout stops. Prints the phases (API transfer, elements on the canvas,
 * layout) as plain lines for docs/BENCHMARKS.md. Reuses the existing `.next` build, building only when there is none.
 *
 *   RENDER_PORT (default 3199), RENDER_DB (default eastwest_bench_render), RENDER_RUNS (default 3),
 *   RENDER_SCREENSHOT_DIR (a screenshot of the first run's graph, taken after the timing), EASTWEST_DIST_DIR (the build folder),
 *   RENDER_PROFILE_DIR (the first run's CPU profile of the page, `graph-render.cpuprofile` for Chrome DevTools, and
 *   its busiest functions printed: where to look before changing the page).
 */
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createSnapshot, disconnectPrisma, saveSnapshotContent } from '../lib/db';
import { buildInventory, isInventoryKind } from '../lib/inventory';
import { chromiumPath } from '../scripts/ensure-chromium';
import { createBenchDatabase } from './bench-database';
import { generateGraphBenchData } from './graph-data';
import { ensureBuild, startApp, type RunningApp } from './next-server';
import { startPageProfile } from './page-profile';

const PORT = Number(process.env.RENDER_PORT ?? 3199);
const DB = process.env.RENDER_DB ?? 'eastwest_bench_render';
const RUNS = Number(process.env.RENDER_RUNS ?? 3);
const TIMEOUT_MS = Number(process.env.RENDER_TIMEOUT_MS ?? 600_000);
const NAMESPACES = 40;
const PER_NAMESPACE = 50;
/** What the page reports, in ms since navigation start (performance.now() of the page). */
interface Marks {
  apiStart: number;
  /** The view's response (what the canvas draws). */
  apiEnd: number;
  apiBytes: number;
  /** The unfiltered universe (namespace list, pickers), asked for once the page is idle after the first draw. */
  universeEnd: number;
  universeBytes: number;
  elementsAdded: number;
  layoutCalled: number;
  layoutStart: number;
  layoutStop: number;
  /** The frame that draws the graph has been presented (a task queued from its animation frame runs after its paint). */
  painted: number;
  /** The next animation frame: Cytoscape's follow-up work after its first draw is done and the page answers input. */
  nextFrame: number;
  nodes: number;
  edges: number;
  layoutName: string;
}

/**
 * Runs in the page before its scripts: waits for the page's Cytoscape instance (exposed as `__eastwestCy`) and
 * records when the first elements arrive and when the first layout starts and stops. A string, not a function:
 * tsx would wrap a function's inner closures in a `__name` helper the page does not have.
 */
const INSTRUMENT = `(() => {
  const marks = {};
  window.__renderMarks = marks;
  // The page may create its Cytoscape instance more than once (remounts): follow whichever is current, and wrap
  // its layout() so the marks come from the layout the page runs.
  let current = null;
  const attach = (cy) => {
    cy.on('add', () => { if (marks.elementsAdded === undefined) marks.elementsAdded = performance.now(); });
    const layout = cy.layout.bind(cy);
    cy.layout = (options) => {
      if (marks.layoutCalled === undefined) marks.layoutCalled = performance.now();
      const l = layout(options);
      l.one('layoutstart', () => { if (marks.layoutStart === undefined) marks.layoutStart = performance.now(); });
      l.one('layoutstop', () => {
        if (marks.layoutStop !== undefined) return;
        marks.layoutStop = performance.now();
        marks.layoutName = options && options.name;
        marks.nodes = cy.nodes().length;
        marks.edges = cy.edges().length;
        // Cytoscape draws in its own animation-frame callback, registered before this one: when this one runs the
        // graph is drawn, and a task queued from here runs once that frame is painted (what the user sees first).
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { marks.painted = performance.now(); };
          channel.port2.postMessage(0);
          requestAnimationFrame(() => { marks.nextFrame = performance.now(); });
        });
      });
      return l;
    };
  };
  // Hooked on assignment: the page adds the elements and runs the (synchronous) layout in the same React commit
  // that creates the instance, before any timer of ours could look.
  Object.defineProperty(window, '__eastwestCy', {
    configurable: true,
    get: () => current,
    set: (cy) => { if (cy && cy !== current) attach(cy); current = cy; },
  });
})();`;

const db = await createBenchDatabase(DB);
let app: RunningApp | undefined;
let browser: Awaited<ReturnType<typeof chromium.launch>> | undefined;
try {
  process.env.DATABASE_URL = db.url;
  // 40 namespaces × 50 workloads = 2,000 workloads; every other observed edge of each workload (DNS, callers)
  // keeps 10,000 of its 20,000 observed edges.
  const data = generateGraphBenchData(NAMESPACES, PER_NAMESPACE);
  const edges = data.edges.filter((_, i) => i % 2 === 0);
  const inventory = buildInventory(data.objects.filter((o) => isInventoryKind(o.kind))).value;
  const snapshot = await createSnapshot({ name: 'render bench', cluster: 'bench', environment: 'bench' });
  await saveSnapshotContent(snapshot.id, { inventory, policies: data.objects.filter((o) => !isInventoryKind(o.kind)), edges });
  await disconnectPrisma();
  console.log(`snapshot: ${inventory.workloads.length} workloads, ${edges.length} observed edges`);

  const env = { ...process.env, DATABASE_URL: db.url, NEXT_TELEMETRY_DISABLED: '1' };
  ensureBuild(env);
  app = await startApp(PORT, env);
  const base = app.base;

  const expand = Array.from({ length: NAMESPACES }, (_, i) => `team-${String(i).padStart(3, '0')}`).concat('kube-system');
  // Observed edges only (the allowed-but-unused ones would add 8,000 more): 2,000 nodes and 10,000 edges drawn.
  const show = 'allowed,denied,unprotected';
  const pagePath = `/graph?snapshot=${snapshot.id}&show=${show}&expand=${expand.join(',')}`;
  // The server classifies a snapshot once per (version, window): the first request pays it, the page's does not.
  const apiPath = `/api/snapshots/${snapshot.id}/graph?class=allowed,unauthorized&expand=${expand.join(',')}`;
  const t0 = performance.now();
  const first = await fetch(`${base}${apiPath}`);
  const body = (await first.json()) as { nodes: unknown[]; edges: unknown[]; summaryEdges?: unknown[]; collapsed?: unknown[] };
  console.log(`API (cold classification): HTTP ${first.status} in ${(performance.now() - t0).toFixed(0)} ms; ${body.nodes.length} nodes, ${body.edges.length} edges, ${body.summaryEdges?.length ?? 0} summary edges, ${body.collapsed?.length ?? 0} collapsed namespaces`);

  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const results: Marks[] = [];
  for (let run = 0; run < RUNS; run++) {
    // A fresh context per run: no cached positions (localStorage), no HTTP cache.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript({ content: INSTRUMENT });
    const profile = process.env.RENDER_PROFILE_DIR && run === 0 ? await startPageProfile(page) : undefined;
    await page.goto(`${base}${pagePath}`, { waitUntil: 'commit' });
    const done = await page
      .waitForFunction(() => (window as unknown as { __renderMarks?: Partial<Marks> }).__renderMarks?.nextFrame !== undefined, undefined, { timeout: TIMEOUT_MS, polling: 50 })
      .then(() => true, () => false);
    if (!done) {
      const partial = await page.evaluate(() => ({ marks: (window as unknown as { __renderMarks?: Partial<Marks> }).__renderMarks, cy: !!(window as unknown as { __eastwestCy?: unknown }).__eastwestCy }));
      const shot = path.join(process.env.RENDER_SCREENSHOT_DIR ?? '/tmp', 'graph-render-timeout.png');
      await page.screenshot({ path: shot });
      throw new Error(`no rendered graph within ${TIMEOUT_MS} ms: ${JSON.stringify(partial)} (screenshot ${shot})`);
    }
    const marks = await page.evaluate(() => {
      const m = (window as unknown as { __renderMarks: Marks }).__renderMarks;
      // The page asks for the filtered view and for the unfiltered "universe" (namespace list, pickers): the
      // canvas waits for the view; both are counted from the first request to the last response.
      const api = performance.getEntriesByType('resource').filter((e) => /\/api\/snapshots\/[^/]+\/graph/.test(e.name)) as PerformanceResourceTiming[];
      // The canvas draws the filtered view (the request with `class=`); the universe comes after.
      const filtered = api.filter((e) => /[?&]class=/.test(e.name));
      const view = filtered.length ? filtered : api;
      return {
        ...m,
        apiStart: Math.min(...api.map((e) => e.startTime)),
        apiEnd: Math.max(...view.map((e) => e.responseEnd)),
        universeEnd: Math.max(0, ...api.filter((e) => !view.includes(e)).map((e) => e.responseEnd)),
        apiBytes: view.reduce((n, e) => n + e.encodedBodySize, 0),
        universeBytes: api.filter((e) => !view.includes(e)).reduce((n, e) => n + e.encodedBodySize, 0),
      };
    });
    results.push(marks);
    if (profile) console.log(await profile.stop(path.join(process.env.RENDER_PROFILE_DIR!, 'graph-render.cpuprofile')));
    // After the timing: what the user sees first, to check the layout stays readable.
    if (process.env.RENDER_SCREENSHOT_DIR && run === 0) await page.screenshot({ path: path.join(process.env.RENDER_SCREENSHOT_DIR, 'graph-render.png') });
    console.log(
      `run ${run + 1}: first rendered graph at ${marks.painted.toFixed(0)} ms after navigation start (next frame ${marks.nextFrame.toFixed(0)} ms): graph API ${marks.apiStart.toFixed(0)}–${marks.apiEnd.toFixed(0)} ms (${(marks.apiBytes / 2 ** 20).toFixed(1)} MiB; ${marks.universeEnd ? `the universe answered at ${marks.universeEnd.toFixed(0)} ms, ${(marks.universeBytes / 2 ** 20).toFixed(1)} MiB` : 'the universe not asked for yet'}), ` +
        `elements on the canvas ${marks.elementsAdded.toFixed(0)} ms, layout ${marks.layoutCalled.toFixed(0)}–${marks.layoutStop.toFixed(0)} ms (${(marks.layoutStop - marks.layoutCalled).toFixed(0)} ms of ${marks.layoutName}, its positions applied in the last ${(marks.layoutStop - marks.layoutStart).toFixed(0)} ms); ${marks.nodes} nodes, ${marks.edges} edges drawn`,
    );
    await context.close();
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const m = (f: (x: Marks) => number) => median(results.map(f)).toFixed(0);
  console.log(
    `time to first rendered graph (median of ${RUNS}): ${m((x) => x.painted)} ms (target <= 3000 ms) = until the graph API answered ${m((x) => x.apiEnd)} ms, ` +
      `then parse + React + Cytoscape add ${m((x) => x.elementsAdded - x.apiEnd)} ms, then until the layout was asked for ${m((x) => x.layoutCalled - x.elementsAdded)} ms, layout ${m((x) => x.layoutStop - x.layoutCalled)} ms, paint ${m((x) => x.painted - x.layoutStop)} ms; ` +
      `the next frame (the page answers input) at ${m((x) => x.nextFrame)} ms`,
  );
  console.log(`load average: ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} cores`);
} finally {
  await browser?.close().catch(() => undefined);
  await app?.stop();
  await disconnectPrisma().catch(() => undefined);
  await db.drop();
}
