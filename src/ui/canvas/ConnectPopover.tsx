// "New rule": shown after an edge is drawn, before anything is compiled. The user sets the ports (prefilled
// with the destination's first container port, on each protocol it serves that port on) and whether to write
// the egress side too, then the design's `connect` operation compiles the policies.
import { useState } from 'react';
import { PortsEditor } from '../editors/PortsEditor';
import { type PortRow, portsFromRows, prefillRows } from '../portRows';
import { useAppStore } from '../store';

export interface PendingConnection {
  readonly from: string;
  readonly to: string;
}

function initialRows(to: string): PortRow[] {
  const w = useAppStore.getState().doc.workloads.find((x) => x.id === to);
  return prefillRows(w?.ports ?? []);
}

export function ConnectPopover({ pending, onClose }: { pending: PendingConnection; onClose(): void }) {
  const [rows, setRows] = useState<PortRow[]>(() => initialRows(pending.to));
  const [bothSides, setBothSides] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const parsed = portsFromRows(rows);
    if (parsed.error !== undefined) {
      setError(parsed.error);
      return;
    }
    const store = useAppStore.getState();
    const before = store.doc;
    const r = store.dispatch('connect', {
      from: pending.from,
      to: pending.to,
      ports: parsed.ports,
      bothSides,
    });
    if (r.doc !== before) onClose();
    else setError(r.notices.find((n) => n.severity === 'error')?.message ?? 'The rule could not be added.');
  };

  return (
    <form
      className="popover nokey"
      style={{ top: 16, left: '50%', transform: 'translateX(-50%)' }}
      role="dialog"
      aria-label="New rule"
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <h2>Allow traffic</h2>
      <p className="hint">
        from <strong>{pending.from}</strong> to <strong>{pending.to}</strong>
      </p>
      <PortsEditor rows={rows} onChange={setRows} />
      <label className="row">
        <input type="checkbox" checked={bothSides} onChange={(e) => setBothSides(e.target.checked)} />
        Both sides (also write the egress rule on the source)
      </label>
      {error && (
        <p className="hint" role="alert" style={{ color: 'var(--bad)' }}>
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="primary">
          Allow
        </button>
      </div>
    </form>
  );
}
