// Default deny per namespace: `default-deny-ingress` / `default-deny-egress`, two separate policies (so each
// toggle adds or removes exactly one object). Recognised too: any policy with an empty pod selector and no
// rules for a type it declares, such as an imported `default-deny` with both types.

import { effectivePolicyTypes } from '../engine/policy';
import { policyKey } from './model';
import type { DefaultDenyMode, DesignDoc, DesignPolicy } from './types';

type Dir = 'Ingress' | 'Egress';

const isEmptySelector = (p: DesignPolicy) =>
  Object.keys(p.podSelector.matchLabels ?? {}).length === 0 &&
  (p.podSelector.matchExpressions ?? []).length === 0;

/** True when `p` selects every pod of its namespace for `dir` and allows nothing in that direction. */
export function deniesAll(p: DesignPolicy, dir: Dir): boolean {
  const rules = dir === 'Ingress' ? p.ingress : p.egress;
  return isEmptySelector(p) && effectivePolicyTypes(p).includes(dir) && (rules ?? []).length === 0;
}

/** The namespaces where some policy denies all, per direction, once per policy list (documents are immutable). */
const deniers = new WeakMap<readonly DesignPolicy[], Record<Dir, ReadonlySet<string>>>();

function denyingNamespaces(policies: readonly DesignPolicy[]): Record<Dir, ReadonlySet<string>> {
  let found = deniers.get(policies);
  if (!found) {
    const sets = { Ingress: new Set<string>(), Egress: new Set<string>() };
    for (const p of policies)
      for (const dir of ['Ingress', 'Egress'] as const) if (deniesAll(p, dir)) sets[dir].add(p.namespace);
    found = sets;
    deniers.set(policies, found);
  }
  return found;
}

/**
 * The toggle's state for a namespace. The canvas asks it for every namespace at every render: the policies are
 * scanned once per policy list, not once per namespace (150 namespaces × 5,000 policies at real size).
 */
export function defaultDenyOf(doc: DesignDoc, namespace: string): DefaultDenyMode {
  const { Ingress, Egress } = denyingNamespaces(doc.policies);
  const ing = Ingress.has(namespace);
  const eg = Egress.has(namespace);
  return ing && eg ? 'both' : ing ? 'ingress' : eg ? 'egress' : 'none';
}

function denyPolicy(doc: DesignDoc, namespace: string, dir: Dir): DesignPolicy {
  const base = `default-deny-${dir.toLowerCase()}`;
  let name = base;
  for (let n = 2; doc.policies.some((p) => p.namespace === namespace && p.name === name); n++)
    name = `${base}-${n}`;
  return { name, namespace, podSelector: {}, policyTypes: [dir], managed: true };
}

/** Adds or removes deny-all policies so the namespace's state becomes `mode`. */
export function applyDefaultDeny(doc: DesignDoc, namespace: string, mode: DefaultDenyMode): DesignDoc {
  let policies = [...doc.policies];
  for (const dir of ['Ingress', 'Egress'] as const) {
    const want = mode === 'both' || mode === dir.toLowerCase();
    const deniers = policies.filter((p) => p.namespace === namespace && deniesAll(p, dir));
    if (want && deniers.length === 0) policies.push(denyPolicy({ ...doc, policies }, namespace, dir));
    if (!want)
      for (const p of deniers) {
        const key = policyKey(p);
        const left = effectivePolicyTypes(p).filter((t) => t !== dir);
        policies =
          left.length === 0
            ? policies.filter((q) => policyKey(q) !== key)
            : policies.map((q) => (policyKey(q) === key ? { ...q, policyTypes: left } : q));
      }
  }
  return { ...doc, policies };
}
