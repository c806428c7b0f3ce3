import { describe, expect, it } from 'vitest';
import { reuseUnchanged, reuseUnchangedEdges } from './reuseNodes';
import type { CanvasEdge, CanvasNode } from './toFlow';

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

  it('returns the previous array itself when no node changed', () => {
    const prev = [ns('a', 0), ns('b', 300)];
    expect(reuseUnchanged(prev, [ns('a', 0), ns('b', 300)])).toBe(prev);
    expect(reuseUnchanged(prev, [ns('b', 300), ns('a', 0)])).not.toBe(prev);
  });

  it('sees a change inside one data field, and a field added or removed', () => {
    const prev = [ns('a', 0)];
    const withData = (data: object) => ({ ...ns('a', 0), data }) as CanvasNode;
    const relabelled = withData({ ...ns('a', 0).data, labels: [['team', 'x']] });
    expect(reuseUnchanged(prev, [relabelled])[0]).toBe(relabelled);
    const denied = withData({ ...ns('a', 0).data, denyMode: 'ingress' });
    expect(reuseUnchanged(prev, [denied])[0]).toBe(denied);
    const { selected: _, ...fewer } = ns('a', 0).data as Record<string, unknown>;
    const shorter = withData(fewer);
    expect(reuseUnchanged(prev, [shorter])[0]).toBe(shorter);
  });

  it('follows the new list: added nodes appear, removed ones go', () => {
    const out = reuseUnchanged([ns('a', 0)], [ns('b', 0)]);
    expect(out.map((n) => n.id)).toEqual(['ns:b']);
  });
});

const flowEdge = (source: string, target: string, ports: string): CanvasEdge => ({
  id: `flow:${source}->${target}`,
  type: 'flow',
  source,
  target,
  sourceHandle: 'out',
  targetHandle: 'in',
  selectable: false,
  data: { flow: { source, target, conn: ports } },
});

describe('edge reuse', () => {
  it('keeps the previous object of an edge whose content is the same, even from a new simulation', () => {
    const prev = [flowEdge('a/x', 'a/y', 'TCP 80'), flowEdge('a/y', 'a/z', 'TCP 81')];
    const next = [flowEdge('a/x', 'a/y', 'TCP 80'), flowEdge('a/y', 'a/z', 'TCP 82')];
    const out = reuseUnchangedEdges(prev, next);
    expect(out[0]).toBe(prev[0]);
    expect(out[1]).toBe(next[1]);
  });

  it('returns the previous array when nothing changed, and a new one when an edge is added or dimmed', () => {
    const prev = [flowEdge('a/x', 'a/y', 'TCP 80')];
    expect(reuseUnchangedEdges(prev, [flowEdge('a/x', 'a/y', 'TCP 80')])).toBe(prev);
    const added = reuseUnchangedEdges(prev, [
      flowEdge('a/x', 'a/y', 'TCP 80'),
      flowEdge('a/y', 'a/x', 'UDP 53'),
    ]);
    expect(added).not.toBe(prev);
    expect(added.map((e) => e.id)).toEqual(['flow:a/x->a/y', 'flow:a/y->a/x']);
    const dimmed = reuseUnchangedEdges(prev, [{ ...flowEdge('a/x', 'a/y', 'TCP 80'), className: 'dimmed' }]);
    expect(dimmed[0]?.className).toBe('dimmed');
  });
});
