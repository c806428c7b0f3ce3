// The inspector: edits the selected namespace, workload, external block or rule edge. Each field applies one
// design operation when the user is done with it; errors come back as notices.
import { useEffect, useMemo, useState } from 'react';
import { cniModel } from '../design/cni';
import { enforcementChoice } from '../design/compile';
import { previewEnforcement } from '../design/connectPreview';
import { defaultDenyOf } from '../design/defaultDeny';
import { DNS_TCP, lacksDnsTcp, refText } from '../design/drawEdge';
import { isolationSentence } from '../design/explainText';
import { isAddressRef, namespaceOfRef, namespaceRef } from '../design/model';
import { edgePorts, removePeers } from '../design/ruleEdit';
import {
  ALL_NAMESPACES_REF,
  ANY_REF,
  type DefaultDenyMode,
  type Enforcement,
  NAMESPACE_NAME_LABEL,
  type RuleEdge,
} from '../design/types';
import type { NetworkPolicyPort } from '../engine/types';
import { EnforcementField, isolates, PreviewNotes } from './canvas/EnforcementFields';
import { isolationText } from './canvas/toFlow';
import { useDerivedGraph } from './canvas/useDerivedGraph';
import { deleteTarget } from './commands';
import { CommitInput } from './editors/CommitInput';
import { ContainerPortsEditor } from './editors/ContainerPortsEditor';
import { DnsTcpHint } from './editors/DnsTcpHint';
import { LabelsEditor } from './editors/LabelsEditor';
import { PortsEditor } from './editors/PortsEditor';
import { type PortRow, portsFromRows, rowsFromPorts } from './portRows';
import { useAppStore } from './store';

const store = () => useAppStore.getState();
const notifyError = (message: string) => store().notify('error', message);

export function Inspector() {
  const selection = useAppStore((s) => s.selection);
  const doc = useAppStore((s) => s.doc);
  const graph = useDerivedGraph();
  if (!selection) {
    return (
      <div className="inspector">
        <p className="hint">
          Select a namespace, workload, external block or rule on the canvas to edit it here. Draw from a
          node's right handle to another node's left handle to allow traffic.
        </p>
      </div>
    );
  }
  if (selection.type === 'edge') {
    const edge = graph.edges.find((e) => e.id === selection.id);
    return edge ? <EdgeInspector edge={edge} /> : <Gone />;
  }
  const ref = selection.ref;
  const nsName = namespaceOfRef(ref);
  if (nsName !== undefined) {
    const ns = doc.namespaces.find((n) => n.name === nsName);
    return ns ? <NamespaceInspector name={ns.name} /> : <Gone />;
  }
  if (ref.startsWith('ext:') || ref === 'any') {
    const ext = graph.externals.find((x) => x.id === ref);
    return ext ? <ExternalInspector id={ext.id} /> : <Gone />;
  }
  return doc.workloads.some((w) => w.id === ref) ? <WorkloadInspector id={ref} /> : <Gone />;
}

function Gone() {
  return (
    <div className="inspector">
      <p className="hint">The selected element no longer exists.</p>
    </div>
  );
}

function useFocusNonce(field: 'name' | 'labels'): number | undefined {
  const f = useAppStore((s) => s.inspectorFocus);
  return f?.field === field ? f.nonce : undefined;
}

function NamespaceInspector({ name }: { name: string }) {
  const ns = useAppStore((s) => s.doc.namespaces.find((n) => n.name === name));
  const doc = useAppStore((s) => s.doc);
  const nameNonce = useFocusNonce('name');
  const labelsNonce = useFocusNonce('labels');
  if (!ns) return <Gone />;
  const count = doc.workloads.filter((w) => w.namespace === name).length;
  return (
    <section className="inspector" aria-label="Inspector">
      <div>
        <div className="kind">Namespace</div>
        <h2>{ns.name}</h2>
      </div>
      <div className="field">
        <span className="field-label">Name</span>
        <CommitInput
          label="Namespace name"
          value={ns.name}
          focusNonce={nameNonce}
          onCommit={(to) => store().dispatch('renameNamespace', { from: ns.name, to })}
        />
      </div>
      <LabelsEditor
        labels={ns.labels}
        hidden={[NAMESPACE_NAME_LABEL]}
        autoFocusNonce={labelsNonce}
        onApply={(labels) => store().dispatch('setNamespaceLabels', { name: ns.name, labels })}
        onError={notifyError}
      />
      <label className="field">
        <span className="field-label">Default deny</span>
        <select
          aria-label="Default deny"
          value={defaultDenyOf(doc, ns.name)}
          onChange={(e) =>
            store().dispatch('setDefaultDeny', {
              namespace: ns.name,
              mode: e.target.value as DefaultDenyMode,
            })
          }
        >
          <option value="none">none</option>
          <option value="ingress">ingress</option>
          <option value="egress">egress</option>
          <option value="both">both</option>
        </select>
      </label>
      <p className="hint">
        {count} workload{count === 1 ? '' : 's'}; label <code>{NAMESPACE_NAME_LABEL}</code> is set
        automatically.
      </p>
      <div className="row">
        <button
          type="button"
          className="danger"
          onClick={() => deleteTarget({ type: 'node', ref: namespaceRef(ns.name) })}
        >
          Delete namespace
        </button>
      </div>
    </section>
  );
}

