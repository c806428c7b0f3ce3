import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spanIndices, visibleSpan } from './matrixWindow';

describe('the matrix draws only the cells on screen', () => {
  it('draws every cell that intersects the viewport, and stays inside the matrix', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 600 }),
        fc.integer({ min: 0, max: 5 }),
        (offset, viewport, size, count, overscan) => {
          const { first, end } = visibleSpan(offset, viewport, size, count, overscan);
          expect(0 <= first && first <= end && end <= count).toBe(true);
          for (let i = 0; i < count; i++) {
            const intersects = i * size < offset + viewport && (i + 1) * size > offset;
            if (intersects) expect(i >= first && i < end).toBe(true);
          }
          // No more than what fits, the partial cells at both edges, and the overscan.
          expect(end - first).toBeLessThanOrEqual(Math.ceil(viewport / size) + 1 + 2 * overscan);
        },
      ),
    );
  });

  it('starts at the first cell when the panel is at the top, with overscan only after it', () => {
    expect(visibleSpan(0, 100, 25, 1000, 2)).toEqual({ first: 0, end: 6 });
  });

  it('scrolled into the middle, it draws the visible cells and the overscan on both sides', () => {
    expect(visibleSpan(1000, 100, 25, 1000, 2)).toEqual({ first: 38, end: 46 });
  });

  it('draws nothing for an empty axis or an empty viewport without overscan', () => {
    expect(visibleSpan(0, 500, 25, 0, 3)).toEqual({ first: 0, end: 0 });
    expect(spanIndices(visibleSpan(50, 0, 25, 10, 0))).toEqual([]);
  });

  it('a scroll offset past the end (content shrank under a filter) still yields a valid span', () => {
    const s = visibleSpan(5000, 200, 25, 10, 3);
    expect(s.first).toBeLessThanOrEqual(s.end);
    expect(s.end).toBe(10);
  });

  it('lists the indices of a span in order', () => {
    expect(spanIndices({ first: 3, end: 6 })).toEqual([3, 4, 5]);
  });
});
