// Where edge labels go, pure and synchronous: every label is a box centred on a point of its edge's curve,
// and none may cover a node (a workload, an external, a namespace's header) or another label. Each edge
// offers points along its curve in order of preference (its middle first); a label takes the first point
// whose box is free, else the nearest free box above or below one of them, else its middle anyway. Labels are
// placed in a fixed order (by id), so the same canvas always gets the same placement.

import { type Curve, pointOnCurve } from '../../design/geometry';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LabelRequest {
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** Centre points along the edge, the preferred first (at least one). */
  readonly candidates: readonly Point[];
}

/** Fractions of the curve a label may sit at, the middle first. */
export const LABEL_STOPS = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8] as const;
/** How far (in label heights) a label may move above or below its curve to find room. */
const MAX_NUDGES = 8;
/** Free space kept around a label. */
export const LABEL_GAP = 2;

/**
 * The edge labels' type: 10 px monospace on a 12 px line (`.edge-label` in styles.css), 1 px × 5 px padding, 1 px
 * border: 16 px tall. (On the page's 18 px line they were 22 px, and labels placed 2 px apart overlapped.)
 */
const CHAR_WIDTH = 6.05;
const LABEL_PADDING_X = 12;
export const LABEL_HEIGHT = 16;

/** Longer label text is cut (with an ellipsis; the full text is the label's tooltip) so it finds room. */
export const MAX_LABEL_CHARS = 32;

export function shortLabel(text: string, max = MAX_LABEL_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * A label's size before it is drawn, from its text (a little generous, so the real box fits inside); `scale`
 * for larger type (the presenter view's, PRESENTER_LABEL_SCALE in fitView.ts).
 */
export function labelSize(text: string, scale = 1): { width: number; height: number } {
  return {
    width: Math.ceil((text.length * CHAR_WIDTH + LABEL_PADDING_X) * scale),
    height: Math.ceil(LABEL_HEIGHT * scale),
  };
}

/** The candidate centres of a label on a curve (LABEL_STOPS), moved up by `lift` (a loop's label sits above). */
export function curveCandidates(curve: Curve, lift = 0): Point[] {
  return LABEL_STOPS.map((t) => {
    const p = pointOnCurve(curve, t);
    return { x: p.x, y: p.y - lift };
  });
}

export function boxAt(c: Point, width: number, height: number): Rect {
  return { x: c.x - width / 2, y: c.y - height / 2, width, height };
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return (
    a.x < b.x + b.width + gap &&
    b.x < a.x + a.width + gap &&
    a.y < b.y + b.height + gap &&
    b.y < a.y + a.height + gap
  );
}

/** Each label's centre. Obstacles and the boxes placed so far are checked with LABEL_GAP of free space. */
export function placeLabels(obstacles: readonly Rect[], labels: readonly LabelRequest[]): Map<string, Point> {
  const placed: Rect[] = [];
  const out = new Map<string, Point>();
  const free = (r: Rect) =>
    !obstacles.some((o) => overlaps(r, o, LABEL_GAP)) && !placed.some((p) => overlaps(r, p, LABEL_GAP));
  const ordered = [...labels].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const label of ordered) {
    const { width, height } = label;
    let spot: Point | undefined;
    // Along the curve first, then stepping away from it, up and down, at each point in turn; then the same
    // again half a label and a whole label to either side.
    search: for (const dx of [0, 0.5, -0.5, 1, -1]) {
      for (let step = 0; step <= MAX_NUDGES; step++) {
        for (const c of label.candidates) {
          for (const dir of step === 0 ? [0] : [-1, 1]) {
            const p = { x: c.x + dx * width, y: c.y + dir * step * (height + LABEL_GAP) };
            if (free(boxAt(p, width, height))) {
              spot = p;
              break search;
            }
          }
        }
      }
    }
    const at = spot ?? label.candidates[0];
    out.set(label.id, at);
    placed.push(boxAt(at, width, height));
  }
  return out;
}