function WorkloadInspector({ id }: { id: string }) {
  const w = useAppStore((s) => s.doc.workloads.find((x) => x.id === id));
  const namespaces = useAppStore((s) => s.doc.namespaces);
  const isolation = useAppStore((s) => s.analysis?.isolation[id]);
  const nameNonce = useFocusNonce('name');
  const labelsNonce = useFocusNonce('labels');
  if (!w) return <Gone />;
  return (
    <section className="inspector" aria-label="Inspector">
      <div>
        <div className="kind">{w.kind}</div>
        <h2>{w.id}</h2>
      </div>
      <div className="field">
        <span className="field-label">Name</span>
        <CommitInput
          label="Workload name"
          value={w.name}
          focusNonce={nameNonce}
          onCommit={(name) => store().dispatch('renameWorkload', { id: w.id, name })}
        />
      </div>
      <div className="row">
        <label className="field" style={{ flex: 1 }}>
          <span className="field-label">Namespace</span>
          <select
            aria-label="Workload namespace"
            value={w.namespace}
            onChange={(e) => store().dispatch('moveWorkload', { id: w.id, namespace: e.target.value })}
          >
            {namespaces.map((n) => (
              <option key={n.name} value={n.name}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <div className="field" style={{ flex: 1 }}>
          <span className="field-label">Kind</span>
          <CommitInput
            label="Workload kind"
            value={w.kind}
            onCommit={(kind) => store().dispatch('setWorkloadKind', { id: w.id, kind })}
          />
        </div>
      </div>
      <LabelsEditor
        labels={w.labels}
        autoFocusNonce={labelsNonce}
        onApply={(labels) => store().dispatch('setWorkloadLabels', { id: w.id, labels })}
        onError={notifyError}
      />
      <ContainerPortsEditor
        ports={w.ports}
        onApply={(ports) => store().dispatch('setWorkloadPorts', { id: w.id, ports })}
        onError={notifyError}
      />
      <div className="field">
        <label>
          <input
            type="checkbox"
            aria-label="Host network"
            checked={w.hostNetwork === true}
            onChange={(e) =>
              store().dispatch('setWorkloadHostNetwork', { id: w.id, hostNetwork: e.currentTarget.checked })
            }
          />{' '}
          Host network <code>spec.hostNetwork</code>
        </label>
        {w.hostNetwork && (
          <p className="hint" data-testid="host-network-hint">
            Uses its node's network: cluster-wide policies leave it out of subjects and namespaces/pods peers;
            NetworkPolicy behaviour for it is undefined.
          </p>
        )}
      </div>
      {isolation && (
        <div className="field">
          <span className="field-label">Isolation</span>
          <span>
            <span className={`badge ${isolationText(isolation.state)}`}>
              {isolationText(isolation.state)}
            </span>
          </span>
          <p className="hint" data-testid="isolation-reason">
            {isolationSentence(isolation, cniModel(store().doc.settings?.cni))}
          </p>
        </div>
      )}
      <div className="row">
        <button type="button" className="danger" onClick={() => deleteTarget({ type: 'node', ref: w.id })}>
          Delete workload
        </button>
      </div>
    </section>
  );
}

function ExternalInspector({ id }: { id: string }) {
  const graph = useDerivedGraph();
  const ext = graph.externals.find((x) => x.id === id);
  const nameNonce = useFocusNonce('name');
  if (!ext) return <Gone />;
  return (
    <section className="inspector" aria-label="Inspector">
      <div>
        <div className="kind">
          {ext.id === ANY_REF
            ? 'Anywhere'
            : ext.id === ALL_NAMESPACES_REF
              ? 'All namespaces'
              : 'External address block'}
        </div>
        <h2>{ext.label}</h2>
      </div>
      {isAddressRef(ext.id) && ext.id !== ANY_REF && (
        <>
          <div className="field">
            <span className="field-label">Label</span>
            <CommitInput
              label="External label"
              value={ext.label}
              focusNonce={nameNonce}
              onCommit={(label) => store().dispatch('setExternalLabel', { id: ext.id, label })}
            />
          </div>
          <div className="field">
            <span className="field-label">CIDR</span>
            <code>{ext.cidr}</code>
          </div>
          {ext.except && ext.except.length > 0 && (
            <div className="field">
              <span className="field-label">Except</span>
              <code>{ext.except.join(', ')}</code>
            </div>
          )}
        </>
      )}
      {ext.derived && <p className="hint">Drawn because a policy rule names this block.</p>}
      {ext.id === ANY_REF && <p className="hint">Rules without peers allow every pod and every address.</p>}
      {ext.id === ALL_NAMESPACES_REF && (
        <p className="hint">
          The peer namespaceSelector: {'{}'} — every pod of every namespace, and no address outside the
          cluster. For all pods of one namespace, draw from or to that namespace's frame.
        </p>
      )}
      <div className="row">
        <button type="button" className="danger" onClick={() => deleteTarget({ type: 'node', ref: ext.id })}>
          {isAddressRef(ext.id) ? 'Delete external' : 'Delete node'}
        </button>
      </div>
    </section>
  );
}

function EdgeInspector({ edge }: { edge: RuleEdge }) {
  const blocked = useAppStore((s) => s.analysis?.blocked.find((b) => b.edgeId === edge.id));
  const [rows, setRows] = useState<PortRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const portsKey = edge.label;
  const doc = useAppStore((s) => s.doc);
  const currentPorts = edgePorts(doc, edge);
  const dnsTcpMissing = currentPorts !== undefined && lacksDnsTcp(doc, edge.target, currentPorts);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft when the edge's rules change
  useEffect(() => {
    setRows(rowsFromPorts(edgePorts(useAppStore.getState().doc, edge) ?? []));
    setError(null);
  }, [edge.id, portsKey]);
  return (
    <section className="inspector" aria-label="Inspector">
      <div>
        <div className="kind">Rule edge{edge.managed ? '' : ' (from imported policies)'}</div>
        <h2>
          {refText(edge.source)} → {refText(edge.target)}
        </h2>
      </div>
      <p className="hint">
        Allows <strong>{edge.label}</strong>
        {edge.selectorLabel ? ` via selector ${edge.selectorLabel}` : ''}; rules on{' '}
        {edge.directions
          .map((d) => (d === 'Ingress' ? 'ingress of the target' : 'egress of the source'))
          .join(' and ')}
        .
      </p>
      {blocked && (
        <p className="warnings" role="status">
          Blocked by the {blocked.blockedBy === 'Ingress' ? "target's ingress" : "source's egress"}:{' '}
          {blocked.reason}
        </p>
      )}
      <PortsEditor rows={rows} onChange={setRows} />
      {dnsTcpMissing && (
        <DnsTcpHint
          onAdd={() => store().dispatch('setEdgePorts', { edge, ports: [...(currentPorts ?? []), DNS_TCP] })}
        />
      )}
      {error && (
        <p className="hint" role="alert" style={{ color: 'var(--bad)' }}>
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          onClick={() => {
            const parsed = portsFromRows(rows);
            if (parsed.error !== undefined) return setError(parsed.error);
            setError(null);
            store().dispatch('setEdgePorts', { edge, ports: parsed.ports });
          }}
        >
          Apply ports
        </button>
        <button type="button" className="danger" onClick={() => deleteTarget({ type: 'edge', id: edge.id })}>
          Delete rule
        </button>
      </div>
      {!edge.selectorLabel && <EdgeEnforcement edge={edge} ports={currentPorts ?? []} />}
      <div className="field">
        <span className="field-label">Rules behind this edge</span>
        <ul className="hint" style={{ margin: 0, paddingLeft: 16 }}>
          {edge.refs.map((r) => (
            <li key={`${r.policy}/${r.direction}/${r.ruleIndex}/${r.peerIndex ?? ''}`}>
              {r.policy}, {r.direction.toLowerCase()} rule {r.ruleIndex + 1}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

const enforcementOf = (edge: RuleEdge): Enforcement =>
  edge.directions.length === 2 ? 'both' : edge.directions[0] === 'Ingress' ? 'ingress' : 'egress';

/**
 * Where a drawn rule is enforced, changed after the fact: the same choice and preview as the New rule dialog
 * (what is written; who loses access when the choice isolates something), applied by `setEdgeEnforcement`.
 */
function EdgeEnforcement({ edge, ports }: { edge: RuleEdge; ports: readonly NetworkPolicyPort[] }) {
  const doc = useAppStore((s) => s.doc);
  const current = enforcementOf(edge);
  const [enforce, setEnforce] = useState<Enforcement>(current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset the draft when the edge's sides change
  useEffect(() => setEnforce(current), [edge.id, current]);
  const withoutEdge = useMemo(() => removePeers(doc, edge.refs).doc, [doc, edge]);
  const choice = useMemo(() => enforcementChoice(withoutEdge, edge.source, edge.target), [withoutEdge, edge]);
  const preview = useMemo(
    () => (enforce === current ? undefined : previewEnforcement(doc, edge, ports, enforce)),
    [doc, edge, ports, enforce, current],
  );
  if (!choice || choice.options.length < 2) return null;
  return (
    <div className="field" data-testid="edge-enforcement">
      <EnforcementField
        choice={choice}
        value={enforce}
        onChange={setEnforce}
        from={edge.source}
        to={edge.target}
      />
      <PreviewNotes preview={preview} />
      {enforce !== current && (
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => store().dispatch('setEdgeEnforcement', { edge, enforce })}
          >
            {isolates(preview) ? 'Move and isolate' : 'Move the rule'}
          </button>
        </div>
      )}
    </div>
  );
}
