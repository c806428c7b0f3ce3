// The cluster-scoped layer: AdminNetworkPolicies (decided first, by priority), then what NetworkPolicies
// decide, then the BaselineAdminNetworkPolicy (decided last, for pods no NetworkPolicy isolates). Here the user
// turns on the cluster-wide default deny — impossible with namespaced NetworkPolicies alone — and picks the API
// form the YAML view and exports write admin policies in.
import { deriveAdminEdges, formatAdminPorts } from '../../design/adminEdges';
import { clusterDefaultDenyOf } from '../../design/ops/adminPolicies';
import type { AdminNetworkPolicy, AdminRule } from '../../engine/types';
import type { AdminPolicyForm } from '../../manifest/types';
import { useAppStore } from '../store';
import { peerText, subjectText } from './ClusterText';
import './ClusterPanel.css';

function RuleList({ rules, direction }: { rules: readonly AdminRule[]; direction: 'Ingress' | 'Egress' }) {
  return rules.map((r, i) => (
    // Rules have no identity beyond their position, which is also their evaluation order.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    <li key={i} className={`admin-rule action-${r.action.toLowerCase()}`}>
      <span className={`action-badge ${r.action.toLowerCase()}`}>{r.action}</span> {direction.toLowerCase()}{' '}
      {r.name && <code>{r.name}</code>} {direction === 'Ingress' ? 'from' : 'to'}{' '}
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
        {policy.tier === 'Admin' && <span className="priority">priority {policy.priority}</span>}
      </div>
      <div className="hint">subject: {subjectText(policy.subject)}</div>
      {count === 0 ? (
        <p className="hint">No rules.</p>
      ) : (
        <ol className="admin-rules">
          <RuleList rules={policy.ingress} direction="Ingress" />
          <RuleList rules={policy.egress} direction="Egress" />
        </ol>
      )}
    </li>
  );
}

export function ClusterPanel() {
  const doc = useAppStore((s) => s.doc);
  const dispatch = useAppStore((s) => s.dispatch);
  const admin = doc.adminPolicies.filter((p) => p.tier === 'Admin');
  const baseline = doc.adminPolicies.find((p) => p.tier === 'Baseline');
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
            <PolicyCard key={p.name} policy={p} />
          ))}
        </ul>
      )}

      <h3>2. NetworkPolicies</h3>
      <p className="hint">
        {doc.policies.length} NetworkPolicies decide next, for the pods they isolate (see Policies YAML).
      </p>

      <h3>3. BaselineAdminNetworkPolicy</h3>
      <p className="hint">Decided last, only for pods no NetworkPolicy isolates in that direction.</p>
      {baseline ? (
        <ul className="admin-policies">
          <PolicyCard policy={baseline} />
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
