// "Fit view", pure: the viewport that shows a design whole, clear of the canvas's own overlays (the legend strip
// along the top, the zoom controls on the left, the minimap in the bottom-right corner), and the type sizes it
// is chosen for. The content is what is drawn, not only the node boxes: an edge's loop or detour rises above or
// dips below the nodes, and React Flow's own fitView (nodes only) cut those off. In the presenter view the fit
// never zooms out past the point where the smallest text drops under MIN_TEXT_PX on screen (a room reads it
// from metres away; the presenter's larger type makes that point a smaller zoom than the normal view's).

import type { Rect, Size } from '../../design/geometry';

export type { Rect, Size };

export interface Insets {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Text smaller than this on screen (a label's box, a name's line) cannot be read. */
export const MIN_TEXT_PX = 12;
/**
 * The presenter's canvas type against the normal view's: edge labels 13 px on a 16 px line (20 px boxes, from
 * 16), names and namespace titles 16 px on a 20 px line (`presenter.css`).
 */
export const PRESENTER_LABEL_SCALE = 1.3;
/** A presenter label's box at zoom 1 (`.app.presenter .edge-label`: 16 px line, 1 px padding, 1 px border). */
export const PRESENTER_LABEL_HEIGHT = 20;
/** The presenter's fit view stops zooming out here: 20 px boxes and 20 px lines stay above 12 px on screen. */
export const PRESENTER_MIN_ZOOM = Math.ceil((MIN_TEXT_PX / PRESENTER_LABEL_HEIGHT) * 100) / 100 + 0.01;
/** The normal view's: the most a fit zooms in (a one-node design is not blown up). */
export const FIT_MAX_ZOOM = 1.2;
export const PRESENTER_FIT_MAX_ZOOM = 1.6;

/** Free space kept between the content and the canvas's edges or an overlay. */
export const FIT_MARGIN = 16;

export interface FitOptions {
  readonly minZoom: number;
  readonly maxZoom: number;
}

/** The bounding box of some boxes (undefined for none). */
export function unionOf(rects: readonly Rect[]): Rect | undefined {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const r of rects) {
    if (![r.x, r.y, r.width, r.height].every(Number.isFinite)) continue;
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return x0 <= x1 && y0 <= y1 ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : undefined;
}

/** The viewport that centres `content` in `view` less `insets`, as large as fits, its zoom within the options. */
export function viewportFor(content: Rect, view: Size, insets: Insets, options: FitOptions): Viewport {
  const room = {
    width: Math.max(1, view.width - insets.left - insets.right),
    height: Math.max(1, view.height - insets.top - insets.bottom),
  };
  const fits = Math.min(room.width / Math.max(1, content.width), room.height / Math.max(1, content.height));
  const zoom = Math.min(options.maxZoom, Math.max(options.minZoom, fits));
  return {
    x: insets.left + (room.width - content.width * zoom) / 2 - content.x * zoom,
    y: insets.top + (room.height - content.height * zoom) / 2 - content.y * zoom,
    zoom,
  };
}

/** Where `r` (flow coordinates) is drawn on the canvas under `v`. */
export function onScreen(r: Rect, v: Viewport): Rect {
  return { x: r.x * v.zoom + v.x, y: r.y * v.zoom + v.y, width: r.width * v.zoom, height: r.height * v.zoom };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Fit view: `content` (flow coordinates) inside `view` less `insets` (the strips the legend and the zoom
 * controls take, with a margin), and clear of `corner` (the minimap, in the bottom-right corner, with its
 * margin): the plain fit when it leaves the corner free, else the larger of the fits that keep the content
 * above the corner or left of it.
 */
export function fitContent(
  content: Rect,
  view: Size,
  insets: Insets,
  corner: Size,
  options: FitOptions,
): Viewport {
  const plain = viewportFor(content, view, insets, options);
  const cornerBox = {
    x: view.width - corner.width,
    y: view.height - corner.height,
    width: corner.width,
    height: corner.height,
  };
  if (corner.width <= 0 || corner.height <= 0 || !overlaps(onScreen(content, plain), cornerBox)) return plain;
  const above = viewportFor(
    content,
    view,
    { ...insets, bottom: Math.max(insets.bottom, corner.height) },
    options,
  );
  const beside = viewportFor(
    content,
    view,
    { ...insets, right: Math.max(insets.right, corner.width) },
    options,
  );
  return above.zoom >= beside.zoom ? above : beside;
}
