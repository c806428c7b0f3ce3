// Words for the cluster-scoped layer: admin policy subjects and peers as a person reads them, and which tier
// decided one side of a verdict ("AdminNetworkPolicy `deny-x` priority 10: Deny", "NetworkPolicy",
// "BaselineAdminNetworkPolicy `default`: Deny"). Pure, so the panel and the verdict view share it and it is
// tested without a browser.
import { formatSelector } from '../../design/policies';
import type { AdminPeer, AdminSelector, DirectionVerdict, LabelSelector, RuleRef } from '../../engine/types';

const isEmpty = (s: LabelSelector) =>
  Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

function namespacesText(s: LabelSelector): string {
  return isEmpty(s) ? 'all namespaces' : `namespaces ${formatSelector(s)}`;
}

function podsText(p: { namespaceSelector: LabelSelector; podSelector: LabelSelector }): string {
  const pods = isEmpty(p.podSelector) ? 'all pods' : `pods ${formatSelector(p.podSelector)}`;
  return `${pods} in ${namespacesText(p.namespaceSelector)}`;
}

export function subjectText(s: AdminSelector): string {
  return s.namespaces ? namespacesText(s.namespaces) : podsText(s.pods);
}

export function peerText(p: AdminPeer): string {
  const parts: string[] = [];
  if (p.namespaces) parts.push(namespacesText(p.namespaces));
  if (p.pods) parts.push(podsText(p.pods));
  if (p.networks) parts.push(`networks ${p.networks.join(', ')}`);
  if (p.nodes)
    parts.push(
      `${isEmpty(p.nodes) ? 'all nodes' : `nodes ${formatSelector(p.nodes)}`} (the inventory's Nodes)`,
    );
  if (p.unknown) parts.push(`unknown ${Object.keys(p.unknown).join(', ')} (the rule fails closed)`);
  return parts.join('; ') || 'nothing';
}

function adminRefText(r: RuleRef): string {
  return r.tier === 'Admin'
    ? `AdminNetworkPolicy \`${r.policy}\` priority ${r.priority ?? 0}`
    : `BaselineAdminNetworkPolicy \`${r.policy}\``;
}

/** The tier that decided one side of a verdict, in the words the explanations use. */
export function decidedByText(side: DirectionVerdict): string {
  if (!side.inCluster) return 'outside the cluster: no policy applies';
  const d = side.decidedBy;
  if (d && d.action !== 'Pass') return `${adminRefText(d)}: ${d.action}`;
  const passed = d ? `${adminRefText(d)}: Pass, then ` : '';
  if (side.isolatedBy.length > 0) {
    const names = (side.allowedBy.length > 0 ? side.allowedBy : side.isolatedBy).map(
      (r) => `\`${r.policy}\``,
    );
    const how = side.allowedBy.length > 0 ? 'allowed by' : 'isolated by';
    return `${passed}NetworkPolicy (${how} ${[...new Set(names)].join(', ')})`;
  }
  return `${passed}no policy (not isolated)`;
}
