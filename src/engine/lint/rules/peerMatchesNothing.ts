// peer-matches-nothing: a podSelector / namespaceSelector peer that admits no workload of the input, so the
// rule it belongs to allows nothing through it. ipBlock peers are about addresses and are not judged here.
import { peerMatchesWorkload, policyName } from '../../policy';
import { matchesSelector } from '../../selector';
import { clusterDns } from '../clusterDns';
import { describePeer, describeSelector } from '../describe';
import { suggestNamespaceName } from '../namespaceNames';
import { policySubject } from '../subjects';
import { isSelectorPeer, peerWorkloads } from '../targets';
import type { Finding, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

export const peerMatchesNothing: LintRule = {
  id: 'peer-matches-nothing',
  defaultSeverity: 'warning',
  title: 'Peer matches nothing',
  explanation:
    'A peer with a `podSelector` and/or `namespaceSelector` admits only the pods it matches. When no workload ' +
    'of the input matches it, that part of the rule allows nothing: the traffic its author meant to allow ' +
    'stays denied. Typical causes are a label typo, a podSelector without a namespaceSelector (which looks ' +
    "only in the policy's own namespace) for pods that live elsewhere, or a namespaceSelector on a label the " +
    'namespace does not carry (see namespace-label-missing, reported instead when it applies). ipBlock peers ' +
    'are not judged, nor is a peer selecting the cluster DNS (k8s-app=kube-dns in kube-system) when the input ' +
    'holds no DNS pod: every cluster runs one. The check needs the workloads in the input; with no workload at all it stays silent.',
  check(ctx) {
    if (ctx.cluster.workloads.length === 0) return [];
    const { dns, standIn } = clusterDns(ctx);
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      for (const rule of rulesOf(np)) {
        (rule.peers ?? []).forEach((peer, j) => {
          if (!isSelectorPeer(peer) || peerWorkloads(ctx, np, peer).length > 0) return;
          // The cluster DNS is in every cluster, if not in the input (the DNS quick fixes point at it).
          if (standIn && peerMatchesWorkload(peer, np.namespace, dns, ctx.nsLabels)) return;
          if (suggestNamespaceName(ctx, peer)) return;
          const nsSel = peer.namespaceSelector;
          const why =
            nsSel && !ctx.namespaceNames.some((ns) => matchesSelector(nsSel, ctx.nsLabels(ns)))
              ? `no namespace has labels matching namespaceSelector ${describeSelector(nsSel)}`
              : `no workload is among the ${describePeer(peer, np.namespace)}`;
          out.push({
            ruleId: 'peer-matches-nothing',
            severity: 'warning',
            message: `\`${policyName(np)}\` ${rule.label}, peer ${j + 1} matches nothing: ${why}`,
            subject: policySubject(np, peerPath(rule, j)),
          });
        });
      }
    }
    return out;
  },
};
