import { describe, expect, it } from 'vitest';
import { reuseUnchanged } from './reuseNodes';
import type { CanvasNode } from './toFlow';

const ns = (name: string, x: number): CanvasNode => ({
  id: `ns:${name}`,
  type: 'namespace',
  position: { x, y: 0 },
  width: 200,
  height: 100,
  data: { name, labels: [], denyMode: 'none', selected: false },
});

describe('node reuse', () => {
  it('keeps the previous object of an unchanged node, measurements included', () => {
    const prev = [{ ...ns('a', 0), measured: { width: 200, height: 100 } }];
    const out = reuseUnchanged(prev, [ns('a', 0)]);
    expect(out[0]).toBe(prev[0]);
  });

  it('takes the new object for a changed node but keeps its measurements', () => {
    const prev = [{ ...ns('a', 0), measured: { width: 200, height: 100 } }];
    const out = reuseUnchanged(prev, [ns('a', 50)]);
    expect(out[0]).not.toBe(prev[0]);
    expect(out[0].position.x).toBe(50);
    expect(out[0].measured).toEqual({ width: 200, height: 100 });
  });

  it('follows the new list: added nodes appear, removed ones go', () => {
    const out = reuseUnchanged([ns('a', 0)], [ns('b', 0)]);
    expect(out.map((n) => n.id)).toEqual(['ns:b']);
  });
});
