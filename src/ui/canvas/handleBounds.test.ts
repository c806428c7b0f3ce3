import { describe, expect, it } from 'vitest';
import { type MeasuredNode, withoutHandleBounds } from './handleBounds';

const bounds = { source: [{ id: 'out' }], target: [{ id: 'in' }] };
const node = (id: string, over: Partial<MeasuredNode> = {}): MeasuredNode => ({
  id,
  measured: { width: 190, height: 82 },
  internals: { handleBounds: bounds },
  ...over,
});

describe('withoutHandleBounds', () => {
  it('names a node shown with its size but without handle bounds (a press on its handles would be ignored)', () => {
    expect(
      withoutHandleBounds([node('lab/api'), node('lab/web', { internals: { handleBounds: undefined } })]),
    ).toEqual(['lab/web']);
  });

  it('leaves out nodes not measured yet (React Flow measures them when they first show) and hidden ones', () => {
    expect(
      withoutHandleBounds([
        node('a', { measured: {}, internals: {} }),
        node('b', { measured: { width: 190 }, internals: {} }),
        node('c', { hidden: true, internals: {} }),
      ]),
    ).toEqual([]);
  });

  it('is empty when every node holds its handle bounds, the same empty list each time', () => {
    const nodes = [node('a'), node('b')];
    expect(withoutHandleBounds(nodes)).toEqual([]);
    expect(withoutHandleBounds(nodes)).toBe(withoutHandleBounds([]));
  });
});
