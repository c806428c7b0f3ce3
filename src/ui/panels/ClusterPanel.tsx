// The cluster-scoped layer: AdminNetworkPolicies (decided first, by priority), then what NetworkPolicies
// decide, then the BaselineAdminNetworkPolicy (decided last, for pods no NetworkPolicy isolates). Here the user
// turns on the cluster-wide default deny — impossible with namespaced NetworkPolicies alone — and picks the API
// form the YAML view and exports write admin policies in.
import { useEffect, useState } from 'react';
import { deriveAdminEdges, formatAdminPorts } from '../../design/adminEdges';
import { enginePolicyKind } from '../../design/model';
import { clusterDefaultDenyOf } from '../../design/ops/adminPolicies';
import { orderAdminPolicies } from '../../engine/adminPolicy';
import { actionName } from '../../engine/explainWords';
import type { AdminNetworkPolicy, AdminRule } from '../../engine/types';
import type { AdminPolicyForm } from '../../manifest/types';
import { useAppStore } from '../store';
import { peerText, subjectText } from './ClusterText';
import './ClusterPanel.css';

function RuleList({
  rules,
  direction,
  kind,
}: {
  rules: readonly AdminRule[];
  direction: 'Ingress' | 'Egress';
  kind: AdminNetworkPolicy['kind'];
}) {
  return rules.map((r, i) => (
    // Rules have no identity beyond their position, which is also their evaluation order.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <li key={i} className={`admin-rule action-${r.action.toLowerCase()}`}>
      <span className={`action-badge ${r.action.toLowerCase()}`}>{actionName(r.action, kind)}</span>{' '}
      {direction.toLowerCase()} {r.name && <code>{r.name}</code>} {direction === 'Ingress' ? 'from' : 'to'}{' '}
      {r.peers.map(peerText).join(' or ')}, {formatAdminPorts(r.ports)}
    </li>
  ));
}

function PolicyCard({ policy }: { policy: AdminNetworkPolicy }) {
  const count = policy.ingress.length + policy.egress.length;
  return (
    <li
      className={`admin-policy tier-${policy.tier.toLowerCase()}`}
      data-testid={`admin-policy-${policy.name}`}
    >
      <div className="admin-policy-head">
        <strong>{policy.name}</strong>
        {(policy.tier === 'Admin' || policy.priority !== 0) && (
          <span className="priority">priority {policy.priority}</span>
        )}
      </div>
      <div className="hint">subject: {subjectText(policy.subject)}</div>
      {count === 0 ? (
        <p className="hint">No rules.</p>
      ) : (
        <ol className="admin-rules">
          <RuleList rules={policy.ingress} direction="Ingress" kind={policy.kind} />
          <RuleList rules={policy.egress} direction="Egress" kind={policy.kind} />
        </ol>
      )}
    </li>
  );
}

/**
 * The cluster pod CIDR: `networks` peers match pods too, and pods without a known IP (every drawn workload) are
 * placed by it. Typed freely; applied on Enter or when the field loses focus, and an error is shown beside it.
 */
function PodCidrField() {
  const saved = useAppStore((s) => s.doc.settings?.podCIDRs);
  const dispatch = useAppStore((s) => s.dispatch);
  const savedText = (saved ?? []).join(', ');
  const [text, setText] = useState(savedText);
  const [error, setError] = useState<string | undefined>();
  // An undo, a loaded document or a share link changes the setting under the field.
  useEffect(() => {
    setText(savedText);
    setError(undefined);
  }, [savedText]);
  const apply = () => {
    if (text.trim() === savedText) return;
    const r = dispatch('setPodCidrs', { text });
    setError(r.notices.find((n) => n.severity === 'error')?.message);
  };
  return (
    <div className="pod-cidr">
      <label>
        <span className="field-label">Pod CIDR</span>
        <input
          type="text"
          value={text}
          placeholder="e.g. 10.244.0.0/16"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby="pod-cidr-hint"
          data-testid="pod-cidr"
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
          }}
        />
      </label>
      <span id="pod-cidr-hint" className={error ? 'field-error' : 'hint'} role={error ? 'alert' : undefined}>
        {error ??
          (savedText
            ? 'networks peers match the pods inside it; one covering only part of it is undecidable (see Lint).'
            : 'Unknown: networks peers match pods in a real cluster, but pods without an IP cannot be placed.')}
      </span>
    </div>
  );
}

export function ClusterPanel() {
  const doc = useAppStore((s) => s.doc);
  const dispatch = useAppStore((s) => s.dispatch);
  // In evaluation order, as the engine walks them.
  const { admin, baseline } = orderAdminPolicies(doc.adminPolicies);
  const denyOn = clusterDefaultDenyOf(doc);
  const form = doc.adminForm ?? 'v1alpha1';
  const truncated = doc.adminPolicies.length > 0 && deriveAdminEdges(doc).truncated;

  return (
    <section className="cluster-panel" aria-label="Cluster policies" data-testid="cluster-panel">
      <div className="cluster-actions">
        <button
          type="button"
          aria-pressed={denyOn}
          onClick={() => dispatch('setClusterDefaultDeny', { on: !denyOn })}
          title="A BaselineAdminNetworkPolicy `default` denying all ingress and egress of every namespace; NetworkPolicies and AdminNetworkPolicies still allow what they allow"
        >
          Cluster-wide default deny (BANP)
        </button>
        <p className="hint" data-testid="cluster-deny-state">
          {denyOn
            ? 'On: pods no NetworkPolicy isolates accept and send nothing, in every namespace.'
            : 'Off: a pod stays open until a NetworkPolicy of its namespace isolates it.'}
        </p>
        <label>
          <span className="field-label">Admin policy API version</span>
          <select
            value={form}
            onChange={(e) => dispatch('setAdminForm', { form: e.target.value as AdminPolicyForm })}
          >
            <option value="v1alpha1">v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy</option>
            <option value="v1alpha2">v1alpha2 ClusterNetworkPolicy (tiers Admin, Baseline)</option>
          </select>
        </label>
        <PodCidrField />
      </div>

      <h3>1. AdminNetworkPolicies</h3>
      <p className="hint">
        Decided first, lowest priority number first. Allow and Deny are final; Pass hands on.
      </p>
      {admin.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <ul className="admin-policies">
          {admin.map((p) => (
            <PolicyCard key={p.name} policy={enginePolicyKind(doc, p)} />
          ))}
        </ul>
      )}

      <h3>2. NetworkPolicies</h3>
      <p className="hint">
        {doc.policies.length} NetworkPolicies decide next, for the pods they isolate (see Policies YAML).
      </p>

      <h3>3. BaselineAdminNetworkPolicy</h3>
      <p className="hint">Decided last, only for pods no NetworkPolicy isolates in that direction.</p>
      {baseline.length > 0 ? (
        <ul className="admin-policies">
          {baseline.map((p) => (
            <PolicyCard key={p.name} policy={enginePolicyKind(doc, p)} />
          ))}
        </ul>
      ) : (
        <p className="hint">None: pods no NetworkPolicy isolates are open.</p>
      )}

      {truncated && (
        <p className="hint" role="note">
          These policies select too many node pairs to draw on the canvas; they are listed here only.
        </p>
      )}
      {doc.adminPolicies.length > 0 && (
        <p className="cluster-legend">
          On the canvas: <span className="admin-swatch deny" /> Deny <span className="admin-swatch allow" />{' '}
          Allow <span className="admin-swatch pass" /> Pass; AdminNetworkPolicy edges dashed, baseline edges
          dotted.
        </p>
      )}
    </section>
  );
}
