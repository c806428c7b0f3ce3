import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  boxesCrossed,
  directCurve,
  type EdgeEnds,
  EXTERNAL_SIZE,
  isBackward,
  loopCurve,
  NAMESPACE_PADDING,
  NODE_WIDTH,
  namespaceHeader,
  placeMissing,
  type Rect,
  routeCandidates,
  routeEdge,
  WORKLOAD_HEIGHT,
} from './geometry';
import { applyOp } from './ops';
import { docArb, stepArb } from './testing/arbitraries';

/** A workload box at (x, y), and the ends of an edge from one box's right handle to another's left handle. */
const box = (x: number, y: number): Rect => ({ x, y, width: NODE_WIDTH, height: WORKLOAD_HEIGHT });
const ends = (from: Rect, to: Rect): EdgeEnds => ({
  sourceX: from.x + from.width,
  sourceY: from.y + from.height / 2,
  targetX: to.x,
  targetY: to.y + to.height / 2,
});

// The three-tier row: frontend, backend, database side by side (a gap of 90 between them).
const frontend = box(0, 0);
const backend = box(280, 0);
const database = box(560, 0);

describe('routeEdge', () => {
  it('keeps the plain curve between neighbours', () => {
    const r = routeEdge(ends(frontend, backend), false, [database]);
    expect(r.side).toBe('direct');
    expect(r.curve).toEqual(directCurve(ends(frontend, backend)));
  });

  it('bows a forward edge over (or under) a node between its ends, where the plain curve runs through it', () => {
    const e = ends(frontend, database);
    expect(boxesCrossed(directCurve(e), [backend])).toHaveLength(1);
    const r = routeEdge(e, false, [backend]);
    expect(r.side).not.toBe('direct');
    expect(boxesCrossed(r.curve, [backend])).toEqual([]);
    // Still from the source's right handle to the target's left handle.
    expect(r.curve[0]).toEqual({ x: e.sourceX, y: e.sourceY });
    expect(r.curve[3]).toEqual({ x: e.targetX, y: e.targetY });
  });

  it('loops a backward edge high enough to clear the nodes between, or under them when something sits above', () => {
    const e = ends(database, frontend);
    expect(isBackward(e, false)).toBe(true);
    // The usual loop only just clears the row's top edge: with the margin it grazes backend.
    expect(boxesCrossed(loopCurve(e), [backend])).toHaveLength(1);
    const over = routeEdge(e, false, [backend]);
    expect(over).toMatchObject({ loop: true, side: 'above', crossings: 0 });
    // A wide node right above the row: the loop goes under instead.
    const roof = { x: -100, y: -120, width: 1000, height: 100 };
    const under = routeEdge(e, false, [backend, roof]);
    expect(under).toMatchObject({ loop: true, side: 'below', crossings: 0 });
  });

  it('takes a backward edge down a column past the node between (database-isolation: orders → billing)', () => {
    const orders = box(0, 0);
    const reports = box(0, 150);
    const billing = box(0, 300);
    const r = routeEdge(ends(orders, billing), false, [reports]);
    expect(r.crossings).toBe(0);
    expect(boxesCrossed(r.curve, [reports])).toEqual([]);
  });

  it('climbs out of a 20 px gap between neighbours (three-tier example: frontend → coredns, over backend)', () => {
    // As measured in the browser: workloads 190 × 82, 20 px apart; coredns higher up, to the right.
    const row = [0, 1, 2].map((i) => ({ x: 326 + 210 * i, y: 127, width: 190, height: 82 }));
    const coredns: Rect = { x: 1069, y: 72, width: 190, height: 82 };
    const e = ends(row[0], coredns);
    expect(boxesCrossed(directCurve(e), row.slice(1))).not.toEqual([]);
    const r = routeEdge(e, false, row.slice(1), { curvature: 0.55, lift: 16 });
    expect(r.crossings).toBe(0);
    expect(boxesCrossed(r.curve, row.slice(1))).toEqual([]);
  });

  it('loops a backward edge between namespaces in one column around the lower one, not over its header (lesson 2: frontend → coredns)', () => {
    // As measured in the browser at lesson 2's last step: kube-system above shop, one workload column each.
    const kubeSystem: Rect = { x: 0, y: 0, width: 258, height: 186 };
    const shop: Rect = { x: 0, y: 240, width: 258, height: 290 };
    const coredns: Rect = { x: 24, y: 56, width: 190, height: 82 };
    const backend: Rect = { x: 24, y: 296, width: 190, height: 82 };
    const frontend: Rect = { x: 24, y: 412, width: 190, height: 82 };
    const headers = [namespaceHeader(kubeSystem), namespaceHeader(shop)];
    const e = ends(frontend, coredns);
    // Every loop of the usual reach, above or below, climbs through shop's header.
    const usual = routeCandidates(e, false, { lift: 16 }).filter(
      (c) => c.curve[1].x - e.sourceX === 60 || c.curve[1].x - e.sourceX === 12,
    );
    expect(usual.every((c) => boxesCrossed(c.curve, [backend, ...headers]).length > 0)).toBe(true);
    const r = routeEdge(e, false, [backend], { lift: 16, avoid: headers });
    expect(r).toMatchObject({ loop: true, crossings: 0 });
    expect(boxesCrossed(r.curve, [backend, ...headers])).toEqual([]);
  });

  it('crosses a namespace header rather than a node when every lane crosses one or the other', () => {
    // Headers 10 px above and below the row, as wide as can be: every lane crosses one; the direct curve crosses
    // backend.
    const e = ends(frontend, database);
    const headers = [
      { x: -2000, y: -1000, width: 4000, height: 990 },
      { x: -2000, y: WORKLOAD_HEIGHT + 10, width: 4000, height: 990 },
    ];
    const r = routeEdge(e, false, [backend], { avoid: headers });
    expect(r.crossings).toBe(0);
    expect(r.avoided).toBeGreaterThan(0);
    // With nothing to avoid in the way, nothing is crossed.
    expect(routeEdge(e, false, [backend], { avoid: [] })).toMatchObject({ crossings: 0 });
  });

  it('a namespace header is the strip along its top, the whole box when it is shorter', () => {
    expect(namespaceHeader({ x: 5, y: 6, width: 300, height: 200 })).toEqual({
      x: 5,
      y: 6,
      width: 300,
      height: NAMESPACE_PADDING.top,
    });
    expect(namespaceHeader({ x: 0, y: 0, width: 240, height: 40 }).height).toBe(40);
  });

  it('a self loop stays above its node', () => {
    const e = ends(frontend, frontend);
    const r = routeEdge(e, true, []);
    expect(r).toMatchObject({ loop: true, side: 'above' });
    expect(Math.min(r.curve[1].y, r.curve[2].y)).toBeLessThan(frontend.y);
  });

  it('never crosses more boxes than the unrouted curve (law), and none when the plain curve crosses none', () => {
    const cell = fc.record({ col: fc.integer({ min: 0, max: 5 }), row: fc.integer({ min: 0, max: 4 }) });
    fc.assert(
      fc.property(
        fc.uniqueArray(cell, { minLength: 2, maxLength: 12, selector: (c) => `${c.col},${c.row}` }),
        (cells) => {
          const boxes = cells.map((c) => box(c.col * 280, c.row * 150));
          const [from, to, ...others] = boxes;
          const e = ends(from, to);
          const plain = isBackward(e, false) ? loopCurve(e) : directCurve(e);
          const before = boxesCrossed(plain, others).length;
          const r = routeEdge(e, false, others);
          expect(r.crossings).toBe(boxesCrossed(r.curve, others).length);
          expect(r.crossings).toBeLessThanOrEqual(before);
          if (before === 0 && !isBackward(e, false)) expect(r.side).toBe('direct');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an external node is a box like any other', () => {
    const ext: Rect = { x: -300, y: 0, ...EXTERNAL_SIZE };
    const r = routeEdge(ends(ext, database), false, [frontend, backend]);
    expect(r.crossings).toBe(0);
  });
});

describe('placeMissing, remembered per layout', () => {
  it('answers after every operation what it answers for a fresh copy of the document', () => {
    fc.assert(
      fc.property(docArb, fc.array(stepArb, { minLength: 1, maxLength: 5 }), (start, steps) => {
        let doc = start;
        for (const step of steps) {
          doc = applyOp(doc, step.name, step.args as never).doc;
          // The same document twice (the second answer remembered), and a copy nothing remembers.
          expect(placeMissing(doc)).toEqual(placeMissing(structuredClone(doc)));
          expect(placeMissing(doc)).toEqual(placeMissing(structuredClone(doc)));
        }
      }),
      { numRuns: 100 },
    );
  });
});
