// Laws every operation keeps, whatever the user does: no throw, a document that passes the persistence
// validator, in canonical order, with every workload and policy in a namespace of the document.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../edges';
import { canonical, emptyDoc } from '../model';
import type { DesignDoc, OpResult } from '../types';
import { docProblem } from '../validate';
import { applyOp } from '.';

const ns = fc.constantFrom('a', 'b', 'kube-system', 'Bad_Name', '');
const name = fc.constantFrom('web', 'api', 'db', 'x.y', 'UPPER', '');
const wid = fc.tuple(ns, name).map(([n, w]) => `${n}/${w}`);
const node = fc.oneof(
  wid,
  ns.map((n) => `ns:${n}`),
  fc.constantFrom('ext:10.0.0.0/8', 'ext:bogus', 'any', 'nothing'),
);
const labels = fc.dictionary(
  fc.constantFrom('app', 'tier', 'bad key'),
  fc.constantFrom('x', 'y', 'bad value'),
);
const ports = fc.array(
  fc.record({
    protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
    port: fc.oneof(fc.integer({ min: -5, max: 70000 }), fc.constantFrom('http', 'Bad')),
  }),
  { maxLength: 2 },
);

type Step = (doc: DesignDoc) => OpResult;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ name: ns, labels }).map((a) => (d: DesignDoc) => applyOp(d, 'addNamespace', a)),
  fc.record({ from: ns, to: ns }).map((a) => (d: DesignDoc) => applyOp(d, 'renameNamespace', a)),
  fc.record({ name: ns, labels }).map((a) => (d: DesignDoc) => applyOp(d, 'setNamespaceLabels', a)),
  ns.map((n) => (d: DesignDoc) => applyOp(d, 'deleteNamespace', { name: n })),
  fc
    .record({ namespace: ns, name, labels: fc.option(labels, { nil: undefined }) })
    .map((a) => (d: DesignDoc) => applyOp(d, 'addWorkload', a)),
  fc.record({ id: wid, name }).map((a) => (d: DesignDoc) => applyOp(d, 'renameWorkload', a)),
  fc.record({ id: wid, labels }).map((a) => (d: DesignDoc) => applyOp(d, 'setWorkloadLabels', a)),
  fc.record({ id: wid, namespace: ns }).map((a) => (d: DesignDoc) => applyOp(d, 'moveWorkload', a)),
  wid.map((id) => (d: DesignDoc) => applyOp(d, 'deleteWorkload', { id })),
  fc
    .constantFrom('10.0.0.0/8', '0.0.0.0/0', '300.1.1.1/8')
    .map((cidr) => (d: DesignDoc) => applyOp(d, 'addExternal', { cidr })),
  node.map((id) => (d: DesignDoc) => applyOp(d, 'deleteExternal', { id })),
  fc.constant((d: DesignDoc) => applyOp(d, 'addDnsPreset', {})),
  fc
    .record({ from: node, to: node, ports, bothSides: fc.boolean() })
    .map((a) => (d: DesignDoc) => applyOp(d, 'connect', a)),
  fc
    .record({
      namespace: ns,
      mode: fc.constantFrom('none' as const, 'ingress' as const, 'egress' as const, 'both' as const),
    })
    .map((a) => (d: DesignDoc) => applyOp(d, 'setDefaultDeny', a)),
  fc
    .record({
      k: fc.nat(),
      ports,
      op: fc.constantFrom('disconnect' as const, 'setEdgePorts' as const, 'completeEdge' as const),
    })
    .map(({ k, ports: p, op }) => (d: DesignDoc) => {
      const edges = deriveEdges(d).edges;
      if (edges.length === 0) return { doc: d, notices: [] };
      const edge = edges[k % edges.length];
      return op === 'setEdgePorts' ? applyOp(d, op, { edge, ports: p }) : applyOp(d, op, { edge });
    }),
  fc.record({ id: node, x: fc.integer(), y: fc.integer() }).map(
    ({ id, x, y }) =>
      (d: DesignDoc) =>
        applyOp(d, 'setNodePosition', { id, position: { x, y } }),
  ),
);

describe('every operation, in any sequence', () => {
  it('never throws and keeps the document valid, canonical and consistent', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let doc = emptyDoc();
        for (const step of steps) {
          const r = step(doc);
          if (r.doc === doc) continue;
          expect(r.notices.some((n) => n.severity === 'error')).toBe(false);
          doc = r.doc;
          expect(docProblem(JSON.parse(JSON.stringify(doc)))).toBeUndefined();
          expect(canonical(doc)).toEqual(doc);
          const names = new Set(doc.namespaces.map((n) => n.name));
          for (const w of doc.workloads) expect(names.has(w.namespace)).toBe(true);
          for (const p of doc.policies) expect(names.has(p.namespace)).toBe(true);
          expect(new Set(doc.workloads.map((w) => w.id)).size).toBe(doc.workloads.length);
        }
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
