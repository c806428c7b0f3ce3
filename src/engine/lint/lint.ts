// Running the lint: every registered rule (or the chosen ones) over one cluster and policy set, findings in
// the one deterministic order. Inputs are put in a canonical order first, so findings (and the examples their
// messages quote) never depend on the order of files or documents.
import type { Cluster, PolicySet } from '../types';
import { lintContext } from './context';
import { sortFindings } from './order';
import { LINT_RULES } from './registry';
import type { Finding, LintOptions } from './types';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function canonicalCluster(cluster: Cluster): Cluster {
  return {
    ...cluster,
    namespaces: [...cluster.namespaces].sort((a, b) => byText(a.name, b.name)),
    workloads: [...cluster.workloads].sort(
      (a, b) => byText(a.namespace, b.namespace) || byText(a.name, b.name) || byText(a.kind, b.kind),
    ),
  };
}

function canonicalPolicies(policies: PolicySet): PolicySet {
  return {
    ...policies,
    networkPolicies: [...policies.networkPolicies].sort(
      (a, b) => byText(a.namespace, b.namespace) || byText(a.name, b.name),
    ),
    ...(policies.adminPolicies
      ? {
          adminPolicies: [...policies.adminPolicies].sort(
            (a, b) => byText(a.tier, b.tier) || a.priority - b.priority || byText(a.name, b.name),
          ),
        }
      : {}),
  };
}

export function lint(cluster: Cluster, policies: PolicySet, options: LintOptions = {}): Finding[] {
  const ctx = lintContext(canonicalCluster(cluster), canonicalPolicies(policies), options);
  const chosen = options.rules ? LINT_RULES.filter((r) => options.rules!.includes(r.id)) : LINT_RULES;
  return sortFindings(chosen.flatMap((rule) => rule.check(ctx)));
}

/** Counts per severity, e.g. for a summary line or a badge. */
export function countFindings(findings: readonly Finding[]): {
  error: number;
  warning: number;
  info: number;
} {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
