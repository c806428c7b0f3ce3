// Small facts about policies the operations share: which policies isolate a
// workload, selector equality, and the narrowest selector that names a workload within its namespace.
import { effectivePolicyTypes } from '../engine/policy';
import { userRecord } from '../engine/records';
import { matchesSelector, selectorKey } from '../engine/selector';
import type { LabelSelector, Labels, PolicyType } from '../engine/types';
import { policyKey } from './model';
import type { DesignDoc, DesignPolicy, DesignWorkload } from './types';

export function sameSelector(a: LabelSelector, b: LabelSelector): boolean {
  return selectorKey(a) === selectorKey(b);
}

/** Policies selecting the workload with the given type, by `namespace/name`. */
export function isolatingPolicies(doc: DesignDoc, w: DesignWorkload, type: PolicyType): string[] {
  return isolatingPoliciesAmong(doc.policies, w, type);
}

/** The same among `policies` only (a caller that judges many workloads passes those of their namespace). */
export function isolatingPoliciesAmong(
  policies: readonly DesignPolicy[],
  w: DesignWorkload,
  type: PolicyType,
): string[] {
  return policies
    .filter(
      (p) =>
        p.namespace === w.namespace &&
        effectivePolicyTypes(p).includes(type) &&
        matchesSelector(p.podSelector, w.labels),
    )
    .map(policyKey);
}

export function workloadsIn(doc: DesignDoc, namespace: string): DesignWorkload[] {
  return doc.workloads.filter((w) => w.namespace === namespace);
}

/** Keys tried first, in this order, when several label subsets of the same size identify a workload. */
const PREFERRED_KEYS = ['app', 'app.kubernetes.io/name', 'k8s-app', 'tier', 'role', 'component', 'name'];
/** Above this many labels, subsets are not enumerated; keys are added greedily instead. */
const MAX_EXHAUSTIVE = 10;

function keyRank(key: string): number {
  const i = PREFERRED_KEYS.indexOf(key);
  return i < 0 ? PREFERRED_KEYS.length : i;
}

export interface ChosenSelector {
  readonly selector: LabelSelector;
  /** Other workloads of the namespace that the selector also matches (empty: it names the workload alone). */
  readonly alsoMatches: readonly DesignWorkload[];
}

/**
 * The smallest subset of the workload's labels that matches no other workload of its namespace; among
 * subsets of one size, those made of preferred keys (app, app.kubernetes.io/name, tier, role…) win, then
 * alphabetical order. When no subset is unique (another workload carries the same labels) all labels are
 * used and `alsoMatches` says who else is selected.
 */
export function narrowestSelector(doc: DesignDoc, w: DesignWorkload): ChosenSelector {
  const others = workloadsIn(doc, w.namespace).filter((o) => o.id !== w.id);
  const keys = Object.keys(w.labels).sort((a, b) => keyRank(a) - keyRank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const pick = (subset: readonly string[]): Labels => {
    const out = userRecord<string>();
    for (const k of [...subset].sort()) out[k] = w.labels[k];
    return out;
  };
  const matching = (labels: Labels) =>
    others.filter((o) => matchesSelector({ matchLabels: labels }, o.labels));
  if (keys.length <= MAX_EXHAUSTIVE) {
    for (let size = 1; size <= keys.length; size++) {
      for (const subset of combinations(keys, size)) {
        const labels = pick(subset);
        if (matching(labels).length === 0) return { selector: { matchLabels: labels }, alsoMatches: [] };
      }
    }
  } else {
    // Greedy: add the key that excludes the most remaining workloads until none remains.
    const chosen: string[] = [];
    let rest = others;
    while (rest.length > 0 && chosen.length < keys.length) {
      let best = keys.find((k) => !chosen.includes(k))!;
      let bestLeft = Number.POSITIVE_INFINITY;
      for (const k of keys) {
        if (chosen.includes(k)) continue;
        const left = rest.filter((o) => o.labels[k] === w.labels[k]).length;
        if (left < bestLeft) [best, bestLeft] = [k, left];
      }
      chosen.push(best);
      rest = rest.filter((o) => o.labels[best] === w.labels[best]);
    }
    if (rest.length === 0) return { selector: { matchLabels: pick(chosen) }, alsoMatches: [] };
  }
  const all = pick(keys);
  return { selector: { matchLabels: all }, alsoMatches: matching(all) };
}

/** k-element subsets in lexicographic order of positions (so earlier, preferred keys come first). */
function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i], ...rest];
  }
}

/** `app=web,tier=front` for notices and edge labels. */
export function formatSelector(sel: LabelSelector): string {
  const parts = Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(',') : 'all pods';
}
