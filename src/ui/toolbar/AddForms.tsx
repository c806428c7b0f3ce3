// The forms behind "Add namespace", "Add workload" and "Add external CIDR". They collect what the design
// operation needs and report its errors inline; the operation does all the checking.
import { useRef, useState } from 'react';
import { EXTERNAL_SIZE, NEW_NAMESPACE_SIZE, nextWorkloadPosition } from '../../design/geometry';
import { defaultLabelKey } from '../../design/ops/workloads';
import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import type { ContainerPort, Protocol } from '../../engine/types';
import { usePlaceInView } from '../canvas/usePlaceInView';
import { parseLabelText } from '../labelRows';
import { useAppStore } from '../store';
import { defaultNamespace, lastNamespace, rememberNamespace } from './defaultNamespace';

function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="hint" role="alert" style={{ color: 'var(--bad)' }}>
      {error}
    </p>
  );
}

function firstError(notices: readonly { severity: string; message: string }[]): string {
  return notices.find((n) => n.severity === 'error')?.message ?? 'The operation failed.';
}

export function AddNamespaceForm({ close }: { close(): void }) {
  const [name, setName] = useState('');
  const [labels, setLabels] = useState('');
  const [error, setError] = useState<string | null>(null);
  const place = usePlaceInView();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = parseLabelText(labels);
        if (parsed.error !== undefined) return setError(parsed.error);
        const store = useAppStore.getState();
        const r = store.dispatch('addNamespace', {
          name: name.trim(),
          labels: parsed.labels,
          position: place(NEW_NAMESPACE_SIZE),
        });
        if (r.doc === store.doc) return setError(firstError(r.notices));
        rememberNamespace(name.trim());
        close();
      }}
      className="field"
    >
      <h2>Add namespace</h2>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          aria-label="Name"
          value={name}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this name
          autoFocus
          placeholder="e.g. shop"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Labels</span>
        <input
          aria-label="Labels"
          placeholder="team=shop, env=prod"
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
        />
      </label>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          Add
        </button>
      </div>
    </form>
  );
}

