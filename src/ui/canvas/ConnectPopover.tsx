// "New rule": shown after an edge is drawn when there is a choice to make (every side it could be enforced on
// isolates something that was open; design/drawEdge.ts commits the other edges at once). The user sets the
// ports (prefilled by `defaultEdgePorts`) and where the rule is enforced (the destination's ingress, the
// source's egress or both). The dialog lists exactly the policies it will write and who loses access through
// the isolation; then the design's `connect` operation compiles them.
import { useMemo, useState } from 'react';
import { enforcementChoice } from '../../design/compile';
import { previewConnect } from '../../design/connectPreview';
import { DNS_TCP, defaultEdgePorts, lacksDnsTcp, refText } from '../../design/drawEdge';
import type { Enforcement } from '../../design/types';
import { DnsTcpHint } from '../editors/DnsTcpHint';
import { PortsEditor } from '../editors/PortsEditor';
import { type PortRow, portsFromRows, rowsFromPorts } from '../portRows';
import { useAppStore } from '../store';
import { EnforcementField, isolates, PreviewNotes } from './EnforcementFields';

export interface PendingConnection {
  readonly from: string;
  readonly to: string;
}

export function ConnectPopover({ pending, onClose }: { pending: PendingConnection; onClose(): void }) {
  const doc = useAppStore((s) => s.doc);
  const choice = useMemo(() => enforcementChoice(doc, pending.from, pending.to), [doc, pending]);
  const [rows, setRows] = useState<PortRow[]>(() =>
    rowsFromPorts(defaultEdgePorts(useAppStore.getState().doc, pending.from, pending.to)),
  );
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

  const isolating = isolates(preview);
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
        from <strong>{refText(pending.from)}</strong> to <strong>{refText(pending.to)}</strong>
      </p>
      <PortsEditor rows={rows} onChange={setRows} />
      {parsed.error === undefined && lacksDnsTcp(doc, pending.to, parsed.ports) && (
        <DnsTcpHint onAdd={() => setRows([...rows, ...rowsFromPorts([DNS_TCP])])} />
      )}
      {choice && (
        <EnforcementField
          choice={choice}
          value={enforce}
          onChange={setEnforce}
          from={pending.from}
          to={pending.to}
        />
      )}
      <PreviewNotes preview={preview} />
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
