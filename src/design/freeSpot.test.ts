import { describe, expect, it } from 'vitest';
import { freeSpotNear, type Rect } from './geometry';

const size = { width: 190, height: 96 };
const inside = (p: { x: number; y: number }, v: Rect) =>
  p.x >= v.x && p.y >= v.y && p.x + size.width <= v.x + v.width && p.y + size.height <= v.y + v.height;
const overlaps = (p: { x: number; y: number }, r: Rect) =>
  p.x < r.x + r.width && r.x < p.x + size.width && p.y < r.y + r.height && r.y < p.y + size.height;

describe('a new node lands in view, near the selection, on free ground', () => {
  const view: Rect = { x: 0, y: 0, width: 1000, height: 600 };

  it('goes inside the visible canvas even when every node lies elsewhere (the old spot was right of all namespaces)', () => {
    const occupied: Rect[] = [{ x: -2000, y: 0, width: 1800, height: 600 }];
    const p = freeSpotNear(occupied, size, view);
    expect(inside(p, view)).toBe(true);
  });

  it('overlaps no node, and stays close to the anchor', () => {
    const occupied: Rect[] = [
      { x: 100, y: 100, width: 500, height: 300 },
      { x: 650, y: 100, width: 200, height: 100 },
    ];
    const anchor = { x: 750, y: 150 };
    const p = freeSpotNear(occupied, size, view, anchor);
    expect(inside(p, view)).toBe(true);
    expect(occupied.some((r) => overlaps(p, r))).toBe(false);
    expect(Math.hypot(p.x + size.width / 2 - anchor.x, p.y + size.height / 2 - anchor.y)).toBeLessThan(260);
  });

  it('when the view is full, picks a free spot outside it rather than on top of a node', () => {
    const occupied: Rect[] = [{ x: -50, y: -50, width: 1100, height: 700 }];
    const p = freeSpotNear(occupied, size, view);
    expect(occupied.some((r) => overlaps(p, r))).toBe(false);
  });
});
