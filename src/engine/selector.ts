// Label selectors as Kubernetes evaluates them: matchLabels AND every matchExpression. An empty selector
// (`{}`) matches everything; `NotIn` is true when the key is absent, as in apimachinery's labels package.
import type { LabelSelector, LabelSelectorRequirement, Labels } from './types';

function requirementMatches(req: LabelSelectorRequirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, req.key);
  switch (req.operator) {
    case 'In':
      return has && (req.values ?? []).includes(labels[req.key]);
    case 'NotIn':
      return !has || !(req.values ?? []).includes(labels[req.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function matchesSelector(sel: LabelSelector, labels: Labels): boolean {
  if (sel.matchLabels) {
    for (const key of Object.keys(sel.matchLabels)) {
      if (!Object.hasOwn(labels, key) || labels[key] !== sel.matchLabels[key]) return false;
    }
  }
  if (sel.matchExpressions) {
    for (const req of sel.matchExpressions) if (!requirementMatches(req, labels)) return false;
  }
  return true;
}

/** True when the selector has no requirement at all, so it matches every label set. */
export function isEmptySelector(sel: LabelSelector): boolean {
  return Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0;
}

/** A canonical text for a selector, so equal selectors can share one evaluation (used as a cache key). */
export function selectorKey(sel: LabelSelector): string {
  const ml = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => [k, sel.matchLabels![k]]);
  const me = (sel.matchExpressions ?? [])
    .map((r) => [r.key, r.operator, [...(r.values ?? [])].sort()] as const)
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  return JSON.stringify([ml, me]);
}
