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

const keys = new WeakMap<LabelSelector, string>();

/** A canonical text for a selector, so equal selectors can share one evaluation (used as a cache key). */
export function selectorKey(sel: LabelSelector): string {
  let key = keys.get(sel);
  if (key === undefined) {
    key = computeSelectorKey(sel);
    keys.set(sel, key);
  }
  return key;
}

function computeSelectorKey(sel: LabelSelector): string {
  // JSON-quoted parts keep keys and values with separators in them unambiguous.
  const ml = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}=${JSON.stringify(sel.matchLabels![k])}`);
  const me = (sel.matchExpressions ?? [])
    .map((r) => `${JSON.stringify(r.key)} ${r.operator} ${JSON.stringify([...(r.values ?? [])].sort())}`)
    .sort();
  return `${ml.join(',')}|${me.join(',')}`;
}
