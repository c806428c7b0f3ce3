// Building finding subjects and quick-fix policies the same way in every rule.

import { hasPolicyType } from '../policy';
import { isEmptySelector } from '../selector';
import type { AdminNetworkPolicy, Direction, NetworkPolicy, PolicySet, Workload } from '../types';
import { isDnsOnlyRule } from './clusterDns';
import type { FindingPathSegment, FindingSubject } from './types';

export function policySubject(np: NetworkPolicy, path?: readonly FindingPathSegment[]): FindingSubject {
  return path === undefined
    ? { kind: 'policy', namespace: np.namespace, name: np.name }
    : { kind: 'policy', namespace: np.namespace, name: np.name, path };
}

export function clusterPolicySubject(
  p: AdminNetworkPolicy,
  path?: readonly FindingPathSegment[],
): FindingSubject {
  const base = { kind: 'clusterPolicy', tier: p.tier, namespace: '', name: p.name } as const;
  return path === undefined ? base : { ...base, path };
}

export function workloadSubject(w: Workload): FindingSubject {
  return { kind: 'workload', namespace: w.namespace, name: w.name, workloadKind: w.kind };
}

export function namespaceSubject(namespace: string): FindingSubject {
  return { kind: 'namespace', namespace, name: namespace };
}

/**
 * A policy selecting every pod of its namespace with this policy type and no rule for it (for egress: no rule
 * but DNS to kube-dns).
 */
export function isDefaultDeny(np: NetworkPolicy, direction: Direction): boolean {
  if (!isEmptySelector(np.podSelector) || !hasPolicyType(np, direction)) return false;
  // Denying all egress but DNS is the usual default deny for egress (and what its quick fix writes).
  return direction === 'Ingress' ? (np.ingress ?? []).length === 0 : (np.egress ?? []).every(isDnsOnlyRule);
}

const namesCache = new WeakMap<PolicySet, Map<string, Set<string>>>();

/** The names of the NetworkPolicies of each namespace, gathered once per policy set (fixes ask per finding). */
function namesIn(policies: PolicySet, namespace: string): ReadonlySet<string> {
  let byNs = namesCache.get(policies);
  if (!byNs) {
    byNs = new Map();
    for (const p of policies.networkPolicies) {
      const names = byNs.get(p.namespace);
      if (names) names.add(p.name);
      else byNs.set(p.namespace, new Set([p.name]));
    }
    namesCache.set(policies, byNs);
  }
  return byNs.get(namespace) ?? new Set();
}

/** `base`, or `base-2`, `base-3`, … : the first name no NetworkPolicy of the namespace uses. */
export function freePolicyName(policies: PolicySet, namespace: string, base: string): string {
  const taken = namesIn(policies, namespace);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}
