import { describe, expect, it } from 'vitest';
import type { ObservedFlowView, ObservedReport } from '../../design/observedReport';
import { observedEdges } from './observedEdges';

function flow(
  source: string,
  target: string,
  port: number,
  cls: ObservedFlowView['class'],
): ObservedFlowView {
  return {
    key: `${source}>${target}:TCP/${port}`,
    source,
    target,
    srcId: source,
    dstId: target,
    protocol: 'TCP',
    port,
    count: 2,
    dropped: 0,
    line: 1,
    class: cls,
  };
}

const report = (flows: ObservedFlowView[]): ObservedReport => ({
  file: 'c',
  records: 1,
  flows,
  droppedOnly: 0,
  unused: [{ source: 'a', target: 'c', srcId: 'a', dstId: 'c', conn: 'TCP 1' }],
  unusedCount: 1,
  coverage: { workloads: 3, isolatedIngress: 0, isolatedEgress: 0, allowedPairs: 1, observedAllowedPairs: 0 },
  unknown: [],
});

const ALL = { allowed: true, denied: true, unused: true };
const nodes = new Set(['a', 'b', 'c']);

describe('the observed-flows layer', () => {
  it('draws one edge per pair, denied when any of its ports is', () => {
    const edges = observedEdges(
      report([flow('a', 'b', 80, 'allowed'), flow('a', 'b', 81, 'denied')]),
      ALL,
      nodes,
    );
    const ab = edges.find((e) => e.id === 'observed:a->b');
    expect(ab?.data?.cls).toBe('denied');
    expect(ab?.data?.lines).toEqual(['TCP 80 allowed (seen 2 times)', 'TCP 81 DENIED (seen 2 times)']);
    expect(edges.find((e) => e.id === 'observed:a->c')?.data?.cls).toBe('unused');
  });

  it('leaves out what the filters hide and ends that are not on the canvas', () => {
    const r = report([
      flow('a', 'b', 80, 'allowed'),
      flow('b', 'c', 81, 'denied'),
      flow('x', 'b', 1, 'denied'),
    ]);
    const edges = observedEdges(r, { allowed: false, denied: true, unused: false }, nodes);
    expect(edges.map((e) => e.id)).toEqual(['observed:b->c']);
  });

  it('past the overlay cap draws only the selected node’s pairs', () => {
    const many = Array.from({ length: 450 }, (_, i) => flow(`n${i}`, 'b', 80, 'allowed'));
    const ids = new Set(['b', ...many.map((f) => f.source as string)]);
    expect(observedEdges(report(many), ALL, ids)).toEqual([]);
    expect(observedEdges(report(many), ALL, ids, 'n7').map((e) => e.id)).toEqual(['observed:n7->b']);
  });
});
