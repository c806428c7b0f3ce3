import { describe, expect, it } from 'vitest';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import { holdsPrevious, type SettleInput } from './settledDoc';

const before = applyOp(emptyDoc(), 'addNamespace', { name: 'shop' }).doc;
const after = applyOp(before, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' }).doc;
/** The moment after an edit: the canvas shows `before` with its simulation, `after` is being simulated. */
const waiting: SettleInput = {
  shown: before,
  doc: after,
  analysisDoc: before,
  analysisPending: true,
  simulatorOn: true,
  expired: null,
};

describe('the canvas waits for the simulation of a new document', () => {
  it('keeps the drawn document while its successor is simulated', () => {
    expect(holdsPrevious(waiting)).toBe(true);
  });

  it('draws the new document once its simulation arrived', () => {
    expect(holdsPrevious({ ...waiting, analysisDoc: after, analysisPending: false })).toBe(false);
  });

  it('does not wait past the time limit, with the simulator off, or when nothing is pending', () => {
    expect(holdsPrevious({ ...waiting, expired: after })).toBe(false);
    expect(holdsPrevious({ ...waiting, simulatorOn: false })).toBe(false);
    expect(holdsPrevious({ ...waiting, analysisPending: false })).toBe(false);
  });

  it('does not hold a drawing whose overlay is already stale (nothing to keep consistent)', () => {
    const older = emptyDoc();
    expect(holdsPrevious({ ...waiting, analysisDoc: older })).toBe(false);
    expect(holdsPrevious({ ...waiting, analysisDoc: null })).toBe(false);
  });

  it('an expired wait for one document does not release the next one', () => {
    const third = applyOp(after, 'setDefaultDeny', { namespace: 'shop', mode: 'both' }).doc;
    expect(holdsPrevious({ ...waiting, doc: third, expired: after })).toBe(true);
  });
});
