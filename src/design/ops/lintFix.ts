// Applying a lint finding's quick fix as one operation (one undo step): add the NetworkPolicy it proposes, or
// replace the one peer it names. A fix computed for an older document fails with a notice instead of editing
// the wrong place.
import type { NetworkPolicyPeer } from '../../engine/types';
import { withPolicyNamespaces } from '../merge';
import { fail, invalidNamespaceName, invalidObjectName, ok, policyKey } from '../model';
import type { DesignPolicy } from '../types';
import { defineOp } from './define';

function replacePeerIn(
  policy: DesignPolicy,
  direction: 'Ingress' | 'Egress',
  ruleIndex: number,
  peerIndex: number,
  peer: NetworkPolicyPeer,
): DesignPolicy | undefined {
  const swap = (peers: readonly NetworkPolicyPeer[] | undefined) =>
    peers && peerIndex >= 0 && peerIndex < peers.length
      ? peers.map((p, i) => (i === peerIndex ? peer : p))
      : undefined;
  if (direction === 'Ingress') {
    const rule = policy.ingress?.[ruleIndex];
    const from = swap(rule?.from);
    if (!rule || !from) return undefined;
    return { ...policy, ingress: policy.ingress!.map((r, i) => (i === ruleIndex ? { ...r, from } : r)) };
  }
  const rule = policy.egress?.[ruleIndex];
  const to = swap(rule?.to);
  if (!rule || !to) return undefined;
  return { ...policy, egress: policy.egress!.map((r, i) => (i === ruleIndex ? { ...r, to } : r)) };
}

export const applyLintFix = defineOp('applyLintFix', 'Apply quick fix', (doc, { fix }) => {
  if (fix.type === 'addPolicy') {
    const p = fix.policy;
    const invalid = invalidNamespaceName(p.namespace) ?? invalidObjectName(p.name, 'NetworkPolicy');
    if (invalid) return fail(doc, invalid);
    const key = policyKey(p);
    if (doc.policies.some((x) => policyKey(x) === key))
      return fail(doc, `NetworkPolicy ${key} already exists: this quick fix is out of date.`);
    const { doc: withNs, notices } = withPolicyNamespaces(doc, [p]);
    return ok({ ...withNs, policies: [...doc.policies, { ...p }] }, [
      ...notices,
      { severity: 'info', message: `Added NetworkPolicy ${key}.` },
    ]);
  }
  const target = doc.policies.find((x) => policyKey(x) === fix.policy);
  const updated = target && replacePeerIn(target, fix.direction, fix.ruleIndex, fix.peerIndex, fix.peer);
  if (!target || !updated)
    return fail(doc, `${fix.policy} no longer has the peer this quick fix changes: it is out of date.`);
  return ok({ ...doc, policies: doc.policies.map((x) => (x === target ? updated : x)) }, [
    { severity: 'info', message: `${fix.title} (in ${fix.policy}).` },
  ]);
});
