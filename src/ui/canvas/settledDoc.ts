// Which document the canvas draws. A change of meaning (a YAML edit, a new rule, undo) sends the document to the
// simulator, which answers within tens of milliseconds. Drawing the new document at once and its overlay again
// when the answer arrives costs two full redraws of a large canvas, and for a moment shows the new rules over
// the old flows. So while the simulator works, the canvas keeps the document its overlay describes, then draws
// the new one once, with its simulation. Never for long: past HOLD_MAX_MS (or when the simulator is off, has
// failed, or the overlay was already stale) the new document is drawn alone, as before.
import type { DesignDoc } from '../../design/types';

export const HOLD_MAX_MS = 250;

export interface SettleInput {
  /** What the canvas drew last. */
  readonly shown: DesignDoc;
  /** The store's document. */
  readonly doc: DesignDoc;
  /** The document the current simulation describes. */
  readonly analysisDoc: DesignDoc | null;
  readonly analysisPending: boolean;
  readonly simulatorOn: boolean;
  /** The document whose wait ran out (HOLD_MAX_MS). */
  readonly expired: DesignDoc | null;
}

/** True when the canvas should keep drawing `shown` instead of `doc` for now. */
export function holdsPrevious(s: SettleInput): boolean {
  return (
    s.simulatorOn &&
    s.analysisPending &&
    s.shown !== s.doc &&
    s.analysisDoc !== s.doc &&
    s.analysisDoc === s.shown &&
    s.expired !== s.doc
  );
}
