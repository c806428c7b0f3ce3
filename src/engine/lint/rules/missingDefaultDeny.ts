// missing-default-deny-ingress / missing-default-deny-egress: a namespace that runs workloads but has no
// policy denying by default, so any pod no policy selects stays open in that direction.
import { hasPolicyType, policyName, policySelects } from '../../policy';
import type { Direction, NetworkPolicy } from '../../types';
import { clusterDns, dnsEgressRule } from '../clusterDns';
import { freePolicyName, isDefaultDeny, namespaceSubject } from '../subjects';
import { isSelectorPeer, peerWorkloads, selectedWorkloads } from '../targets';
import type { Finding, LintContext, LintRule } from '../types';
import { rulesOf } from '../walk';

/**
 * A policy elsewhere that counts on pods of `ns` being open in `direction`: a rule of the other direction
 * whose peer admits a pod of `ns` that no policy isolates for `direction` yet. A default deny would block
 * what that rule allows (a blocked-by-other-side finding), so it is not offered as a one-click fix.
 */
function reliedOnBy(ctx: LintContext, ns: string, direction: Direction): NetworkPolicy | undefined {
  const isolated = (np: NetworkPolicy) => hasPolicyType(np, direction);
  const open = ctx.cluster.workloads.filter(
    (w) =>
      w.namespace === ns && !ctx.policies.networkPolicies.some((np) => isolated(np) && policySelects(np, w)),
  );
  if (open.length === 0) return undefined;
  const other: Direction = direction === 'Ingress' ? 'Egress' : 'Ingress';
  return ctx.policies.networkPolicies.find(
    (np) =>
      hasPolicyType(np, other) &&
      selectedWorkloads(ctx, np).length > 0 &&
      rulesOf(np).some(
        (rule) =>
          rule.direction === other &&
          (rule.peers ?? []).some(
            (peer) => isSelectorPeer(peer) && peerWorkloads(ctx, np, peer).some((w) => open.includes(w)),
          ),
      ),
  );
}

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
      `policyType ${direction} and no ${lower} rules${direction === 'Egress' ? ' (but DNS to kube-dns)' : ''}. Kubernetes allows all ${lower} traffic of a pod that no ` +
      `policy isolates, so every workload added later starts open. Adding the default-deny policy makes ` +
      `isolation the starting point and every allowed flow an explicit rule. The system namespaces ` +
      `(kube-system, kube-public, kube-node-lease) are left out. When a rule elsewhere counts on these pods ` +
      `being open (an ${direction === 'Ingress' ? 'egress rule sending to' : 'ingress rule accepting'} them), ` +
      `the finding names it and offers no quick fix: a default deny alone would block that traffic.` +
      (direction === 'Egress'
        ? ' The quick fix denies all egress except DNS to kube-dns (UDP and TCP 53), so no pod loses name ' +
          'resolution (see missing-dns-egress).'
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
        const message =
          `namespace ${ns} has workloads but no default-deny ${lower} policy: pods that no policy selects ` +
          `for ${lower} accept all ${lower} traffic`;
        const relied = reliedOnBy(ctx, ns, direction);
        if (relied) {
          out.push({
            ruleId: id,
            severity,
            message:
              `${message}; a default deny alone would block what ${policyName(relied)} allows ` +
              `${direction === 'Ingress' ? 'to' : 'from'} its pods, so allow that on the ${lower} side first`,
            subject: namespaceSubject(ns),
          });
          continue;
        }
        out.push({
          ruleId: id,
          severity,
          message,
          subject: namespaceSubject(ns),
          fix: {
            title: `Add NetworkPolicy ${ns}/${name} (deny all ${lower} in namespace ${ns}${direction === 'Egress' ? ', except DNS to kube-dns' : ''})`,
            type: 'addPolicy',
            policy:
              direction === 'Egress'
                ? {
                    namespace: ns,
                    name,
                    podSelector: {},
                    policyTypes: [direction],
                    egress: [dnsEgressRule(clusterDns(ctx).dns)],
                  }
                : { namespace: ns, name, podSelector: {}, policyTypes: [direction] },
          },
        });
      }
      return out;
    },
  };
}

export const missingDefaultDenyIngress = missingDefaultDeny('Ingress');
export const missingDefaultDenyEgress = missingDefaultDeny('Egress');
