// Test helper: the three-tier example with observed traffic imported into it, as the flows tests start.
import { readFileSync } from 'node:fs';
import { CaptureImport } from '../captureImport';
import { emptyDoc } from '../model';
import type { ObservedCapture } from '../observed';
import { applyOp } from '../ops';
import type { DesignDoc } from '../types';

/** The three-tier example's capture (e2e/fixtures/flows/three-tier.jsonl, Hubble JSON lines). */
export const THREE_TIER_CAPTURE = readFileSync(
  new URL('../../../e2e/fixtures/flows/three-tier.jsonl', import.meta.url),
  'utf8',
);

/** The three-tier example document. */
export function threeTierDoc(): DesignDoc {
  return applyOp(emptyDoc(), 'loadExample', { id: 'three-tier' }).doc;
}

/** The three-tier example and `text` (by default its capture) imported in one piece as the file `file`. */
export function threeTierWithCapture(
  text = THREE_TIER_CAPTURE,
  file = 'three-tier.jsonl',
): { doc: DesignDoc; capture: ObservedCapture } {
  const doc = threeTierDoc();
  const imp = new CaptureImport(doc, file);
  imp.push(text);
  return { doc, capture: imp.finish().capture };
}
