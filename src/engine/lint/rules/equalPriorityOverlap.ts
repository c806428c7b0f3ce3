// equal-priority-overlap: two cluster-wide policies of one tier with the same priority that select a common pod
// and both have rules for the same direction. The API leaves their order undefined: "If two (or more) policies
// in the same tier with the same priority could match a connection, then the implementation can apply any of
// the matching policies to the connection, and there is no way for the user to reliably determine which one it
// will choose." (ClusterNetworkPolicySpec.priority, v1alpha2; the same for AdminNetworkPolicy in v1alpha1.)
// The engine orders such policies by name so its answer is stable, but a cluster need not.
import { adminSubjectSelects } from '../../adminPolicy';
import type { AdminNetworkPolicy } from '../../types';
import { listNames, workloadName } from '../describe';
import { clusterPolicySubject } from '../subjects';
import type { Finding, LintRule } from '../types';

const directions = (p: AdminNetworkPolicy) =>
  [p.ingress.length > 0 ? 'ingress' : '', p.egress.length > 0 ? 'egress' : ''].filter((d) => d !== '');

export const equalPriorityOverlap: LintRule = {
  id: 'equal-priority-overlap',
  defaultSeverity: 'warning',
  title: 'Equal priorities overlap',
  explanation:
    'Two AdminNetworkPolicies, or two ClusterNetworkPolicies of the same tier, with the same priority that ' +
    'select a common pod and both have rules for the same direction. The API leaves their order undefined: ' +
    '"the implementation can apply any of the matching policies to the connection, and there is no way for the ' +
    'user to reliably determine which one it will choose". The analysis evaluates them in name order, which a ' +
    'cluster need not do. Give the policies different priorities.',
  check(ctx) {
    const out: Finding[] = [];
    const groups = new Map<string, AdminNetworkPolicy[]>();
    for (const p of ctx.policies.adminPolicies ?? []) {
      const key = `${p.tier}|${p.priority}`;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const selected = group.map(
        (p) => new Set(ctx.cluster.workloads.filter((w) => adminSubjectSelects(p, w, ctx.nsLabels))),
      );
      group.forEach((b, j) => {
        group.slice(0, j).forEach((a, i) => {
          const shared = directions(a).filter((d) => directions(b).includes(d));
          const both = [...selected[i]].filter((w) => selected[j].has(w));
          if (shared.length === 0 || both.length === 0) return;
          out.push({
            ruleId: 'equal-priority-overlap',
            severity: 'warning',
            message:
              `\`${a.name}\` and \`${b.name}\` (${b.tier} tier) both have priority ${b.priority}, select ` +
              `${listNames(both.map(workloadName).sort())} and have ${shared.join(' and ')} rules: which one ` +
              'applies first is undefined in the API (the analysis takes name order); give them different priorities',
            subject: clusterPolicySubject(b, ['spec', 'priority']),
          });
        });
      });
    }
    return out;
  },
};
