// A workload's container ports (name, number, protocol): what named ports in policies resolve against.
// Applied as a whole when the user clicks "Apply ports".
import { useEffect, useState } from 'react';
import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import { type ContainerPort, PROTOCOLS, type Protocol } from '../../engine/types';

interface Row {
  readonly name: string;
  readonly port: string;
  readonly protocol: Protocol;
}

const toRows = (ports: readonly ContainerPort[]): Row[] =>
  ports.map((p) => ({ name: p.name ?? '', port: String(p.containerPort), protocol: p.protocol }));

export function parseContainerPorts(rows: readonly Row[]): { ports: ContainerPort[] } | { error: string } {
  const ports: ContainerPort[] = [];
  for (const r of rows) {
    if (r.port.trim() === '' && r.name.trim() === '') continue;
    const n = Number(r.port.trim());
    if (!/^\d+$/.test(r.port.trim()) || !isPortNumber(n))
      return { error: `Port "${r.port}" is not 1–${MAX_PORT}.` };
    ports.push(
      r.name.trim()
        ? { name: r.name.trim(), containerPort: n, protocol: r.protocol }
        : { containerPort: n, protocol: r.protocol },
    );
  }
  return { ports };
}

export function ContainerPortsEditor({
  ports,
  onApply,
  onError,
}: {
  ports: readonly ContainerPort[];
  onApply(ports: ContainerPort[]): void;
  onError(message: string): void;
}) {
  const [rows, setRows] = useState<Row[]>(() => toRows(ports));
  const key = JSON.stringify(ports);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft only when the document's ports change
  useEffect(() => setRows(toRows(ports)), [key]);
  const edit = (i: number, patch: Partial<Row>) =>
    setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const apply = () => {
    const parsed = parseContainerPorts(rows);
    if ('error' in parsed) onError(parsed.error);
    else onApply(parsed.ports);
  };
  return (
    <div className="field">
      <span className="field-label">Container ports</span>
      {rows.length === 0 && <p className="hint">No container ports.</p>}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity beyond their position
        <div className="row" key={i}>
          <input
            aria-label="Port name"
            placeholder="name"
            value={r.name}
            onChange={(e) => edit(i, { name: e.target.value })}
          />
          <input
            aria-label="Container port"
            className="narrow"
            placeholder="8080"
            value={r.port}
            onChange={(e) => edit(i, { port: e.target.value })}
          />
          <select
            aria-label="Container port protocol"
            value={r.protocol}
            onChange={(e) => edit(i, { protocol: e.target.value as Protocol })}
          >
            {[...PROTOCOLS].sort().map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
          <button
            type="button"
            className="icon"
            aria-label={`Remove container port ${i + 1}`}
            onClick={() => setRows(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <button type="button" onClick={() => setRows([...rows, { name: '', port: '', protocol: 'TCP' }])}>
          Add container port
        </button>
        <button type="button" onClick={apply}>
          Apply ports
        </button>
      </div>
    </div>
  );
}
