// Plain words for the pieces of a policy that findings quote: selectors, peers, port entries, workloads.
import { formatConnectionSet } from '../connectionSet';
import { objectKey } from '../objectKey';
import type { ConnectionSet, LabelSelector, NetworkPolicyPeer, NetworkPolicyPort, Workload } from '../types';

/** `app=web, tier in (a,b), !legacy`; `{}` for the empty selector. */
export function describeSelector(sel: LabelSelector): string {
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels![k]}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(', ') : '{}';
}

/** "pods app=db in namespaces team=fe", "every pod of namespace shop", "10.0.0.0/8 except 10.1.0.0/16". */
export function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return `ipBlock ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  const pods = peer.podSelector ? `pods ${describeSelector(peer.podSelector)}` : 'every pod';
  const where = peer.namespaceSelector
    ? `in namespaces ${describeSelector(peer.namespaceSelector)}`
    : `in namespace ${policyNamespace}`;
  return `${pods} ${where}`;
}

/** "TCP 8080", "UDP port dns", "TCP 8000-8080", "every UDP port". */
export function describePort(p: NetworkPolicyPort): string {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return `every ${protocol} port`;
  if (typeof p.port === 'string') return `${protocol} port ${p.port}`;
  return p.endPort !== undefined ? `${protocol} ${p.port}-${p.endPort}` : `${protocol} ${p.port}`;
}

/** "every port", or the ports as netpol-analyzer prints them. */
export function describeConnections(set: ConnectionSet): string {
  const text = formatConnectionSet(set);
  return text === 'All Connections' ? 'every port' : text;
}

/** `ns/name` as people write it. */
export function workloadName(w: Workload): string {
  return objectKey(w);
}

/** "`a/x`, `a/y` and 3 more". */
export function listNames(names: readonly string[], max = 3): string {
  const shown = names.slice(0, max).map((n) => `\`${n}\``);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
