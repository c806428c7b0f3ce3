// The acceptance law of the designer (issue 3): on default-deny namespaces where every workload has labels
// that tell it apart, the policies compiled from a random set of drawn edges allow exactly the drawn flows,
// nothing more, nothing less, as the engine's analyze computes them. And removing every edge restores the
// document as it was before drawing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import {
  allConnections,
  equalConnections,
  formatConnectionSet,
  noConnections,
  portsOf,
  union,
} from '../engine/connectionSet';
import { parseCidr, rangesCover } from '../engine/ipRanges';
import type { ConnectionSet, NetworkPolicyPort, Protocol } from '../engine/types';
import { deriveEdges } from './edges';
import { emptyDoc, toCluster, toPolicySet } from './model';
import { applyOp } from './ops';
import { must } from './testing/build';
import type { DesignDoc } from './types';

const EXTERNAL = 'ext:203.0.113.0/24';

/** Workloads per namespace with all three keys and pairwise distinct value triples. */
const workloadsArb = fc
  .uniqueArray(
    fc.record({
      namespace: fc.constantFrom('a', 'b'),
      app: fc.constantFrom('web', 'api', 'db'),
      tier: fc.constantFrom('front', 'back'),
      zone: fc.constantFrom('z1', 'z2'),
    }),
    { minLength: 2, maxLength: 6, selector: (w) => `${w.namespace}/${w.app}/${w.tier}/${w.zone}` },
  )
  .map((ws) => ws.map((w, i) => ({ ...w, name: `w${i}` })));

const portArb: fc.Arbitrary<NetworkPolicyPort> = fc
  .record({
    protocol: fc.constantFrom<Protocol>('TCP', 'UDP', 'SCTP'),
    port: fc.integer({ min: 1, max: 65535 }),
    span: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  })
  .map(({ protocol, port, span }) =>
    span === undefined ? { protocol, port } : { protocol, port, endPort: Math.min(65535, port + span) },
  );

const portsArb = fc.oneof(
  fc.constant([] as NetworkPolicyPort[]),
  fc.array(portArb, { minLength: 1, maxLength: 3 }),
);

function connOf(ports: readonly NetworkPolicyPort[]): ConnectionSet {
  if (ports.length === 0) return allConnections();
  return ports.reduce(
    (acc, p) => union(acc, portsOf(p.protocol ?? 'TCP', p.port as number, p.endPort ?? (p.port as number))),
    noConnections(),
  );
}

const scenarioArb = workloadsArb.chain((ws) => {
  const nodes = [...ws.map((w) => `${w.namespace}/${w.name}`), 'ns:a', 'ns:b', EXTERNAL];
  const edgeArb = fc
    .record({ from: fc.constantFrom(...nodes), to: fc.constantFrom(...nodes), ports: portsArb })
    .filter((e) => e.from !== e.to && !(e.from === EXTERNAL && e.to === EXTERNAL));
  return fc.record({ ws: fc.constant(ws), edges: fc.array(edgeArb, { maxLength: 8 }) });
});

function baseDoc(
  ws: readonly { namespace: string; name: string; app: string; tier: string; zone: string }[],
): DesignDoc {
  let d = emptyDoc();
  for (const ns of ['a', 'b']) {
    d = must(d, 'addNamespace', { name: ns });
    d = must(d, 'setDefaultDeny', { namespace: ns, mode: 'both' });
  }
  d = must(d, 'addExternal', { cidr: '203.0.113.0/24' });
  for (const w of ws)
    d = must(d, 'addWorkload', {
      namespace: w.namespace,
      name: w.name,
      labels: { app: w.app, tier: w.tier, zone: w.zone },
    });
  return d;
}

describe('compiled policies allow exactly the drawn flows', () => {
  it('holds for random edges between labelled workloads, namespaces and an external block', () => {
    fc.assert(
      fc.property(scenarioArb, ({ ws, edges }) => {
        let doc = baseDoc(ws);
        for (const e of edges) {
          const r = applyOp(doc, 'connect', e);
          expect(r.notices.filter((n) => n.severity !== 'info')).toEqual([]);
          doc = r.doc;
        }
        // A namespace node stands for every workload in it.
        const covers = (node: string, endpoint: string) =>
          node === endpoint || (node.startsWith('ns:') && endpoint.startsWith(`${node.slice(3)}/`));
        const wanted = (src: string, dst: string) =>
          edges
            .filter((e) => covers(e.from, src) && covers(e.to, dst))
            .reduce((acc, e) => union(acc, connOf(e.ports)), noConnections());
        const block = [parseCidr('203.0.113.0/24')!];
        const conn = analyze(toCluster(doc), toPolicySet(doc));
        const nodeOf = (i: number) => {
          const ep = conn.endpoints[i];
          if (ep.type === 'workload') return `${ep.workload.namespace}/${ep.workload.name}`;
          return rangesCover(block, ep.ranges) ? EXTERNAL : undefined;
        };
        for (let s = 0; s < conn.endpoints.length; s++)
          for (let t = 0; t < conn.endpoints.length; t++) {
            if (s === t || (conn.endpoints[s].type === 'external' && conn.endpoints[t].type === 'external'))
              continue;
            const [src, dst] = [nodeOf(s), nodeOf(t)];
            const want = src && dst ? wanted(src, dst) : noConnections();
            const got = conn.connection(s, t);
            if (!equalConnections(got, want))
              throw new Error(
                `${conn.endpoints[s].id} -> ${conn.endpoints[t].id}: got ${formatConnectionSet(got)}, want ${formatConnectionSet(want)}`,
              );
          }
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('restores the document when every drawn edge is removed again, in any order', () => {
    fc.assert(
      fc.property(scenarioArb, fc.integer(), ({ ws, edges }, seed) => {
        const before = baseDoc(ws);
        let doc = before;
        for (const e of edges) doc = applyOp(doc, 'connect', e).doc;
        let rules = deriveEdges(doc).edges;
        let turn = Math.abs(seed);
        while (rules.length > 0) {
          const edge = rules[turn++ % rules.length];
          const r = applyOp(doc, 'disconnect', { edge });
          expect(r.doc).not.toBe(doc);
          doc = r.doc;
          rules = deriveEdges(doc).edges;
        }
        expect(doc).toEqual(before);
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