export function AddWorkloadForm({ close }: { close(): void }) {
  const doc = useAppStore((st) => st.doc);
  const [namespace, setNamespace] = useState(() => {
    const st = useAppStore.getState();
    return defaultNamespace(
      st.doc,
      st.selection?.type === 'node' ? st.selection.ref : undefined,
      lastNamespace(),
    );
  });
  const [name, setName] = useState('');
  const [kind, setKind] = useState('Deployment');
  const [labels, setLabels] = useState('');
  const [port, setPort] = useState('');
  const [protocol, setProtocol] = useState<Protocol>('TCP');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const place = usePlaceInView();
  const labelKey = defaultLabelKey(doc, namespace.trim());
  const add = (another: boolean) => {
    const parsed = parseLabelText(labels);
    if (parsed.error !== undefined) return setError(parsed.error);
    const ports: ContainerPort[] = [];
    for (const p of port.split(/[\s,]+/).filter(Boolean)) {
      if (!/^\d+$/.test(p) || !isPortNumber(Number(p))) return setError(`Port "${p}" is not 1–${MAX_PORT}.`);
      ports.push({ containerPort: Number(p), protocol });
    }
    const store = useAppStore.getState();
    const ns = namespace.trim();
    const trimmed = name.trim();
    const r = store.dispatch('addWorkload', {
      namespace: ns,
      name: trimmed,
      kind,
      labels: Object.keys(parsed.labels).length > 0 ? parsed.labels : undefined,
      ports,
      position: nextWorkloadPosition(store.doc, ns),
      namespacePosition: store.doc.namespaces.some((n) => n.name === ns)
        ? undefined
        : place(NEW_NAMESPACE_SIZE),
    });
    if (r.doc === store.doc) return setError(firstError(r.notices));
    rememberNamespace(ns);
    if (!another) return close();
    // Ready for the next one: same namespace, kind and protocol; the labels follow the key just used.
    setError(null);
    setAdded(`${ns}/${trimmed}`);
    setName('');
    setLabels('');
    setPort('');
    nameRef.current?.focus();
  };
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault();
        add(false);
      }}
    >
      <h2>Add workload</h2>
      <label className="field">
        <span className="field-label">Namespace (a new name creates it)</span>
        <input
          aria-label="Namespace"
          list="add-workload-namespaces"
          placeholder="e.g. shop"
          value={namespace}
          onChange={(e) => setNamespace(e.target.value)}
          onFocus={(e) => e.target.select()}
        />
        <datalist id="add-workload-namespaces">
          {doc.namespaces.map((n) => (
            <option key={n.name} value={n.name} />
          ))}
        </datalist>
      </label>
      <label className="field">
        <span className="field-label">Name</span>
        <input
          ref={nameRef}
          aria-label="Name"
          value={name}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this name
          autoFocus
          placeholder="frontend"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Kind</span>
        <select aria-label="Kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          {['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'ReplicaSet', 'Job', 'CronJob'].map((k) => (
            <option key={k}>{k}</option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Labels (empty: {labelKey}=&lt;name&gt;)</span>
        <input
          aria-label="Labels"
          placeholder={`${labelKey}=${name.trim() || 'web'}`}
          value={labels}
          onChange={(e) => setLabels(e.target.value)}
        />
      </label>
      <div className="row">
        <label className="field" style={{ flex: 1 }}>
          <span className="field-label">Container ports</span>
          <input
            aria-label="Container ports"
            placeholder="8080"
            value={port}
            onChange={(e) => setPort(e.target.value)}
          />
        </label>
        <label className="field">
          <span className="field-label">Protocol</span>
          <select
            aria-label="Port protocol"
            value={protocol}
            onChange={(e) => setProtocol(e.target.value as Protocol)}
          >
            <option>TCP</option>
            <option>UDP</option>
            <option>SCTP</option>
          </select>
        </label>
      </div>
      <ErrorLine error={error} />
      {added && !error && (
        <p className="hint" role="status">
          Added {added}.
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => add(true)}>
          Add another
        </button>
        <button type="submit" className="primary">
          Add
        </button>
      </div>
    </form>
  );
}

export function AddExternalForm({ close }: { close(): void }) {
  const [cidr, setCidr] = useState('');
  const [except, setExcept] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const place = usePlaceInView();
  return (
    <form
      className="field"
      onSubmit={(e) => {
        e.preventDefault();
        const store = useAppStore.getState();
        const exceptList = except.split(/[\s,]+/).filter(Boolean);
        const r = store.dispatch('addExternal', {
          cidr: cidr.trim(),
          except: exceptList.length > 0 ? exceptList : undefined,
          label:
            label.trim() ||
            (cidr.trim() === '0.0.0.0/0' && exceptList.length === 0 ? 'any address' : undefined),
          position: place(EXTERNAL_SIZE),
        });
        if (r.doc === store.doc) setError(firstError(r.notices));
        else close();
      }}
    >
      <h2>Add external CIDR</h2>
      <label className="field">
        <span className="field-label">CIDR (0.0.0.0/0 is any address)</span>
        <input
          aria-label="CIDR"
          value={cidr}
          // biome-ignore lint/a11y/noAutofocus: the dialog exists to type this block
          autoFocus
          placeholder="e.g. 10.0.0.0/8"
          onChange={(e) => setCidr(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Except</span>
        <input
          aria-label="Except"
          placeholder="10.0.0.0/8, 192.168.0.0/16"
          value={except}
          onChange={(e) => setExcept(e.target.value)}
        />
      </label>
      <label className="field">
        <span className="field-label">Label</span>
        <input
          aria-label="Label"
          placeholder="corporate VPN"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
        />
      </label>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="primary">
          Add
        </button>
      </div>
    </form>
  );
}
