import { describe, expect, test } from 'vitest';
import { namespaceGridLayout as gridLayout, type LayoutEdge, type LayoutNode, type Positions } from './namespace-grid-layout';

const namespaceGridLayout = (nodes: LayoutNode[], edges: LayoutEdge[]): Positions => gridLayout(nodes, edges).positions;

const box = (ns: string): LayoutNode => ({ id: `nsbox:${ns}`, label: ns, kind: 'namespace' });
const workload = (ns: string, name: string): LayoutNode => ({ id: `${ns}/${name}`, parent: `nsbox:${ns}`, label: name, kind: 'workload' });
const edge = (source: string, target: string): LayoutEdge => ({ source, target });

/** `count` workloads per namespace, each calling the next two of its namespace. */
function cluster(namespaces: string[], count: number): { nodes: LayoutNode[]; edges: LayoutEdge[] } {
  const nodes: LayoutNode[] = [];
  const edges: LayoutEdge[] = [];
  for (const ns of namespaces) {
    nodes.push(box(ns));
    for (let i = 0; i < count; i++) nodes.push(workload(ns, `svc-${i}`));
    for (let i = 0; i < count; i++) for (const k of [1, 2]) edges.push(edge(`${ns}/svc-${i}`, `${ns}/svc-${(i + k) % count}`));
  }
  return { nodes, edges };
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);

/** The rectangle a namespace's workloads span. */
function extent(positions: Positions, ns: string) {
  const ps = Object.entries(positions)
    .filter(([id]) => id.startsWith(`${ns}/`))
    .map(([, p]) => p);
  return { x1: Math.min(...ps.map((p) => p.x)), x2: Math.max(...ps.map((p) => p.x)), y1: Math.min(...ps.map((p) => p.y)), y2: Math.max(...ps.map((p) => p.y)) };
}
const centre = (positions: Positions, ns: string) => {
  const e = extent(positions, ns);
  return { x: (e.x1 + e.x2) / 2, y: (e.y1 + e.y2) / 2 };
};

