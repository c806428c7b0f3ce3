// missing-default-deny-ingress / missing-default-deny-egress: a namespace that runs workloads but has no
// policy denying by default, so any pod no policy selects stays open in that direction.
import type { Direction } from '../../types';
import { freePolicyName, isDefaultDeny, namespaceSubject } from '../subjects';
import type { Finding, LintRule } from '../types';

// The platform's own namespaces: policies there are the cluster operator's business, and a default deny in
// kube-system breaks the cluster (DNS, CNI agents) more often than it protects it.
const SYSTEM_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

function missingDefaultDeny(direction: Direction): LintRule {
  const lower = direction.toLowerCase();
  const id = direction === 'Ingress' ? 'missing-default-deny-ingress' : 'missing-default-deny-egress';
  const severity = direction === 'Ingress' ? 'warning' : 'info';
  return {
    id,
    defaultSeverity: severity,
    title: `No default-deny ${lower}`,
    explanation:
      `A namespace with workloads has no default-deny ${lower} policy: a NetworkPolicy with \`podSelector: {}\`, ` +
      `policyType ${direction} and no ${lower} rules. Kubernetes allows all ${lower} traffic of a pod that no ` +
      `policy isolates, so every workload added later starts open. Adding the default-deny policy makes ` +
      `isolation the starting point and every allowed flow an explicit rule. The system namespaces ` +
      `(kube-system, kube-public, kube-node-lease) are left out.` +
      (direction === 'Egress'
        ? ' Remember to allow DNS to kube-dns afterwards (see missing-dns-egress).'
        : ''),
    check(ctx) {
      const withWorkloads = [...new Set(ctx.cluster.workloads.map((w) => w.namespace))]
        .filter((ns) => !SYSTEM_NAMESPACES.has(ns))
        .sort();
      const out: Finding[] = [];
      for (const ns of withWorkloads) {
        const covered = ctx.policies.networkPolicies.some(
          (np) => np.namespace === ns && isDefaultDeny(np, direction),
        );
        if (covered) continue;
        const name = freePolicyName(ctx.policies, ns, `default-deny-${lower}`);
        out.push({
          ruleId: id,
          severity,
          message:
            `namespace ${ns} has workloads but no default-deny ${lower} policy: pods that no policy selects ` +
            `for ${lower} accept all ${lower} traffic`,
          subject: namespaceSubject(ns),
          fix: {
            title: `Add NetworkPolicy ${ns}/${name} (deny all ${lower} in namespace ${ns})`,
            type: 'addPolicy',
            policy: { namespace: ns, name, podSelector: {}, policyTypes: [direction] },
          },
        });
      }
      return out;
    },
  };
}

export const missingDefaultDenyIngress = missingDefaultDeny('Ingress');
export const missingDefaultDenyEgress = missingDefaultDeny('Egress');
