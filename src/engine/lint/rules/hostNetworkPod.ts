// host-network-pod: a NetworkPolicy that selects a pod with `spec.hostNetwork: true`. Kubernetes leaves this
// open: "NetworkPolicy behaviour for `hostNetwork` pods is undefined" (docs, NetworkPolicy and hostNetwork
// pods), and "the most common implementation" ignores such pods in podSelector and namespaceSelector and
// treats their traffic as the node's. The analysis reads the policy as written, which a cluster need not do.
import { policyName } from '../../policy';
import { listNames, workloadName } from '../describe';
import { policySubject } from '../subjects';
import { selectedWorkloads } from '../targets';
import type { Finding, LintRule } from '../types';

export const hostNetworkPod: LintRule = {
  id: 'host-network-pod',
  defaultSeverity: 'info',
  title: 'Policy selects a host-network pod',
  explanation:
    'A NetworkPolicy selects a pod with `hostNetwork: true`. Kubernetes says "NetworkPolicy behaviour for ' +
    '`hostNetwork` pods is undefined": a network plugin may apply the policy to it, or (the most common ' +
    "implementation) ignore it in podSelector and namespaceSelector and treat its traffic as its node's. The " +
    'analysis reads the policy as written, which a cluster need not do. Cluster-wide policies leave such pods ' +
    'out of their subjects and namespaces/pods peers, as their API says.',
  check(ctx) {
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      const host = selectedWorkloads(ctx, np).filter((w) => w.hostNetwork === true);
      if (host.length === 0) continue;
      out.push({
        ruleId: 'host-network-pod',
        severity: 'info',
        message:
          `\`${policyName(np)}\` selects ${listNames(host.map(workloadName).sort())}, which ` +
          `${host.length === 1 ? 'uses' : 'use'} the host ` +
          'network: NetworkPolicy behaviour for hostNetwork pods is undefined, and most network plugins do not ' +
          'apply it to them (the analysis reads it as written)',
        subject: policySubject(np, ['spec', 'podSelector']),
      });
    }
    return out;
  },
};
