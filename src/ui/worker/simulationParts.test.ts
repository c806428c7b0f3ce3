import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Flow, MatrixRow, Simulation } from '../../design/types';
import { joinSimulation, splitSimulation } from './simulationParts';

const flow = fc.record({
  source: fc.constantFrom('a/x', 'b/y', 'ext:10.0.0.0/8'),
  target: fc.constantFrom('a/x', 'b/y'),
  conn: fc.constantFrom('TCP 8080', 'All Connections'),
}) as fc.Arbitrary<Flow>;

const row: fc.Arbitrary<MatrixRow> = fc
  .uniqueArray(fc.nat(60), { maxLength: 40 })
  .map((dsts) => Object.fromEntries(dsts.map((d) => [d, `TCP ${8000 + d}`])));

const simulation: fc.Arbitrary<Simulation> = fc
  .record({ flows: fc.array(flow, { maxLength: 80 }), cells: fc.array(row, { maxLength: 30 }) })
  .map(({ flows, cells }) => ({
    isolation: { 'a/x': { state: 'ingress', ingressPolicies: ['p'], egressPolicies: [] } },
    flows,
    flowsTruncated: false,
    blocked: [],
    matrix: {
      endpoints: cells.map((_, i) => ({ id: `e${i}`, label: `e${i}`, external: false, probe: `e${i}` })),
      cells,
    },
  }));

const entries = (part: { flows?: readonly Flow[]; cells?: readonly MatrixRow[] }) =>
  (part.flows?.length ?? 0) * 4 + (part.cells ?? []).reduce((a, r) => a + Object.keys(r).length, 0);

describe('simulation parts', () => {
  it('joining the parts gives the simulation back, whatever the budget', () => {
    fc.assert(
      fc.property(simulation, fc.integer({ min: 1, max: 200 }), (sim, budget) => {
        const { head, parts } = splitSimulation(sim, budget);
        // What crosses to the page is plain data: structured clone keeps it.
        const sent = structuredClone({ head, parts });
        expect(joinSimulation(sent.head, sent.parts)).toEqual(sim);
      }),
    );
  });

  it('keeps each part within the budget (a row larger than it alone), and sends a small simulation whole', () => {
    fc.assert(
      fc.property(simulation, fc.integer({ min: 1, max: 200 }), (sim, budget) => {
        const { head, parts } = splitSimulation(sim, budget);
        for (const part of parts)
          if (part.cells?.length !== 1 && part.flows?.length !== 1)
            expect(entries(part)).toBeLessThanOrEqual(budget);
        if (entries({ flows: sim.flows, cells: sim.matrix.cells }) <= budget) {
          expect(parts).toEqual([]);
          expect(head).toBe(sim);
        } else expect(entries({ flows: head.flows, cells: head.matrix.cells })).toBe(0);
      }),
    );
  });
});
