// The connectivity matrix: rows are sources, columns destinations (workloads, then external address ranges),
// each cell the allowed connections. A click asks the engine why, through the design's probe. The grid draws only
// the cells on screen (matrixWindow.ts): every cell has the same size, so a 500 × 500 matrix scrolls like a
// 10 × 10 one, and a new simulation touches a few hundred elements, not the whole table.
import { memo, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { cellOf, explainCell } from '../../design/simulate';
import type { MatrixEndpoint, MatrixRow } from '../../design/types';
import { collapsedByDefault } from '../canvas/collapse';
import { useAppStore } from '../store';
import { spanIndices, visibleSpan } from './matrixWindow';
import { namespaceMatrix, OUTSIDE_GROUP } from './namespaceMatrix';
import { VerdictView } from './VerdictView';

/** Cell geometry in CSS pixels; the stylesheet sizes the text to fit. */
const ROW_H = 24;
const COL_W = 128;
const HEAD_H = 28;
const ROW_HEAD_W = 176;
/** Rows and columns drawn beyond each edge, so a scroll shows cells before React catches up. */
const OVERSCAN = 3;

export function cellKey(e: MatrixEndpoint): string {
  return e.node ?? e.id;
}

function cellClass(conn: string): string {
  if (conn === '') return 'none';
  return conn === 'All Connections' ? 'all' : 'some';
}

function filterAxis(endpoints: readonly MatrixEndpoint[], text: string): number[] {
  const t = text.trim().toLowerCase();
  const out: number[] = [];
  endpoints.forEach((e, i) => {
    if (t === '' || e.label.toLowerCase().includes(t) || e.id.toLowerCase().includes(t)) out.push(i);
  });
  return out;
}

interface CellProps {
  readonly src: number;
  readonly dst: number;
  /** Column position in the (filtered) grid. */
  readonly x: number;
  readonly conn: string;
  readonly srcEndpoint: MatrixEndpoint;
  readonly dstEndpoint: MatrixEndpoint;
  readonly picked: boolean;
  readonly onPick: (src: number, dst: number) => void;
  /** Cells of namespaces (namespaceMatrix.ts): the diagonal counts the pairs inside one namespace. */
  readonly grouped: boolean;
}

const sameEndpoint = (a: MatrixEndpoint, b: MatrixEndpoint) =>
  a === b || (a.id === b.id && a.label === b.label && a.node === b.node && a.external === b.external);

function MatrixCellView({ src, dst, x, conn, srcEndpoint, dstEndpoint, picked, onPick, grouped }: CellProps) {
  const style = { left: ROW_HEAD_W + x * COL_W, width: COL_W };
  if (src === dst && !grouped) return <td className="mx-cell self" style={style} />;
  // Between two external ranges the cluster's policies say nothing: no button, nothing to explain.
  const external = srcEndpoint.external && dstEndpoint.external;
  return (
    <td className={`mx-cell ${cellClass(conn)}`} style={style}>
      {!external && (
        <button
          type="button"
          data-testid={`matrix-cell-${cellKey(srcEndpoint)}->${cellKey(dstEndpoint)}`}
          aria-pressed={picked}
          aria-label={`${srcEndpoint.label} to ${dstEndpoint.label}: ${conn || 'no connections'}`}
          title={conn || undefined}
          onClick={() => onPick(src, dst)}
        >
          {conn || '—'}
        </button>
      )}
    </td>
  );
}

// Every simulation is a new matrix object: compare what a cell draws, so only the cells whose text changed render.
const MatrixCell = memo(
  MatrixCellView,
  (a, b) =>
    a.src === b.src &&
    a.dst === b.dst &&
    a.x === b.x &&
    a.conn === b.conn &&
    a.picked === b.picked &&
    a.onPick === b.onPick &&
    a.grouped === b.grouped &&
    sameEndpoint(a.srcEndpoint, b.srcEndpoint) &&
    sameEndpoint(a.dstEndpoint, b.dstEndpoint),
);

interface GridProps {
  readonly endpoints: readonly MatrixEndpoint[];
  readonly cells: readonly MatrixRow[];
  /** Endpoint indices shown as rows and as columns, in order. */
  readonly rows: readonly number[];
  readonly cols: readonly number[];
  readonly picked: { readonly src: number; readonly dst: number } | null;
  readonly onPick: (src: number, dst: number) => void;
  readonly grouped?: boolean;
}

interface Viewport {
  readonly top: number;
  readonly left: number;
  readonly width: number;
  readonly height: number;
}

function MatrixGrid({ endpoints, cells, rows, cols, picked, onPick, grouped = false }: GridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // Until the first measurement, assume a typical panel, so the first paint already shows cells.
  const [view, setView] = useState<Viewport>({ top: 0, left: 0, width: 1200, height: 320 });
  const frame = useRef(0);

  const measure = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const next = { top: el.scrollTop, left: el.scrollLeft, width: el.clientWidth, height: el.clientHeight };
    setView((v) =>
      v.top === next.top && v.left === next.left && v.width === next.width && v.height === next.height
        ? v
        : next,
    );
  }, []);
  const onScroll = useCallback(() => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      measure();
    });
  }, [measure]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [measure]);
  // A filter can shrink the grid under the scroll position; the browser clamps it, read it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-measure when the grid's extent changes
  useLayoutEffect(measure, [measure, rows.length, cols.length]);

  const rowSpan = visibleSpan(view.top, view.height - HEAD_H, ROW_H, rows.length, OVERSCAN);
  const colSpan = visibleSpan(view.left, view.width - ROW_HEAD_W, COL_W, cols.length, OVERSCAN);
  const xs = spanIndices(colSpan);
  const width = ROW_HEAD_W + cols.length * COL_W;

  return (
    <div className="matrix-scroll" ref={scroller} onScroll={onScroll}>
      <table
        className="mx-grid"
        aria-label="Connectivity matrix"
        aria-rowcount={rows.length + 1}
        aria-colcount={cols.length + 1}
        style={{ width, height: HEAD_H + rows.length * ROW_H }}
      >
        {/* The sticky box is the thead: a sticky row could not leave its HEAD_H-high parent. */}
        <thead className="mx-head" style={{ width, height: HEAD_H }}>
          <tr aria-rowindex={1} style={{ width, height: HEAD_H }}>
            <th scope="col" className="mx-corner" style={{ width: ROW_HEAD_W }}>
              source ↓ / destination →
            </th>
            {xs.map((x) => {
              const e = endpoints[cols[x]!]!;
              return (
                <th
                  key={cols[x]}
                  scope="col"
                  aria-colindex={x + 2}
                  className="mx-colhead"
                  title={e.id}
                  style={{ left: ROW_HEAD_W + x * COL_W, width: COL_W }}
                >
                  {e.label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {spanIndices(rowSpan).map((y) => {
            const r = rows[y]!;
            const src = endpoints[r]!;
            const rowCells: MatrixRow = cells[r] ?? {};
            return (
              <tr
                key={r}
                className="mx-row"
                aria-rowindex={y + 2}
                style={{ top: HEAD_H + y * ROW_H, width, height: ROW_H }}
              >
                <th scope="row" className="mx-rowhead" title={src.id} style={{ width: ROW_HEAD_W }}>
                  {src.label}
                </th>
                {xs.map((x) => {
                  const c = cols[x]!;
                  return (
                    <MatrixCell
                      key={c}
                      src={r}
                      dst={c}
                      x={x}
                      conn={rowCells[c] ?? ''}
                      srcEndpoint={src}
                      dstEndpoint={endpoints[c]!}
                      picked={picked?.src === r && picked.dst === c}
                      onPick={onPick}
                      grouped={grouped}
                    />
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function MatrixPanel() {
  // A new simulation is drawn on the canvas first; the matrix follows in a render of its own (React renders
  // deferred values in the background): with a large import the two in one task were a long one.
  const analysis = useDeferredValue(useAppStore((s) => s.analysis));
  const analysisDoc = useDeferredValue(useAppStore((s) => s.analysisDoc));
  const [rowFilter, setRowFilter] = useState('');
  const [colFilter, setColFilter] = useState('');
  // The picked cell is held by its endpoints' ids, not by grid position: an edit that adds or removes a
  // workload shifts the positions, and the explanation must stay on the pair the user picked (or go).
  const [pickedIds, setPickedIds] = useState<{ src: string; dst: string } | null>(null);
  const workloadMatrix = analysis?.matrix;
  // A large design (the canvas opens it collapsed) starts at namespace level; a cell drills down to its pairs.
  const large = analysisDoc ? collapsedByDefault(analysisDoc) : false;
  const [byNamespaceChoice, setByNamespace] = useState<boolean | null>(null);
  const byNamespace = byNamespaceChoice ?? large;
  const grouped = useMemo(
    () => (byNamespace && workloadMatrix ? namespaceMatrix(workloadMatrix) : null),
    [byNamespace, workloadMatrix],
  );
  const matrix = grouped ?? workloadMatrix;
  const rows = useMemo(() => (matrix ? filterAxis(matrix.endpoints, rowFilter) : []), [matrix, rowFilter]);
  const cols = useMemo(() => (matrix ? filterAxis(matrix.endpoints, colFilter) : []), [matrix, colFilter]);
  const picked = useMemo(() => {
    if (!pickedIds || !matrix) return null;
    const src = matrix.endpoints.findIndex((e) => e.id === pickedIds.src);
    const dst = matrix.endpoints.findIndex((e) => e.id === pickedIds.dst);
    return src < 0 || dst < 0 ? null : { src, dst };
  }, [pickedIds, matrix]);
  const explanation = useMemo(() => {
    if (!picked || !matrix || !analysisDoc) return null;
    const src = matrix.endpoints[picked.src]!;
    const dst = matrix.endpoints[picked.dst]!;
    const conn = cellOf(matrix, picked.src, picked.dst);
    return { src, dst, conn, result: explainCell(analysisDoc, src, dst) };
  }, [picked, matrix, analysisDoc]);

  const endpointsRef = useRef(matrix?.endpoints);
  endpointsRef.current = matrix?.endpoints;
  const onPick = useCallback((src: number, dst: number) => {
    const endpoints = endpointsRef.current;
    const s = endpoints?.[src]?.id;
    const d = endpoints?.[dst]?.id;
    if (s === undefined || d === undefined) return;
    setPickedIds((p) => (p && p.src === s && p.dst === d ? null : { src: s, dst: d }));
  }, []);
  // Drilling down: the workload matrix filtered to the two namespaces of the cell.
  const onPickGroup = useCallback((src: number, dst: number) => {
    const endpoints = endpointsRef.current;
    const filterOf = (i: number) => {
      const g = endpoints?.[i]?.node ?? '';
      return g === OUTSIDE_GROUP ? '' : `${g}/`;
    };
    setRowFilter(filterOf(src));
    setColFilter(filterOf(dst));
    setByNamespace(false);
  }, []);
  if (!matrix) return <p className="empty">The simulator has not run yet.</p>;
  if (matrix.endpoints.length === 0)
    return <p className="empty">Add workloads to see who can talk to whom.</p>;
  const filtered = rows.length < matrix.endpoints.length || cols.length < matrix.endpoints.length;
  const what = grouped ? ['namespace', 'namespaces'] : null;

  return (
    <div className="matrix-layout">
      <div className="matrix-main">
        {(matrix.endpoints.length > 12 || grouped || large) && (
          <div className="row matrix-filters">
            <button
              type="button"
              aria-pressed={byNamespace}
              title="One row and column per namespace; a cell opens its pairs of workloads"
              onClick={() => {
                // Back up to namespaces: the workload filters of a drill-down name no namespace.
                if (!byNamespace) {
                  setRowFilter('');
                  setColFilter('');
                }
                setByNamespace(!byNamespace);
              }}
            >
              By namespace
            </button>
            <input
              aria-label="Filter sources"
              placeholder="filter sources"
              value={rowFilter}
              onChange={(e) => setRowFilter(e.target.value)}
            />
            <input
              aria-label="Filter destinations"
              placeholder="filter destinations"
              value={colFilter}
              onChange={(e) => setColFilter(e.target.value)}
            />
            <span className="hint" data-testid="matrix-extent">
              {rows.length}{' '}
              {what
                ? `source ${rows.length === 1 ? what[0] : what[1]}`
                : rows.length === 1
                  ? 'source'
                  : 'sources'}{' '}
              × {cols.length}{' '}
              {what
                ? `destination ${cols.length === 1 ? what[0] : what[1]}`
                : cols.length === 1
                  ? 'destination'
                  : 'destinations'}
              {filtered ? ` (of ${matrix.endpoints.length})` : ''}
            </span>
          </div>
        )}
        <MatrixGrid
          endpoints={matrix.endpoints}
          cells={matrix.cells}
          rows={rows}
          cols={cols}
          picked={grouped ? null : picked}
          onPick={grouped ? onPickGroup : onPick}
          grouped={grouped !== null}
        />
      </div>
      <aside className="explain" aria-label="Explanation" data-testid="matrix-explanation">
        {explanation ? (
          <>
            <h3>
              {explanation.src.label} → {explanation.dst.label}
            </h3>
            <p>
              Allowed: <strong>{explanation.conn || 'nothing'}</strong>
            </p>
            {'error' in explanation.result ? (
              <p className="hint">{explanation.result.error}</p>
            ) : (
              explanation.result.verdicts.map(({ verdict: v, why }) => (
                <div key={`${v.protocol}/${v.port}`} className="cell-port">
                  <p className="hint" data-testid="probe-port-why">
                    {why}
                  </p>
                  <VerdictView verdict={v} />
                </div>
              ))
            )}
          </>
        ) : (
          <p className="hint">Click a cell to see which policies and rules decide it.</p>
        )}
      </aside>
    </div>
  );
}
