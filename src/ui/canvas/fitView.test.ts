import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fitContent,
  onScreen,
  PRESENTER_LABEL_HEIGHT,
  PRESENTER_MIN_ZOOM,
  type Rect,
  unionOf,
  viewportFor,
} from './fitView';

const INSETS = { top: 60, right: 16, bottom: 16, left: 60 };
/** React Flow's minimap (200 × 150, 15 px from the corner) with the margin the canvas adds. */
const MINIMAP = { width: 231, height: 181 };
const OPTIONS = { minZoom: 0.04, maxZoom: 1.2 };

const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 1e-6 &&
  b.x < a.x + a.width - 1e-6 &&
  a.y < b.y + b.height - 1e-6 &&
  b.y < a.y + a.height - 1e-6;

describe('fit view', () => {
  it('centres the content in the room the insets leave, as large as fits', () => {
    const v = viewportFor({ x: 100, y: 50, width: 400, height: 200 }, { width: 1000, height: 600 }, INSETS, {
      minZoom: 0.1,
      maxZoom: 4,
    });
    // 924 × 524 of room: the width decides (924 / 400).
    expect(v.zoom).toBeCloseTo(2.31);
    const box = onScreen({ x: 100, y: 50, width: 400, height: 200 }, v);
    expect(box.x).toBeCloseTo(INSETS.left);
    expect(box.x + box.width).toBeCloseTo(1000 - INSETS.right);
    expect(box.y - INSETS.top).toBeCloseTo(600 - INSETS.bottom - (box.y + box.height));
  });

  it('keeps the zoom within its bounds', () => {
    const tiny = { x: 0, y: 0, width: 10, height: 10 };
    expect(viewportFor(tiny, { width: 800, height: 600 }, INSETS, OPTIONS).zoom).toBe(1.2);
    const huge = { x: 0, y: 0, width: 1e6, height: 1e6 };
    expect(viewportFor(huge, { width: 800, height: 600 }, INSETS, OPTIONS).zoom).toBe(0.04);
  });

  it('keeps a wide design above the minimap, and a tall one left of it', () => {
    const view = { width: 1160, height: 695 };
    const wide = { x: 0, y: 0, width: 1300, height: 500 };
    const a = fitContent(wide, view, INSETS, MINIMAP, OPTIONS);
    expect(onScreen(wide, a).y + onScreen(wide, a).height).toBeLessThanOrEqual(695 - MINIMAP.height + 1e-6);
    const tall = { x: 0, y: 0, width: 700, height: 1200 };
    const b = fitContent(tall, view, INSETS, MINIMAP, OPTIONS);
    expect(onScreen(tall, b).x + onScreen(tall, b).width).toBeLessThanOrEqual(1160 - MINIMAP.width + 1e-6);
  });

  it('takes the plain fit when the content leaves the corner free', () => {
    const view = { width: 1160, height: 695 };
    // Very wide and flat: centred, it ends well above the minimap.
    const flat = { x: 0, y: 0, width: 2000, height: 200 };
    expect(fitContent(flat, view, INSETS, MINIMAP, OPTIONS)).toEqual(
      viewportFor(flat, view, INSETS, OPTIONS),
    );
  });

  it('law: unless the zoom is held at its bounds, the fitted content lies inside the room and clear of the minimap', () => {
    fc.assert(
      fc.property(
        fc.record({
          x: fc.integer({ min: -5000, max: 5000 }),
          y: fc.integer({ min: -5000, max: 5000 }),
          width: fc.integer({ min: 50, max: 8000 }),
          height: fc.integer({ min: 50, max: 8000 }),
        }),
        fc.record({
          width: fc.integer({ min: 500, max: 2000 }),
          height: fc.integer({ min: 400, max: 1200 }),
        }),
        (content, view) => {
          const v = fitContent(content, view, INSETS, MINIMAP, OPTIONS);
          if (v.zoom <= OPTIONS.minZoom) return;
          const box = onScreen(content, v);
          expect(box.x).toBeGreaterThanOrEqual(INSETS.left - 1e-6);
          expect(box.y).toBeGreaterThanOrEqual(INSETS.top - 1e-6);
          expect(box.x + box.width).toBeLessThanOrEqual(view.width - INSETS.right + 1e-6);
          expect(box.y + box.height).toBeLessThanOrEqual(view.height - INSETS.bottom + 1e-6);
          const corner = {
            x: view.width - MINIMAP.width,
            y: view.height - MINIMAP.height,
            ...MINIMAP,
          };
          expect(overlap(box, corner)).toBe(false);
        },
      ),
    );
  });

  it('the presenter never zooms out past 12 px labels', () => {
    expect(PRESENTER_LABEL_HEIGHT * PRESENTER_MIN_ZOOM).toBeGreaterThanOrEqual(12);
    const huge = { x: 0, y: 0, width: 5000, height: 3000 };
    const v = fitContent(huge, { width: 870, height: 500 }, INSETS, MINIMAP, {
      minZoom: PRESENTER_MIN_ZOOM,
      maxZoom: 1.6,
    });
    expect(v.zoom).toBe(PRESENTER_MIN_ZOOM);
  });

  it('the content is the union of what is drawn (loops above and below the nodes included)', () => {
    expect(
      unionOf([
        { x: 0, y: 0, width: 100, height: 100 },
        { x: 20, y: -80, width: 40, height: 300 },
        { x: Number.NaN, y: 0, width: 1, height: 1 },
      ]),
    ).toEqual({ x: 0, y: -80, width: 100, height: 300 });
    expect(unionOf([])).toBeUndefined();
  });
});
