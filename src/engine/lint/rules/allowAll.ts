// allow-all: a rule that admits every source (ingress) or destination (egress): a rule with neither peers nor
// ports (`- {}`), a peer `namespaceSelector: {}` without a podSelector (every pod of every namespace), or an
// ipBlock of the whole address space (0.0.0.0/0 or ::/0) without exceptions.
import { policyName } from '../../policy';
import { isEmptySelector } from '../../selector';
import type { NetworkPolicyPeer } from '../../types';
import { policySubject } from '../subjects';
import { isWholeAddressSpace } from '../targets';
import type { Finding, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

/** Why a peer admits everything of its kind, or undefined when it does not. */
function wideOpen(peer: NetworkPolicyPeer): string | undefined {
  if (peer.ipBlock) {
    if (!isWholeAddressSpace(peer.ipBlock)) return undefined;
    const family = peer.ipBlock.cidr.includes(':') ? 6 : 4;
    return `ipBlock ${peer.ipBlock.cidr} admits every IPv${family} address`;
  }
  if (peer.namespaceSelector && isEmptySelector(peer.namespaceSelector) && !peer.podSelector) {
    return '`namespaceSelector: {}` without a podSelector admits every pod of every namespace';
  }
  return undefined;
}

export const allowAll: LintRule = {
  id: 'allow-all',
  defaultSeverity: 'warning',
  title: 'Allows all traffic',
  explanation:
    'A rule that admits everything undoes the isolation its policy creates. An ingress rule `- {}` (no `from`, ' +
    'no `ports`) accepts every source on every port, an egress rule `- {}` lets the pods reach anything; a peer ' +
    '`namespaceSelector: {}` without a podSelector admits every pod of every namespace, and an ipBlock ' +
    '`0.0.0.0/0` (or `::/0`) every address. Name the peers and ports that are really needed instead; when ' +
    'allowing everything is the intent, say so in a comment or leave the pods unselected.',
  check(ctx) {
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      for (const rule of rulesOf(np)) {
        const dir = rule.direction === 'Ingress' ? 'from every source' : 'to every destination';
        const noPorts = (rule.ports ?? []).length === 0;
        const onPorts = noPorts ? 'on every port' : 'on the ports it lists';
        if ((rule.peers ?? []).length === 0) {
          if (!noPorts) continue;
          out.push({
            ruleId: 'allow-all',
            severity: 'warning',
            message:
              `\`${policyName(np)}\` ${rule.label} allows all ${rule.direction.toLowerCase()} traffic: it has ` +
              `no \`${rule.peersKey}\` and no \`ports\`, so it admits everything ${dir} on every port`,
            subject: policySubject(np, rule.path),
          });
          continue;
        }
        rule.peers!.forEach((peer, j) => {
          const why = wideOpen(peer);
          if (!why) return;
          out.push({
            ruleId: 'allow-all',
            severity: 'warning',
            message: `\`${policyName(np)}\` ${rule.label}, peer ${j + 1}: ${why} ${onPorts}`,
            subject: policySubject(np, peerPath(rule, j)),
          });
        });
      }
    }
    return out;
  },
};
