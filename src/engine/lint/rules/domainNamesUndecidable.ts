// domain-names-undecidable: a `domainNames` peer of a cluster-wide policy's Accept rule. It matches the
// addresses its names resolve to when a pod looks them up, which no manifest holds, so the analysis reads it as
// matching no traffic and cannot say which outside addresses it lets through. The words are explain's
// (`domainNamesWords`), and which rules count is `acceptedDomainNames`: one rule for lint and explain.
import { acceptedDomainNames, domainNamesWords } from '../../adminPolicy';
import { clusterPolicySubject } from '../subjects';
import type { Finding, LintRule } from '../types';

export const domainNamesUndecidable: LintRule = {
  id: 'domain-names-undecidable',
  defaultSeverity: 'warning',
  title: 'domainNames peer cannot be resolved',
  explanation:
    'A `domainNames` peer (ClusterNetworkPolicy v1alpha2, experimental) matches the addresses its names ' +
    'resolve to when a pod looks them up, and "DomainNames is only supported for Accept rules". No manifest ' +
    'holds those addresses, so the analysis reads the peer as matching no traffic: traffic from the subject to ' +
    'an address outside the cluster that the rule reaches may be allowed in a real cluster although netpol ' +
    'reports it denied, and `explain` says so for the address asked about. Pods are not counted: names of pods ' +
    'or headless Services resolve to pod IPs, but the API proposal recommends other selectors for in-cluster ' +
    'endpoints. To check such traffic, add the addresses as a `networks` peer beside the names.',
  check(ctx) {
    const out: Finding[] = [];
    for (const p of ctx.policies.adminPolicies ?? []) {
      p.egress.forEach((rule, i) => {
        if (acceptedDomainNames(rule).length === 0) return;
        rule.peers.forEach((peer, j) => {
          if (!peer.domainNames) return;
          out.push({
            ruleId: 'domain-names-undecidable',
            severity: 'warning',
            message: `\`${p.name}\` (${p.tier} tier) egress rule ${i + 1}, peer ${j + 1} ${domainNamesWords(peer.domainNames)}`,
            subject: clusterPolicySubject(p, ['spec', 'egress', i, 'to', j, 'domainNames']),
          });
        });
      });
    }
    return out;
  },
};
