// fast-check arbitraries shared by the engine's property tests: connection sets, and small random clusters
// with policies drawn from a tiny vocabulary of labels, ports and addresses so that matches are frequent.
import fc from 'fast-check';
import { normalizeIntervals } from '../connectionSet';
import type { ConnectionSet, PortInterval } from '../types';

/** Ports biased towards the bounds and towards a few small values, so ranges touch and overlap often. */
const portArb = fc.oneof(
  fc.constantFrom(1, 2, 79, 80, 81, 443, 8080, 65534, 65535),
  fc.integer({ min: 1, max: 65535 }),
);

const intervalArb: fc.Arbitrary<PortInterval> = fc
  .tuple(portArb, portArb)
  .map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

const intervalListArb = fc
  .oneof(
    { weight: 1, arbitrary: fc.constant([{ start: 1, end: 65535 }]) },
    { weight: 4, arbitrary: fc.array(intervalArb, { maxLength: 4 }) },
  )
  .map((l) => normalizeIntervals(l));

export const connectionSetArb: fc.Arbitrary<ConnectionSet> = fc.record({
  SCTP: intervalListArb,
  TCP: intervalListArb,
  UDP: intervalListArb,
});
