// The connectivity matrix: rows are sources, columns destinations (workloads, then external address ranges),
// each cell the allowed connections. A click asks the engine why, through the design's probe.
import { useMemo, useState } from 'react';
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

  if (!matrix) return <p className="empty">The simulator has not run yet.</p>;
  if (matrix.endpoints.length === 0)
    return <p className="empty">Add workloads to see who can talk to whom.</p>;
  const shownRows = rows.slice(0, MAX_AXIS);
  const shownCols = cols.slice(0, MAX_AXIS);
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
            {shownRows.map((r) => {
              const src = matrix.endpoints[r];
              return (
                <tr key={r}>
                  <th scope="row" title={src.id}>
                    {src.label}
                  </th>
                  {shownCols.map((c) => {
                    if (r === c) return <td key={c} className="self" />;
                    const conn = matrix.cells[r]?.[c] ?? '';
                    const dst = matrix.endpoints[c];
                    const external = src.external && dst.external;
                    const isPicked = picked?.src === r && picked.dst === c;
                    return (
                      <td key={c} className={cellClass(conn)}>
                        {!external && (
                          <button
                            type="button"
                            data-testid={`matrix-cell-${cellKey(src)}->${cellKey(dst)}`}
                            aria-pressed={isPicked}
                            aria-label={`${src.label} to ${dst.label}: ${conn || 'no connections'}`}
                            onClick={() => setPicked(isPicked ? null : { src: r, dst: c })}
                          >
                            {conn || '—'}
                          </button>
                        )}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
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
