// Namespace selectors written against a label the namespace does not carry, while a namespace named like the
// label's value exists: `namespaceSelector: {matchLabels: {name: prod}}` meant namespace `prod`. Shared by the
// namespace-label-missing rule (which reports it) and peer-matches-nothing (which then stays quiet).
import { NAMESPACE_NAME_LABEL } from '../classes';
import { matchesSelector } from '../selector';
import type { NetworkPolicyPeer } from '../types';
import type { LintContext } from './types';

export interface NamespaceSuggestion {
  /** The label key the selector relies on. */
  readonly key: string;
  /** The existing namespace named like its value. */
  readonly namespace: string;
}

export function suggestNamespaceName(
  ctx: LintContext,
  peer: NetworkPolicyPeer,
): NamespaceSuggestion | undefined {
  const sel = peer.namespaceSelector;
  if (!sel || peer.ipBlock) return undefined;
  if (ctx.namespaceNames.some((ns) => matchesSelector(sel, ctx.nsLabels(ns)))) return undefined;
  const existing = new Set(ctx.namespaceNames);
  const candidates: NamespaceSuggestion[] = [];
  for (const key of Object.keys(sel.matchLabels ?? {}).sort()) {
    const value = sel.matchLabels![key];
    if (key !== NAMESPACE_NAME_LABEL && existing.has(value)) candidates.push({ key, namespace: value });
  }
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator !== 'In' || r.key === NAMESPACE_NAME_LABEL) continue;
    for (const value of r.values ?? []) {
      if (existing.has(value)) candidates.push({ key: r.key, namespace: value });
    }
  }
  return candidates[0];
}
