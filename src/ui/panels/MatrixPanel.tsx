// The connectivity matrix: rows are sources, columns destinations (workloads, then external address ranges),
// each cell the allowed connections. A click asks the engine why, through the design's probe.
import { memo, useCallback, useMemo, useState } from 'react';
import type { MatrixEndpoint } from '../../design/types';
import { explainCell } from '../simulatorApi';
import { useAppStore } from '../store';
import { VerdictView } from './VerdictView';

/** Above this many endpoints per axis the table is cut, and the filters find the rest. */
const MAX_AXIS = 60;

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

const SEP_FIELD = '\u0001';
const SEP_COL = '\u0002';

const endpointSignature = (e: MatrixEndpoint | undefined): string =>
  e ? `${e.id}${SEP_FIELD}${e.label}${SEP_FIELD}${e.node ?? ''}${SEP_FIELD}${e.external ? 1 : 0}` : '';

/**
 * Everything a row draws, as one string: a new simulation re-renders only the rows whose cells (or the
 * columns shown) changed, instead of thousands of cells after every edit.
 */
function rowSignature(
  src: MatrixEndpoint | undefined,
  cells: readonly string[] | undefined,
  cols: readonly number[],
  colSignature: string,
): string {
  const row = cols.map((c) => cells?.[c] ?? '').join(SEP_COL);
  return `${endpointSignature(src)}${SEP_FIELD}${colSignature}${SEP_FIELD}${row}`;
}

interface RowProps {
  readonly r: number;
  readonly cols: readonly number[];
  readonly endpoints: readonly MatrixEndpoint[];
  readonly cells: readonly string[];
  readonly pickedCol: number | null;
  readonly onPick: (src: number, dst: number) => void;
  /** `rowSignature` of the props above: the row re-renders only when it changes. */
  readonly signature: string;
}

function MatrixRowView({ r, cols, endpoints, cells, pickedCol, onPick }: RowProps) {
  const src = endpoints[r];
  if (!src) return null;
  return (
    <tr>
      <th scope="row" title={src.id}>
        {src.label}
      </th>
      {cols.map((c) => {
        if (r === c) return <td key={c} className="self" />;
        const conn = cells[c] ?? '';
        const dst = endpoints[c];
        if (!dst) return null;
        const external = src.external && dst.external;
        const isPicked = pickedCol === c;
        return (
          <td key={c} className={cellClass(conn)}>
            {!external && (
              <button
                type="button"
                data-testid={`matrix-cell-${cellKey(src)}->${cellKey(dst)}`}
                aria-pressed={isPicked}
                aria-label={`${src.label} to ${dst.label}: ${conn || 'no connections'}`}
                onClick={() => onPick(r, c)}
              >
                {conn || '—'}
              </button>
            )}
          </td>
        );
      })}
    </tr>
  );
}

const MatrixRow = memo(
  MatrixRowView,
  (a, b) =>
    a.r === b.r && a.signature === b.signature && a.pickedCol === b.pickedCol && a.onPick === b.onPick,
);

export function MatrixPanel() {
  const analysis = useAppStore((s) => s.analysis);
  const analysisDoc = useAppStore((s) => s.analysisDoc);
  const [rowFilter, setRowFilter] = useState('');
  const [colFilter, setColFilter] = useState('');
  const [picked, setPicked] = useState<{ src: number; dst: number } | null>(null);
  const matrix = analysis?.matrix;
  const rows = useMemo(() => (matrix ? filterAxis(matrix.endpoints, rowFilter) : []), [matrix, rowFilter]);
  const cols = useMemo(() => (matrix ? filterAxis(matrix.endpoints, colFilter) : []), [matrix, colFilter]);
  const explanation = useMemo(() => {
    if (!picked || !matrix || !analysisDoc) return null;
    const src = matrix.endpoints[picked.src];
    const dst = matrix.endpoints[picked.dst];
    if (!src || !dst) return null;
    return {
      src,
      dst,
      conn: matrix.cells[picked.src]?.[picked.dst] ?? '',
      result: explainCell(analysisDoc, src, dst, matrix.cells[picked.src]?.[picked.dst] ?? ''),
    };
  }, [picked, matrix, analysisDoc]);

  const onPick = useCallback(
    (src: number, dst: number) =>
      setPicked((p) => (p && p.src === src && p.dst === dst ? null : { src, dst })),
    [],
  );
  const shownRows = rows.slice(0, MAX_AXIS);
  const shownCols = cols.slice(0, MAX_AXIS);
  const colSignature = matrix
    ? shownCols.map((c) => endpointSignature(matrix.endpoints[c])).join(SEP_COL)
    : '';

  if (!matrix) return <p className="empty">The simulator has not run yet.</p>;
  if (matrix.endpoints.length === 0)
    return <p className="empty">Add workloads to see who can talk to whom.</p>;
  const cut = rows.length > MAX_AXIS || cols.length > MAX_AXIS;

  return (
    <div className="matrix-layout">
      <div className="matrix-scroll">
        {(matrix.endpoints.length > 12 || cut) && (
          <div className="row" style={{ padding: '6px 8px', gap: 8 }}>
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
            {cut && (
              <span className="hint">
                showing {shownRows.length} of {rows.length} sources, {shownCols.length} of {cols.length}{' '}
                destinations
              </span>
            )}
          </div>
        )}
        <table className="matrix" aria-label="Connectivity matrix">
          <thead>
            <tr>
              <th className="corner" scope="col">
                source ↓ / destination →
              </th>
              {shownCols.map((c) => (
                <th key={c} scope="col" title={matrix.endpoints[c].id}>
                  {matrix.endpoints[c].label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shownRows.map((r) => (
              <MatrixRow
                key={r}
                r={r}
                cols={shownCols}
                endpoints={matrix.endpoints}
                cells={matrix.cells[r] ?? []}
                pickedCol={picked?.src === r ? picked.dst : null}
                onPick={onPick}
                signature={rowSignature(matrix.endpoints[r], matrix.cells[r], shownCols, colSignature)}
              />
            ))}
          </tbody>
        </table>
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
              explanation.result.verdicts.map((v) => (
                <VerdictView key={`${v.protocol}/${v.port}`} verdict={v} />
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
