import { describe, expect, test } from 'vitest';
import { boundsWith, fitViewport } from './namespace-grid-viewport';

const ZOOM = { min: 0.02, max: 3 };
/** Where a model point lands on screen. */
const onScreen = (v: ReturnType<typeof fitViewport>, p: { x: number; y: number }) => ({ x: p.x * v.zoom + v.pan.x, y: p.y * v.zoom + v.pan.y });

describe('fitViewport', () => {
  test('a wide extent fills the width between the paddings and is centred vertically', () => {
    const v = fitViewport({ x1: 100, y1: -50, x2: 2100, y2: 450 }, 1000, 800, 40, ZOOM);
    expect(v.zoom).toBeCloseTo(920 / 2000);
    expect(onScreen(v, { x: 100, y: -50 }).x).toBeCloseTo(40);
    expect(onScreen(v, { x: 2100, y: 450 }).x).toBeCloseTo(960);
    const top = onScreen(v, { x: 0, y: -50 }).y;
    const bottom = onScreen(v, { x: 0, y: 450 }).y;
    expect(top).toBeCloseTo(800 - bottom);
  });

  test('a tall extent fills the height', () => {
    const v = fitViewport({ x1: 0, y1: 0, x2: 100, y2: 4000 }, 1000, 800, 40, ZOOM);
    expect(v.zoom).toBeCloseTo(720 / 4000);
    expect(onScreen(v, { x: 0, y: 0 }).y).toBeCloseTo(40);
    expect(onScreen(v, { x: 50, y: 4000 }).x).toBeCloseTo(500);
  });

  test('the zoom stays within the allowed range, still centred', () => {
    const tiny = fitViewport({ x1: 0, y1: 0, x2: 10, y2: 10 }, 1000, 800, 40, ZOOM);
    expect(tiny.zoom).toBe(3);
    expect(onScreen(tiny, { x: 5, y: 5 })).toEqual({ x: 500, y: 400 });
    expect(fitViewport({ x1: 0, y1: 0, x2: 1e7, y2: 10 }, 1000, 800, 40, ZOOM).zoom).toBe(0.02);
  });
});

describe('boundsWith', () => {
  test('positions kept from an earlier visit widen the bounds; kept positions of nodes not shown do not', () => {
    const bounds = { x1: 0, y1: 0, x2: 1000, y2: 500 };
    const kept = { inside: { x: 500, y: 250 }, dragged: { x: 3000, y: -400 }, gone: { x: -9000, y: 0 } };
    const b = boundsWith(bounds, kept, ['inside', 'dragged', 'other'])!;
    expect(b.x1).toBe(0);
    expect(b.x2).toBeGreaterThan(3000 + 34);
    expect(b.y1).toBeLessThan(-400 - 17);
    expect(b.y2).toBe(500);
    expect(bounds).toEqual({ x1: 0, y1: 0, x2: 1000, y2: 500 });
  });

  test('without a layout extent and kept positions there is nothing to fit', () => {
    expect(boundsWith(undefined, {}, ['a'])).toBeUndefined();
  });
});
