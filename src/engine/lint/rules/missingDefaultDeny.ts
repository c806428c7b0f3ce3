// missing-default-deny-ingress / missing-default-deny-egress: a namespace that runs workloads but has no
// policy denying by default, so any pod no policy selects stays open in that direction.
import { hasPolicyType, policyName } from '../../policy';
import type { Direction, NetworkPolicy, Workload } from '../../types';
import { clusterDns, dnsEgressRule } from '../clusterDns';
import { freePolicyName, isDefaultDeny, namespaceSubject } from '../subjects';
import { isSelectorPeer, peerWorkloads, selectedWorkloads, workloadsIn } from '../targets';
import type { Finding, LintContext, LintRule } from '../types';
import { rulesOf } from '../walk';

/**
 * Per namespace, the first policy (in the set's order) elsewhere that counts on pods of that namespace being
 * open in `direction`: a rule of the other direction whose peer admits a pod there that no policy isolates
 * for `direction` yet. A default deny would block what that rule allows (a blocked-by-other-side finding),
 * so it is not offered as a one-click fix. Worked out once for the namespaces asked about, in one pass over
 * the policies (asking per namespace scanned every policy and every workload each time).
 */
function reliedOnBy(
  ctx: LintContext,
  namespaces: readonly string[],
  direction: Direction,
): Map<string, NetworkPolicy> {
  const found = new Map<string, NetworkPolicy>();
  const isolated = new Set<Workload>();
  for (const np of ctx.policies.networkPolicies)
    if (hasPolicyType(np, direction)) for (const w of selectedWorkloads(ctx, np)) isolated.add(w);
  // The open workloads of the namespaces asked about, and how many of those namespaces have any.
  const open = new Set<Workload>();
  let waiting = 0;
  for (const ns of namespaces) {
    const before = open.size;
    for (const w of workloadsIn(ctx, ns)) if (!isolated.has(w)) open.add(w);
    if (open.size > before) waiting++;
  }
  const other: Direction = direction === 'Ingress' ? 'Egress' : 'Ingress';
  for (const np of ctx.policies.networkPolicies) {
    if (waiting === 0) break;
    if (!hasPolicyType(np, other) || selectedWorkloads(ctx, np).length === 0) continue;
    for (const rule of rulesOf(np)) {
      if (rule.direction !== other) continue;
      for (const peer of rule.peers ?? []) {
        if (!isSelectorPeer(peer)) continue;
        for (const w of peerWorkloads(ctx, np, peer)) {
          if (!open.has(w) || found.has(w.namespace)) continue;
          found.set(w.namespace, np);
          waiting--;
        }
      }
    }
  }
  return found;
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
      const covered = new Set(
        ctx.policies.networkPolicies.filter((np) => isDefaultDeny(np, direction)).map((np) => np.namespace),
      );
      const uncovered = withWorkloads.filter((ns) => !covered.has(ns));
      const relying = reliedOnBy(ctx, uncovered, direction);
      const out: Finding[] = [];
      for (const ns of uncovered) {
        const name = freePolicyName(ctx.policies, ns, `default-deny-${lower}`);
        const message =
          `namespace ${ns} has workloads but no default-deny ${lower} policy: pods that no policy selects ` +
          `for ${lower} accept all ${lower} traffic`;
        const relied = relying.get(ns);
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
