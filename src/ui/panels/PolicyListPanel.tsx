// Workshop mode's policy list: each NetworkPolicy (and admin policy) with a what-if switch, its namespace,
// its policy types and what it selects. Hovering a row lights up the workloads it selects on the canvas;
// switching it shows, in the Changes list above and on the canvas, the flows the policy takes or gives.
import { useMemo } from 'react';
import { type PolicyRow, policyRows } from '../../design/policyRows';
import { useAppStore } from '../store';
import { useWorkshopStore } from '../workshop/workshopStore';
import { ChangesPanel } from './ChangesPanel';
import '../workshop/workshop.css';

function toggle(row: PolicyRow, enabled: boolean) {
  useAppStore.getState().dispatch('setPolicyEnabled', { key: row.key, enabled });
}

function Row({ row }: { row: PolicyRow }) {
  const hover = () => useWorkshopStore.getState().setHovered(row.selects);
  const leave = () => useWorkshopStore.getState().setHovered([]);
  const where = row.namespace ?? (row.priority !== undefined ? `priority ${row.priority}` : 'baseline');
  return (
    <li
      className={`policy-row${row.enabled ? '' : ' off'}`}
      data-testid={`policy-row-${row.key}`}
      onMouseEnter={hover}
      onMouseLeave={leave}
      onFocus={hover}
      onBlur={leave}
    >
      <label className="switch" title={row.enabled ? 'Switch off (what-if)' : 'Switch back on'}>
        <input
          type="checkbox"
          role="switch"
          aria-checked={row.enabled}
          aria-label={row.key}
          checked={row.enabled}
          onChange={(e) => toggle(row, e.target.checked)}
        />
        <span className="slider" aria-hidden="true" />
      </label>
      <div className="policy-main">
        <div className="policy-title">
          <span className="policy-name">{row.name}</span>
          {row.kind !== 'NetworkPolicy' && <span className="policy-kind">{row.kind}</span>}
          <span className="policy-ns">{where}</span>
        </div>
        <div className="policy-meta">
          {row.types.map((t) => (
            <span key={t} className={`ptype ${t.toLowerCase()}`}>
              {t}
            </span>
          ))}
          <span className="policy-selects" title={row.selects.join(', ')}>
            selects {row.selector}: {row.selects.length === 0 ? 'no workload' : row.selects.join(', ')}
          </span>
        </div>
      </div>
    </li>
  );
}

export function PolicyListPanel() {
  const doc = useAppStore((s) => s.doc);
  const rows = useMemo(() => policyRows(doc), [doc]);
  const off = rows.filter((r) => !r.enabled).length;
  return (
    <section className="policy-list" aria-label="Policy list">
      <ChangesPanel />
      <div className="policy-list-head">
        <h2>Policies</h2>
        {off > 0 && (
          <button type="button" onClick={() => useAppStore.getState().dispatch('enableAllPolicies', {})}>
            Switch all on
          </button>
        )}
      </div>
      <p className="hint">
        A policy isolates the pods it selects; its rules only add allowed traffic. Switch one off to see what
        it does (a what-if: the YAML keeps it).
      </p>
      {rows.length === 0 ? (
        <p className="hint">No policies yet: every workload is open.</p>
      ) : (
        <ul className="policy-rows">
          {rows.map((r) => (
            <Row key={r.key} row={r} />
          ))}
        </ul>
      )}
    </section>
  );
}