describe('namespaceGridLayout', () => {
  test.each([
    { name: 'one namespace', namespaces: ['shop'], count: 12 },
    { name: 'forty namespaces of fifty', namespaces: Array.from({ length: 40 }, (_, i) => `team-${i}`), count: 50 },
  ])('$name: every workload has a place, boxes have none, no two nodes closer than a node and its gap', ({ namespaces, count }) => {
    const { nodes, edges } = cluster(namespaces, count);
    const positions = namespaceGridLayout(nodes, edges);
    expect(Object.keys(positions).sort()).toEqual(nodes.filter((n) => n.kind !== 'namespace').map((n) => n.id).sort());
    const points = Object.values(positions).sort((a, b) => a.x - b.x || a.y - b.y);
    let closest = Infinity;
    // Sorted by x: only neighbours within a cell's width can be closer than a cell.
    for (let i = 0; i < points.length; i++) for (let j = i + 1; j < points.length && points[j]!.x - points[i]!.x < 200; j++) closest = Math.min(closest, distance(points[i]!, points[j]!));
    expect(closest).toBeGreaterThanOrEqual(34 + 28);
  });

  test('each namespace gets a frame around its workloads; frames and their titles do not overlap', () => {
    const namespaces = ['a', 'b', 'c', 'd', 'e', 'f', 'kube-system-with-a-long-name'];
    const { nodes, edges } = cluster(namespaces, 9);
    nodes.push({ id: 'world', label: 'world', kind: 'external' });
    const { positions, frames } = gridLayout(nodes, edges);
    expect(Object.keys(frames).sort()).toEqual(namespaces.map((ns) => `nsbox:${ns}`).sort());
    const rect = (ns: string) => {
      const f = frames[`nsbox:${ns}`]!;
      // The title sits above the box: count it as part of the box.
      return { x1: f.x - f.width / 2, x2: f.x + f.width / 2, y1: f.y - f.height / 2 - 72, y2: f.y + f.height / 2 };
    };
    for (const ns of namespaces) {
      const [r, e] = [rect(ns), extent(positions, ns)];
      expect(r.x1 <= e.x1 - 17 - 18 && e.x2 + 17 + 18 <= r.x2 && r.y1 <= e.y1 - 17 - 18 && e.y2 + 17 + 18 <= r.y2, ns).toBe(true);
      const w = positions['world']!;
      expect(w.x < r.x1 || w.x > r.x2 || w.y < r.y1 || w.y > r.y2, `world outside ${ns}`).toBe(true);
      for (const other of namespaces) {
        if (other <= ns) continue;
        const o = rect(other);
        expect(r.x2 < o.x1 || o.x2 < r.x1 || r.y2 < o.y1 || o.y2 < r.y1, `${ns} and ${other}`).toBe(true);
      }
    }
  });

  test.each([
    { canvas: 'wide', aspect: 3 },
    { canvas: 'tall', aspect: 0.5 },
  ])('the namespaces fill a $canvas canvas', ({ aspect }) => {
    const { nodes, edges } = cluster(Array.from({ length: 20 }, (_, i) => `ns-${i}`), 10);
    const { frames } = gridLayout(nodes, edges, aspect);
    const fs = Object.values(frames);
    const width = Math.max(...fs.map((f) => f.x + f.width / 2)) - Math.min(...fs.map((f) => f.x - f.width / 2));
    const height = Math.max(...fs.map((f) => f.y + f.height / 2)) - Math.min(...fs.map((f) => f.y - f.height / 2));
    expect(width / height).toBeGreaterThan(aspect / 1.5);
    expect(width / height).toBeLessThan(aspect * 1.5);
  });

  test.each([
    { name: 'namespaces that talk to each other are placed side by side', talk: true, neighbours: true },
    { name: 'without the traffic, the last namespace by name is not', talk: false, neighbours: false },
  ])('$name', ({ talk, neighbours }) => {
    const others = ['bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india'];
    const { nodes, edges } = cluster(['alpha', ...others, 'zulu'], 6);
    // alpha and zulu are first and last by name: only the traffic between them brings them together.
    if (talk) for (let i = 0; i < 6; i++) edges.push(edge(`alpha/svc-${i}`, `zulu/svc-${i}`));
    const positions = namespaceGridLayout(nodes, edges);
    const fromAlpha = (ns: string) => distance(centre(positions, 'alpha'), centre(positions, ns));
    const nearest = [...others, 'zulu'].sort((a, b) => fromAlpha(a) - fromAlpha(b)).slice(0, 2);
    expect(nearest.includes('zulu')).toBe(neighbours);
  });

  test('inside a namespace, the busiest workload comes first and its callers sit around it', () => {
    const nodes = [box('shop'), ...['hub', 'a', 'b', 'c', 'd', 'x1', 'x2', 'x3', 'x4'].map((n) => workload('shop', n))];
    const edges = ['a', 'b', 'c', 'd'].map((n) => edge(`shop/${n}`, 'shop/hub')).concat(edge('shop/x1', 'shop/x2'), edge('shop/x3', 'shop/x4'));
    const positions = namespaceGridLayout(nodes, edges);
    const hub = positions['shop/hub']!;
    const mean = (ids: string[]) => ids.reduce((s, id) => s + distance(hub, positions[`shop/${id}`]!), 0) / ids.length;
    expect(mean(['a', 'b', 'c', 'd'])).toBeLessThan(mean(['x1', 'x2', 'x3', 'x4']));
  });

  test('nodes outside any namespace (external peers, collapsed namespaces) get places clear of the boxes', () => {
    const { nodes, edges } = cluster(['shop'], 4);
    nodes.push({ id: 'world', label: 'world', kind: 'external' }, { id: 'ns:payments', label: 'payments\n12 workloads', kind: 'collapsed' });
    edges.push(edge('world', 'shop/svc-0'), edge('shop/svc-1', 'ns:payments'));
    const positions = namespaceGridLayout(nodes, edges);
    const shop = extent(positions, 'shop');
    for (const id of ['world', 'ns:payments']) {
      const p = positions[id]!;
      expect(p.x < shop.x1 - 60 || p.x > shop.x2 + 60 || p.y < shop.y1 - 60 || p.y > shop.y2 + 60, id).toBe(true);
    }
    expect(distance(positions['world']!, positions['ns:payments']!)).toBeGreaterThanOrEqual(120);
  });

  test('the bounds hold every box (with its padding and title) and every workload with its label', () => {
    const { nodes, edges } = cluster(['a', 'b', 'c', 'kube-system-with-a-long-name'], 9);
    nodes.push({ id: 'world', label: 'world', kind: 'external' });
    const { positions, frames, bounds } = gridLayout(nodes, edges);
    const b = bounds!;
    // Frames are rounded to whole pixels: 1 px of slack.
    for (const f of Object.values(frames)) {
      expect(b.x1 <= f.x - f.width / 2 - 18 + 1 && f.x + f.width / 2 + 18 - 1 <= b.x2).toBe(true);
      expect(b.y1 <= f.y - f.height / 2 - 18 - 72 + 1 && f.y + f.height / 2 + 18 - 1 <= b.y2).toBe(true);
    }
    for (const [id, p] of Object.entries(positions)) expect(b.x1 <= p.x - 17 && p.x + 17 <= b.x2 && b.y1 <= p.y - 17 && p.y + 17 + 19 <= b.y2, id).toBe(true);
    // Tight: no more than a block gap of empty margin on any side.
    const xs = Object.values(frames).flatMap((f) => [f.x - f.width / 2, f.x + f.width / 2]);
    expect(Math.min(...xs) - b.x1).toBeLessThanOrEqual(60);
    expect(b.x2 - Math.max(...xs)).toBeLessThanOrEqual(60);
    expect(gridLayout([], []).bounds).toBeUndefined();
  });

  test('the same graph in any input order gets the same positions', () => {
    const { nodes, edges } = cluster(['a', 'b', 'c'], 7);
    edges.push(edge('a/svc-1', 'c/svc-2'));
    expect(namespaceGridLayout([...nodes].reverse(), [...edges].reverse())).toEqual(namespaceGridLayout(nodes, edges));
  });
});
