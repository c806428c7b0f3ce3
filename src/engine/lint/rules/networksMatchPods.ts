// networks-match-pods: a `networks` peer of a cluster-wide policy whose match against pods cannot be told. The
// API says such a CIDR matches pods too ("if you Accept or Deny traffic to "0.0.0.0/0", that will allow or
// deny all IPv4 pod-to-pod traffic as well"), but a pod without a known address can only be placed by the
// cluster's pod CIDR: a networks CIDR over part of it is undecidable (warning), and with no pod CIDR at all the
// analysis cannot apply the peer to pods (info). The engine reads both as no match.
import { adminNetworkRanges, networksMatchWorkload } from '../../adminPolicy';
import { listNames, workloadName } from '../describe';
import { clusterPolicySubject } from '../subjects';
import type { Finding, LintRule } from '../types';

export const networksMatchPods: LintRule = {
  id: 'networks-match-pods',
  defaultSeverity: 'warning',
  title: 'networks peer may match pods',
  explanation:
    'A `networks` peer of an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy matches ' +
    'pods as well as outside addresses: the API says that denying `0.0.0.0/0` denies all IPv4 pod-to-pod ' +
    'traffic too, whatever the CNI (unlike a NetworkPolicy ipBlock). Pods with a known `status.podIPs` are ' +
    'matched by it; the others are placed by the cluster pod CIDR (`--pod-cidr`, or the pod CIDR field of ' +
    'the cluster-wide policies in the designer). A CIDR that covers only part of the pod CIDR is reported as ' +
    'a warning: whether it matches a given pod cannot be decided, and the analysis reads it as no match. ' +
    'Without a pod CIDR an info says that in a real cluster the peer also matches pods the analysis could ' +
    "not place. A host-network pod has its node's address, which no pod CIDR holds: without a known one (a Pod " +
    'with its `spec.nodeName` and that Node) an info says so too. Pass the pod traffic before the rule, or ' +
    'narrow the CIDR to outside addresses.',
  check(ctx) {
    const out: Finding[] = [];
    const podCIDRs = ctx.options.podCIDRs ?? [];
    for (const p of ctx.policies.adminPolicies ?? []) {
      p.egress.forEach((rule, i) => {
        rule.peers.forEach((peer, j) => {
          if (!peer.networks) return;
          const ranges = adminNetworkRanges(peer);
          const byMatch = { undecidable: [] as string[], unknown: [] as string[], host: [] as string[] };
          for (const w of ctx.cluster.workloads) {
            const m = networksMatchWorkload(ranges, w, ctx.options);
            if (m === 'unknown' && w.hostNetwork) byMatch.host.push(workloadName(w));
            else if (m === 'undecidable' || m === 'unknown') byMatch[m].push(workloadName(w));
          }
          const where = `\`${p.name}\` (${p.tier} tier) egress rule ${i + 1}, peer ${j + 1}: networks ${peer.networks.join(', ')}`;
          const subject = clusterPolicySubject(p, ['spec', 'egress', i, 'to', j, 'networks']);
          if (byMatch.undecidable.length > 0)
            out.push({
              ruleId: 'networks-match-pods',
              severity: 'warning',
              message:
                `${where} cover only part of the pod CIDR ${podCIDRs.join(', ')}, so whether they match ` +
                `${listNames(byMatch.undecidable.sort())} (no known pod IP) cannot be decided; read as no match`,
              subject,
            });
          if (byMatch.host.length > 0)
            out.push({
              ruleId: 'networks-match-pods',
              severity: 'info',
              message:
                `${where} match pods by their address, but ${listNames(byMatch.host.sort())} ` +
                `${byMatch.host.length === 1 ? 'uses' : 'use'} the host network with no known node address, so the analysis does not apply it to them`,
              subject,
            });
          if (byMatch.undecidable.length === 0 && byMatch.unknown.length > 0)
            out.push({
              ruleId: 'networks-match-pods',
              severity: 'info',
              message:
                `${where} also match pods in a real cluster, but ${listNames(byMatch.unknown.sort())} ` +
                'have no known pod IP and no pod CIDR is set (--pod-cidr), so the analysis does not apply it to them',
              subject,
            });
        });
      });
    }
    return out;
  },
};
