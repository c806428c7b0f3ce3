// missing-dns-egress: a workload whose egress does not allow DNS (UDP and TCP 53) to kube-dns. Decided by the
// engine's own evaluation (`explain`) towards a kube-dns pod of the input, or, when the input has none, towards
// a stand-in `kube-system/coredns` with the labels and ports CoreDNS is deployed with.
import { hasPolicyType } from '../../policy';
import { matchesSelector } from '../../selector';
import type { LabelSelector, NetworkPolicy, Verdict, Workload } from '../../types';
import { clusterDns, dnsEgressRule, isDnsPod } from '../clusterDns';
import { describeSelector, workloadName } from '../describe';
import { decisionKey, podVerdict, selectingPolicies } from '../podVerdict';
import { freePolicyName, workloadSubject } from '../subjects';
import type { Finding, Fix, LintContext, LintRule } from '../types';

export { SYNTHETIC_DNS } from '../clusterDns';

function egressIsolated(ctx: LintContext, w: Workload): boolean {
  const all = ctx.policies.networkPolicies;
  return selectingPolicies(ctx.policies, w).some((i) => hasPolicyType(all[i], 'Egress'));
}

/**
 * An egress policy allowing DNS for the pods of `w`'s namespace: all of them when every workload there is
 * already isolated for egress, else those with `w`'s labels. No fix when the new policy would isolate a
 * workload that is open today (a fix must not take traffic away).
 */
function dnsFix(ctx: LintContext, w: Workload, dns: Workload, sameNs: readonly Workload[]): Fix | undefined {
  let podSelector: LabelSelector = {};
  let base = 'allow-dns-egress';
  if (!sameNs.every((x) => egressIsolated(ctx, x))) {
    podSelector = { matchLabels: { ...w.labels } };
    if (sameNs.some((x) => matchesSelector(podSelector, x.labels) && !egressIsolated(ctx, x)))
      return undefined;
    base = `${w.name}-allow-dns-egress`;
  }
  const name = freePolicyName(ctx.policies, w.namespace, base);
  const policy: NetworkPolicy = {
    namespace: w.namespace,
    name,
    podSelector,
    policyTypes: ['Egress'],
    egress: [dnsEgressRule(dns)],
  };
  const who =
    Object.keys(podSelector.matchLabels ?? {}).length === 0
      ? `every pod of namespace ${w.namespace}`
      : `pods ${describeSelector(podSelector)}`;
  return {
    title: `Add NetworkPolicy ${w.namespace}/${name} (DNS to kube-dns for ${who})`,
    type: 'addPolicy',
    policy,
  };
}

export const missingDnsEgress: LintRule = {
  id: 'missing-dns-egress',
  defaultSeverity: 'warning',
  title: 'No DNS egress',
  explanation:
    'Once a pod is isolated for egress, every destination must be allowed explicitly, DNS included. Without ' +
    'egress to the cluster DNS (pods `k8s-app=kube-dns` in `kube-system`, on UDP 53 and TCP 53) the pod ' +
    'cannot resolve service names and most applications fail in ways that do not look like a network policy ' +
    'problem. TCP 53 is needed for large answers; when only TCP 53 is missing the finding is an info. The ' +
    'check asks the engine whether the egress side allows the connection (to a kube-dns pod of the input, or to a stand-in kube-system/coredns when there is none); ' +
    'the quick fix adds an egress policy for DNS.',
  check(ctx) {
    const { dns, standIn: isStandIn } = clusterDns(ctx);
    const standIn = isStandIn ? ` (no kube-dns pod in the input: checked against ${workloadName(dns)})` : '';
    const cache = new Map<string, { udp: Verdict; tcp: Verdict }>();
    const hasAdmin = (ctx.policies.adminPolicies ?? []).length > 0;
    const out: Finding[] = [];
    const byNamespace = new Map<string, Workload[]>();
    for (const w of ctx.cluster.workloads) {
      const list = byNamespace.get(w.namespace);
      if (list) list.push(w);
      else byNamespace.set(w.namespace, [w]);
    }
    for (const w of ctx.cluster.workloads) {
      if (isDnsPod(w)) continue;
      // Not isolated and no admin tier: egress is allowed by definition, no need to ask.
      if (!hasAdmin && !egressIsolated(ctx, w)) continue;
      // The egress side depends only on which policies select the pod (the peer, kube-dns, is fixed).
      const key = decisionKey(ctx, w);
      let verdicts = cache.get(key);
      if (!verdicts) {
        verdicts = { udp: podVerdict(ctx, w, dns, 'UDP', 53), tcp: podVerdict(ctx, w, dns, 'TCP', 53) };
        cache.set(key, verdicts);
      }
      const { udp, tcp } = verdicts;
      if (udp.egress.allowed && tcp.egress.allowed) continue;
      const missing =
        !udp.egress.allowed && !tcp.egress.allowed
          ? 'UDP 53 and TCP 53'
          : !udp.egress.allowed
            ? 'UDP 53'
            : 'TCP 53';
      const first = udp.egress.allowed ? tcp : udp;
      const fixable = first.egress.isolatedBy.length > 0 && first.egress.decidedBy?.action !== 'Deny';
      const fix = fixable ? dnsFix(ctx, w, dns, byNamespace.get(w.namespace) ?? []) : undefined;
      out.push({
        ruleId: 'missing-dns-egress',
        severity: udp.egress.allowed ? 'info' : 'warning',
        message:
          `\`${workloadName(w)}\` may not reach DNS: egress to kube-dns (${workloadName(dns)}) on ${missing} is ` +
          `denied — ${first.egress.reason}${standIn}`,
        subject: workloadSubject(w),
        ...(fix ? { fix } : {}),
      });
    }
    return out;
  },
};
