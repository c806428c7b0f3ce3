// ipblock-covers-pods: an ipBlock whose range (minus its exceptions) holds known pod IPs. Pod IPs change with
// every restart, and CNIs disagree on whether ipBlocks match pods at all, so such a rule is fragile.
import { ipBlockRanges, parseIp, rangesContain } from '../../ipRanges';
import { policyName } from '../../policy';
import { describePeer, listNames, workloadName } from '../describe';
import { policySubject } from '../subjects';
import { isWholeAddressSpace } from '../targets';
import type { Finding, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

export const ipblockCoversPods: LintRule = {
  id: 'ipblock-covers-pods',
  defaultSeverity: 'warning',
  title: 'ipBlock covers pod IPs',
  explanation:
    'ipBlock peers are meant for addresses outside the cluster. When a block (minus its `except` ranges) holds ' +
    'the IP of a pod, the rule depends on pod addresses, which change whenever pods are rescheduled, and on ' +
    'the CNI: Calico matches pods by their IP inside an ipBlock, Cilium never does. Select pods with ' +
    '`podSelector` / `namespaceSelector` instead, and add `except` entries for the pod network when the block ' +
    'is meant for outside addresses. Only pods with known `status.podIPs` are checked.',
  check(ctx) {
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      for (const rule of rulesOf(np)) {
        (rule.peers ?? []).forEach((peer, j) => {
          // The whole address space is reported by allow-all; that it holds pods too is no news.
          if (!peer.ipBlock || isWholeAddressSpace(peer.ipBlock)) return;
          const ranges = ipBlockRanges(peer.ipBlock.cidr, peer.ipBlock.except);
          if (!ranges) return;
          const covered = ctx.cluster.workloads.filter((w) =>
            (w.podIPs ?? []).some((ip) => {
              const a = parseIp(ip);
              return a !== undefined && rangesContain(ranges, a.family, a.value);
            }),
          );
          if (covered.length === 0) return;
          out.push({
            ruleId: 'ipblock-covers-pods',
            severity: 'warning',
            message:
              `\`${policyName(np)}\` ${rule.label}, peer ${j + 1}: ${describePeer(peer, np.namespace)} covers ` +
              `the pod IPs of ${listNames(covered.map(workloadName).sort())}; pod IPs change, and CNIs differ ` +
              'on whether ipBlocks match pods — select pods by labels instead',
            subject: policySubject(np, [...peerPath(rule, j), 'ipBlock']),
          });
        });
      }
    }
    return out;
  },
};
