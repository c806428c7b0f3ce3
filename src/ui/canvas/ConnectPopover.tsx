// "New rule": shown after an edge is drawn, before anything is compiled. The user sets the ports (prefilled
// with the destination's first container port, on each protocol it serves that port on; none from or to
// "anywhere", which compiles to a rule without peers or ports, `- {}`) and where the rule is enforced (the
// destination's ingress, the source's egress or both; the default isolates nothing new when it can). The
// dialog lists exactly the policies it will write and, when the choice isolates a workload that was open,
// who loses access; then the design's `connect` operation compiles them.
import { useMemo, useState } from 'react';
import { enforcementChoice } from '../../design/compile';
import { previewConnect } from '../../design/connectPreview';
import { ANY_REF, type Enforcement } from '../../design/types';
import { PortsEditor } from '../editors/PortsEditor';
import { type PortRow, portsFromRows, prefillRows } from '../portRows';
import { useAppStore } from '../store';

export interface PendingConnection {
  readonly from: string;
  readonly to: string;
}

function initialRows(from: string, to: string): PortRow[] {
  if (from === ANY_REF || to === ANY_REF) return [];
  const w = useAppStore.getState().doc.workloads.find((x) => x.id === to);
  return prefillRows(w?.ports ?? []);
}

const LOST_SHOWN = 6;

function sideLabel(option: Enforcement, from: string, to: string): string {
  if (option === 'ingress') return `Ingress of ${to} (the destination)`;
  if (option === 'egress') return `Egress of ${from} (the source)`;
  return 'Both sides';
}

export function ConnectPopover({ pending, onClose }: { pending: PendingConnection; onClose(): void }) {
  const doc = useAppStore((s) => s.doc);
  const choice = useMemo(() => enforcementChoice(doc, pending.from, pending.to), [doc, pending]);
  const [rows, setRows] = useState<PortRow[]>(() => initialRows(pending.from, pending.to));
  const [enforce, setEnforce] = useState<Enforcement>(() => choice?.default ?? 'ingress');
  const [error, setError] = useState<string | null>(null);
  const parsed = useMemo(() => portsFromRows(rows), [rows]);
  const preview = useMemo(
    () =>
      parsed.error === undefined
        ? previewConnect(doc, { from: pending.from, to: pending.to, ports: parsed.ports, enforce })
        : undefined,
    [doc, pending, parsed, enforce],
  );

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (parsed.error !== undefined) {
      setError(parsed.error);
      return;
    }
    const store = useAppStore.getState();
    const before = store.doc;
    const r = store.dispatch('connect', { from: pending.from, to: pending.to, ports: parsed.ports, enforce });
    if (r.doc !== before) {
      // The gesture started on a node: leaving it selected would fade every node it has no flow with,
      // including the ones added next.
      store.select(null);
      onClose();
    } else setError(r.notices.find((n) => n.severity === 'error')?.message ?? 'The rule could not be added.');
  };

  const isolating = (preview?.isolates.length ?? 0) > 0;
  const lost = preview?.losesAccess ?? [];
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
      {choice && choice.options.length > 1 && (
        <fieldset className="field enforce-choice">
          <legend className="field-label">Enforced at</legend>
          {choice.options.map((option) => (
            <label className="row" key={option}>
              <input
                type="radio"
                name="enforce"
                value={option}
                checked={enforce === option}
                onChange={() => setEnforce(option)}
              />
              {sideLabel(option, pending.from, pending.to)}
              {option === choice.default && <span className="hint"> (default)</span>}
            </label>
          ))}
        </fieldset>
      )}
      {preview && preview.writes.length > 0 && (
        <div className="field" data-testid="connect-writes">
          <span className="field-label">Writes</span>
          <ul className="hint writes">
            {preview.writes.map((w) => (
              <li key={w.policy}>
                {w.direction === 'Ingress' ? 'an ingress' : 'an egress'} rule in{' '}
                {w.isNew ? 'a new policy ' : 'policy '}
                <code>{w.policy}</code>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview && preview.writes.length === 0 && preview.message && <p className="hint">{preview.message}</p>}
      {isolating && (
        <p className="hint warn" role="note" data-testid="connect-isolates">
          This isolates {preview?.isolates.join(' and ')}:{' '}
          {lost.length === 0
            ? 'nothing else on the canvas reaches it now, so nothing else loses access.'
            : `${lost.slice(0, LOST_SHOWN).join(', ')}${lost.length > LOST_SHOWN ? ` and ${lost.length - LOST_SHOWN} more` : ''} lose access.`}
        </p>
      )}
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
          {isolating ? 'Allow and isolate' : 'Allow'}
        </button>
      </div>
    </form>
  );
}
