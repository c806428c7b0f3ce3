// Which rows and columns of the connectivity matrix are on screen. The matrix of a 500-workload design has
// 250,000 cells; drawing only the visible ones (plus a few around them) keeps every simulation update, and every
// repaint of the page around it, proportional to the panel's size instead of the design's.

/** Indices `[first, end)` along one axis. */
export interface Span {
  readonly first: number;
  readonly end: number;
}

/**
 * The cells along one axis that intersect `[offset, offset + viewport)`, widened by `overscan` on each side and
 * clamped to `[0, count)`. Cell `i` occupies `[i * size, (i + 1) * size)`.
 */
export function visibleSpan(
  offset: number,
  viewport: number,
  size: number,
  count: number,
  overscan: number,
): Span {
  if (count <= 0 || size <= 0) return { first: 0, end: 0 };
  const from = Math.max(0, offset);
  const to = from + Math.max(0, viewport);
  const end = Math.min(count, Math.ceil(to / size) + overscan);
  const first = Math.min(end, Math.max(0, Math.floor(from / size) - overscan));
  return { first, end };
}

/** `[first, end)` as a list, for rendering. */
export function spanIndices(span: Span): number[] {
  const out: number[] = [];
  for (let i = span.first; i < span.end; i++) out.push(i);
  return out;
}
