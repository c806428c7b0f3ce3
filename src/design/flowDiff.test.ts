import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changeCounts, diffFlows, flowEndName } from './flowDiff';
import { simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import { type ConnectivityMatrix, type Flow, OUTSIDE_REF } from './types';

const flow = (source: string, target: string, conn: string): Flow => ({ source, target, conn });

describe('diffFlows', () => {
  it('reports a flow that appears as gained and one that disappears as lost', () => {
    const before = [flow('a', 'b', 'TCP 80')];
    const after = [flow('a', 'c', 'UDP 53')];
    expect(diffFlows(before, after)).toEqual([
      { source: 'a', target: 'b', kind: 'lost', before: 'TCP 80', after: '', gained: '', lost: 'TCP 80' },
      { source: 'a', target: 'c', kind: 'gained', before: '', after: 'UDP 53', gained: 'UDP 53', lost: '' },
    ]);
  });

  it('reports the ports gained and lost on a pair that keeps some connections', () => {
    const [c] = diffFlows([flow('a', 'b', 'TCP 80,8080')], [flow('a', 'b', 'TCP 8080,UDP 53')]);
    expect(c).toMatchObject({ kind: 'changed', gained: 'UDP 53', lost: 'TCP 80' });
  });

  it('subtracts port ranges, so narrowing All Connections to one port loses everything else', () => {
    const [c] = diffFlows([flow('a', 'b', 'All Connections')], [flow('a', 'b', 'TCP 8080')]);
    expect(c.kind).toBe('changed');
    expect(c.gained).toBe('');
    expect(c.lost).toBe('SCTP 1-65535,TCP 1-8079,8081-65535,UDP 1-65535');
  });

  it('ignores pairs whose text differs but whose ports are the same', () => {
    expect(diffFlows([flow('a', 'b', 'TCP 80, 81')], [flow('a', 'b', 'TCP 80-81')])).toEqual([]);
  });

  it('sorts by source then target and counts pairs that gained or lost', () => {
    const changes = diffFlows([flow('b', 'a', 'TCP 1')], [flow('a', 'z', 'TCP 1'), flow('a', 'c', 'TCP 1')]);
    expect(changes.map((c) => `${c.source}->${c.target}`)).toEqual(['a->c', 'a->z', 'b->a']);
    expect(changeCounts(changes)).toEqual({ gained: 2, lost: 1 });
  });

  it('shows the additive model: a default deny loses flows, an allow on top gains one back', () => {
    const open = shopDoc();
    const denied = must(open, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    const allowed = must(denied, 'connect', {
      from: 'shop/frontend',
      to: 'shop/backend',
      ports: [{ protocol: 'TCP', port: 8080 }],
    });
    const lost = diffFlows(simulate(open).flows, simulate(denied).flows);
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((c) => c.gained === '' && c.lost !== '')).toBe(true);
    expect(lost.some((c) => c.source === 'shop/frontend' && c.target === 'shop/backend')).toBe(true);
    const gained = diffFlows(simulate(denied).flows, simulate(allowed).flows);
    expect(gained).toEqual([
      {
        source: 'shop/frontend',
        target: 'shop/backend',
        kind: 'gained',
        before: '',
        after: 'TCP 8080',
        gained: 'TCP 8080',
        lost: '',
      },
    ]);
  });
});

/** Pairs (workload id or `external`, either side) whose matrix cell is non-empty. */
function matrixPairs(m: ConnectivityMatrix): Set<string> {
  const name = (i: number) => m.endpoints[i].node ?? 'external';
  const out = new Set<string>();
  m.cells.forEach((row, s) => {
    for (const [t, cell] of Object.entries(row)) if (cell) out.add(`${name(s)}->${name(Number(t))}`);
  });
  return out;
}

describe('flow changes and the matrix', () => {
  const asMatrixPair = (c: { source: string; target: string }) => {
    const side = (ref: string) => (ref.startsWith('ext:') || ref === OUTSIDE_REF ? 'external' : ref);
    return `${side(c.source)}->${side(c.target)}`;
  };

  it.each([['ingress', 'egress', 'both'] as const].flat())(
    'a default deny (%s) lists every pair the matrix loses, external addresses included',
    (mode) => {
      const open = shopDoc();
      const denied = must(open, 'setDefaultDeny', { namespace: 'shop', mode });
      const before = simulate(open);
      const after = simulate(denied);
      const lostInMatrix = [...matrixPairs(before.matrix)].filter((p) => !matrixPairs(after.matrix).has(p));
      const lost = diffFlows(before.flows, after.flows).filter((c) => c.kind === 'lost');
      expect(new Set(lost.map(asMatrixPair))).toEqual(new Set(lostInMatrix));
      expect(lost.some((c) => c.source === OUTSIDE_REF || c.target === OUTSIDE_REF)).toBe(true);
    },
  );

  it('an external node on the canvas keeps its own flows; "outside" is only the addresses it does not cover', () => {
    const doc = must(shopDoc(), 'connect', {
      from: 'shop/frontend',
      to: 'ext:10.0.0.0/8',
      ports: [{ protocol: 'TCP', port: 443 }],
    });
    const flows = simulate(doc).flows;
    const conn = (s: string, t: string) => flows.find((f) => f.source === s && f.target === t)?.conn;
    // frontend's egress is isolated by its rule towards 10.0.0.0/8: nothing else is reachable.
    expect(conn('shop/frontend', 'ext:10.0.0.0/8')).toBe('TCP 443');
    expect(conn('shop/frontend', OUTSIDE_REF)).toBeUndefined();
    expect(conn('shop/backend', OUTSIDE_REF)).toBe('All Connections');
    const denied = must(doc, 'setDefaultDeny', { namespace: 'shop', mode: 'egress' });
    const lostByBackend = diffFlows(flows, simulate(denied).flows)
      .filter((c) => c.source === 'shop/backend' && c.kind === 'lost')
      .map((c) => c.target);
    expect(lostByBackend).toEqual(expect.arrayContaining(['ext:10.0.0.0/8', OUTSIDE_REF]));
  });
});

const interval = fc
  .tuple(fc.integer({ min: 1, max: 65535 }), fc.integer({ min: 0, max: 300 }))
  .map(([start, len]) => ({ start, end: Math.min(65535, start + len) }));
const connText = fc
  .record({
    TCP: fc.array(interval, { maxLength: 3 }),
    UDP: fc.array(interval, { maxLength: 2 }),
    SCTP: fc.array(interval, { maxLength: 1 }),
  })
  .map((lists) => {
    const parts = (['SCTP', 'TCP', 'UDP'] as const)
      .filter((p) => lists[p].length > 0)
      .map(
        (p) =>
          `${p} ${lists[p].map((i) => (i.start === i.end ? `${i.start}` : `${i.start}-${i.end}`)).join(',')}`,
      );
    return parts.join(',');
  })
  .filter((t) => t !== '');
const nodes = fc.constantFrom('a', 'b', 'c', 'd');
const flows = fc
  .uniqueArray(fc.tuple(nodes, nodes, connText), { selector: ([s, t]) => `${s}>${t}`, maxLength: 8 })
  .map((list) => list.map(([s, t, c]) => flow(s, t, c)));

describe('diffFlows laws', () => {
  it('finds no change between a list of flows and itself', () => {
    fc.assert(fc.property(flows, (a) => diffFlows(a, a).length === 0));
  });

  it('swaps gained and lost (and gained/lost kinds) when the arguments swap', () => {
    fc.assert(
      fc.property(flows, flows, (a, b) => {
        const ab = diffFlows(a, b);
        const ba = diffFlows(b, a);
        const swapKind = { gained: 'lost', lost: 'gained', changed: 'changed' } as const;
        expect(ba).toEqual(
          ab.map((c) => ({
            ...c,
            kind: swapKind[c.kind],
            before: c.after,
            after: c.before,
            gained: c.lost,
            lost: c.gained,
          })),
        );
      }),
    );
  });

  it('finds the same changes whatever the order of the lists (a common head and tail are compared in place)', () => {
    // The pairs of both lists in one order (as two simulations list them), some in one list only, some with
    // another connection after; `after` has a window [lo, hi) reversed. The reference: both lists reordered by
    // their connection texts, which puts few pairs in the same places.
    const lists = fc
      .uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), nodes, connText, connText), {
        selector: ([s, t]) => `${s}>${t}`,
        maxLength: 14,
      })
      .chain((pairs) =>
        fc.tuple(
          fc.constant(pairs),
          fc.array(fc.constantFrom('both', 'before', 'after', 'same'), {
            minLength: pairs.length,
            maxLength: pairs.length,
          }),
          fc.nat(pairs.length),
          fc.nat(pairs.length),
        ),
      );
    const byConn = (fs: readonly Flow[]) =>
      [...fs].sort((p, q) => (p.conn < q.conn ? -1 : p.conn > q.conn ? 1 : 0));
    fc.assert(
      fc.property(lists, ([pairs, where, x, y]) => {
        const before: Flow[] = [];
        const after: Flow[] = [];
        pairs.forEach(([s, t, c1, c2], i) => {
          if (where[i] !== 'after') before.push(flow(s, t, c1));
          if (where[i] !== 'before') after.push(flow(s, t, where[i] === 'same' ? c1 : c2));
        });
        const [lo, hi] = [Math.min(x, y, after.length), Math.min(Math.max(x, y), after.length)];
        after.splice(lo, hi - lo, ...after.slice(lo, hi).reverse());
        expect(diffFlows(before, after)).toEqual(diffFlows(byConn(before), byConn(after)));
        expect(diffFlows(after, before)).toEqual(diffFlows(byConn(after), byConn(before)));
      }),
      { numRuns: 300 },
    );
  });

  it('reports only pairs whose connections really differ', () => {
    fc.assert(
      fc.property(flows, flows, (a, b) => {
        for (const c of diffFlows(a, b)) expect(c.gained !== '' || c.lost !== '').toBe(true);
      }),
    );
  });
});

describe('flowEndName', () => {
  it('names the addresses outside every external node in words and leaves node refs as they are', () => {
    expect(flowEndName(OUTSIDE_REF)).toMatch(/^other addresses/);
    expect(flowEndName('shop/frontend')).toBe('shop/frontend');
    expect(flowEndName('ext:10.0.0.0/8')).toBe('ext:10.0.0.0/8');
  });
});
