// policy-selects-nothing: a NetworkPolicy whose podSelector matches no workload of its namespace, so it
// isolates nothing and allows nothing — usually a label typo or a policy in the wrong namespace.
import { policyName } from '../../policy';
import { describeSelector } from '../describe';
import { policySubject } from '../subjects';
import { selectedWorkloads } from '../targets';
import type { Finding, LintRule } from '../types';

export const policySelectsNothing: LintRule = {
  id: 'policy-selects-nothing',
  defaultSeverity: 'warning',
  title: 'Policy selects no workload',
  explanation:
    'A NetworkPolicy applies only to the pods of its own namespace that match its `podSelector`. When no ' +
    'workload there matches, the policy has no effect at all: it neither isolates nor allows anything. This is ' +
    'usually a label that differs from the workload template (`app: web` against `app: frontend`) or a ' +
    'policy created in the wrong namespace. The check needs the workloads in the input; with no workload at ' +
    'all it stays silent.',
  check(ctx) {
    if (ctx.cluster.workloads.length === 0) return [];
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      if (selectedWorkloads(ctx, np).length > 0) continue;
      const inNs = ctx.cluster.workloads.some((w) => w.namespace === np.namespace);
      out.push({
        ruleId: 'policy-selects-nothing',
        severity: 'warning',
        message:
          `\`${policyName(np)}\` selects no workload: ` +
          (inNs
            ? `no pod of namespace ${np.namespace} has labels matching podSelector ${describeSelector(np.podSelector)}`
            : `namespace ${np.namespace} has no workloads`),
        subject: policySubject(np, ['spec', 'podSelector']),
      });
    }
    return out;
  },
};
