// Rows of protocol / port / end port for a rule edge. Controlled: the parent owns the rows and decides when to
// apply them. No rows means "every port and protocol".
import { PROTOCOLS, type Protocol } from '../../engine/types';
import type { PortRow } from '../portRows';

export function PortsEditor({
  rows,
  onChange,
}: {
  rows: readonly PortRow[];
  onChange(rows: PortRow[]): void;
}) {
  const update = (i: number, patch: Partial<PortRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="field">
      <span className="field-label">Ports</span>
      {rows.length === 0 && <p className="hint">Every port and protocol.</p>}
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
        <div className="row" key={i}>
          <select
            aria-label="Protocol"
            value={row.protocol}
            onChange={(e) => update(i, { protocol: e.target.value as Protocol })}
          >
            {[...PROTOCOLS].sort().map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <input
            aria-label="Port"
            placeholder="any, 8080 or name"
            value={row.port}
            onChange={(e) => update(i, { port: e.target.value })}
          />
          <input
            aria-label="End port"
            className="narrow"
            placeholder="end"
            value={row.endPort}
            onChange={(e) => update(i, { endPort: e.target.value })}
          />
          <button
            type="button"
            className="icon"
            aria-label={`Remove port row ${i + 1}`}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" onClick={() => onChange([...rows, { protocol: 'TCP', port: '', endPort: '' }])}>
          Add port
        </button>
      </div>
    </div>
  );
}
