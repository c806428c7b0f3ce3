import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointOnCurve } from '../../design/geometry';
import {
  boxAt,
  curveCandidates,
  LABEL_GAP,
  labelSize,
  overlaps,
  placeLabels,
  type Rect,
  shortLabel,
} from './labelPlacement';

const line = { x: 0, y: 0 };

describe('placeLabels', () => {
  it('keeps a label at its preferred point when that is free', () => {
    const spot = placeLabels([], [{ id: 'a', width: 40, height: 16, candidates: [{ x: 100, y: 50 }] }]);
    expect(spot.get('a')).toEqual({ x: 100, y: 50 });
  });

  it('moves a label off a node header it would cover (the three-tier "UDP 53" over the database)', () => {
    const header: Rect = { x: 80, y: 40, width: 200, height: 40 };
    const spot = placeLabels(
      [header],
      [{ id: 'a', width: 50, height: 16, candidates: [{ x: 100, y: 50 }] }],
    ).get('a')!;
    expect(overlaps(boxAt(spot, 50, 16), header)).toBe(false);
  });

  it('takes a later point along the curve before leaving the curve', () => {
    const node: Rect = { x: 90, y: 40, width: 20, height: 20 };
    const spot = placeLabels(
      [node],
      [
        {
          id: 'a',
          width: 30,
          height: 16,
          candidates: [
            { x: 100, y: 50 },
            { x: 200, y: 50 },
          ],
        },
      ],
    ).get('a');
    expect(spot).toEqual({ x: 200, y: 50 });
  });

  it('stacks labels that want the same point instead of drawing them over each other', () => {
    const same = { width: 60, height: 16, candidates: [{ x: 0, y: 0 }] };
    const spots = placeLabels(
      [],
      [
        { id: 'b', ...same },
        { id: 'a', ...same },
      ],
    );
    expect(spots.get('a')).toEqual({ x: 0, y: 0 });
    expect(overlaps(boxAt(spots.get('a')!, 60, 16), boxAt(spots.get('b')!, 60, 16))).toBe(false);
  });

  it('places labels with room among scattered nodes without any overlap (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: 0, max: 2000 }),
      y: fc.integer({ min: 0, max: 2000 }),
      width: fc.integer({ min: 20, max: 200 }),
      height: fc.integer({ min: 10, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(rect, { maxLength: 8 }),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 2000 }), y: fc.integer({ min: 0, max: 2000 }) }), {
          maxLength: 12,
        }),
        (nodes, points) => {
          const labels = points.map((p, i) => ({ id: `l${i}`, width: 50, height: 16, candidates: [p] }));
          const spots = placeLabels(nodes, labels);
          const boxes = labels.map((l) => boxAt(spots.get(l.id)!, l.width, l.height));
          // With at most 8 nodes and 12 labels, the nudges always find room, so nothing may overlap.
          boxes.forEach((b, i) => {
            for (const n of nodes) expect(overlaps(b, n)).toBe(false);
            for (const o of boxes.slice(i + 1)) expect(overlaps(b, o)).toBe(false);
          });
          // Same input, same placement.
          expect(placeLabels(nodes, [...labels].reverse())).toEqual(spots);
        },
      ),
      { numRuns: 100 },
    );
  }, 60_000);
});

describe('label geometry', () => {
  it('a curve starts and ends at its ends, and its candidates begin at the middle', () => {
    const curve = [line, { x: 50, y: 0 }, { x: 50, y: 100 }, { x: 100, y: 100 }] as const;
    expect(pointOnCurve(curve, 0)).toEqual(line);
    expect(pointOnCurve(curve, 1)).toEqual({ x: 100, y: 100 });
    expect(curveCandidates(curve)[0]).toEqual({ x: 50, y: 50 });
    expect(curveCandidates(curve, 12)[0]).toEqual({ x: 50, y: 38 });
  });

  it('estimates a box at least as large as the label draws, and cuts long text', () => {
    expect(labelSize('TCP 8080').width).toBeGreaterThanOrEqual(8 * 6 + 12);
    expect(shortLabel('TCP 5432')).toBe('TCP 5432');
    const long = shortLabel('TCP 5432 · db-access=true in namespaces team=apps (2 workloads)');
    expect(long.length).toBeLessThanOrEqual(32);
    expect(long.endsWith('…')).toBe(true);
    expect(LABEL_GAP).toBeGreaterThan(0);
  });
});
