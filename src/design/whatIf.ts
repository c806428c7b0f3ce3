// The what-if of workshop mode: policies switched off for the simulation without being deleted, and the
// document the simulator actually evaluates once the switches and the cluster's network plugin are applied.
// A NetworkPolicy is keyed `namespace/name`; an admin policy `admin:<name>` or `baseline:<name>` (Kubernetes
// names never contain ':' or '/', so the keys cannot collide).
import type { AdminNetworkPolicy } from '../engine/types';
import { cniModel } from './cni';
import { policyKey } from './model';
import type { DesignDoc, DesignPolicy } from './types';

export function switchKey(p: DesignPolicy | AdminNetworkPolicy): string {
  if ('tier' in p) return `${p.tier === 'Admin' ? 'admin' : 'baseline'}:${p.name}`;
  return policyKey(p);
}

/** The keys switched off in the document, plus `extra` (e.g. a simulation option), without repeats. */
export function disabledKeys(doc: DesignDoc, extra: readonly string[] = []): ReadonlySet<string> {
  return new Set([...(doc.whatIf?.disabledPolicies ?? []), ...extra]);
}

export function isEnabled(doc: DesignDoc, key: string): boolean {
  return !(doc.whatIf?.disabledPolicies ?? []).includes(key);
}

/**
 * The document as the simulator sees it: without the switched-off policies, and without any policy at all
 * when the network plugin does not enforce NetworkPolicy. Returns `doc` itself when nothing changes, so
 * callers can tell by identity. Layout, settings and the what-if list are kept (they do not change verdicts).
 */
export function simulatedDoc(doc: DesignDoc, extraDisabled: readonly string[] = []): DesignDoc {
  if (!cniModel(doc.settings?.cni).enforces) {
    if (doc.policies.length === 0 && doc.adminPolicies.length === 0) return doc;
    return { ...doc, policies: [], adminPolicies: [] };
  }
  const off = disabledKeys(doc, extraDisabled);
  if (off.size === 0) return doc;
  const policies = doc.policies.filter((p) => !off.has(switchKey(p)));
  const adminPolicies = doc.adminPolicies.filter((p) => !off.has(switchKey(p)));
  if (policies.length === doc.policies.length && adminPolicies.length === doc.adminPolicies.length)
    return doc;
  return { ...doc, policies, adminPolicies };
}
