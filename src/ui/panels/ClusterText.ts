// Words for the cluster-scoped layer: admin policy subjects and peers as a person reads them. Pure, so it is
// tested without a browser. (Which rule decided a verdict is said by the engine's words, explainWords.ts.)
import { formatSelector } from '../../design/policies';
import type { AdminPeer, AdminSelector, LabelSelector } from '../../engine/types';

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
  if (p.domainNames)
    parts.push(`domain names ${p.domainNames.join(', ')} (resolved when a pod connects: not evaluated)`);
  if (p.unknown) parts.push(`unknown ${Object.keys(p.unknown).join(', ')} (the rule fails closed)`);
  return parts.join('; ') || 'nothing';
}
