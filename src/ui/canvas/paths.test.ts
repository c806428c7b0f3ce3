import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { WORKLOAD_HEIGHT } from '../../design/geometry';
import { edgePath } from './paths';

const g = {
  sourceX: 300,
  sourceY: 100,
  targetX: 100,
  targetY: 100,
  sourcePosition: Position.Right,
  targetPosition: Position.Left,
};

describe('edge paths', () => {
  it('a self loop starts and ends at the handles and puts its label clear above the node', () => {
    const [path, x, y] = edgePath(g, true);
    expect(path.startsWith('M 300 100')).toBe(true);
    expect(path.endsWith('100 100')).toBe(true);
    expect(x).toBe(200);
    // The handle is half a node (48 px) below the node's top; a label is about 22 px tall.
    expect(y + 11).toBeLessThan(100 - WORKLOAD_HEIGHT / 2);
  });

  it('a flow loop rises higher than the rule loop of the same node', () => {
    expect(edgePath(g, true, undefined, 16)[2]).toBeLessThan(edgePath(g, true)[2]);
  });

  it('an edge to a node further left loops over both ends too', () => {
    const [path, , y] = edgePath({ ...g, targetY: 160 }, false);
    expect(path.startsWith('M 300 100 C')).toBe(true);
    expect(y).toBeLessThan(100);
  });

  it('an ordinary edge has its label between the two ends', () => {
    const [, x, y] = edgePath({ ...g, sourceX: 100, targetX: 300, targetY: 200 }, false);
    expect(x).toBeGreaterThan(100);
    expect(x).toBeLessThan(300);
    expect(y).toBeGreaterThan(100);
    expect(y).toBeLessThan(200);
  });
});
