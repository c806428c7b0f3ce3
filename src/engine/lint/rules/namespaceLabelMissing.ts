// namespace-label-missing: a namespaceSelector that matches no namespace because it relies on a label the
// namespace does not carry, while a namespace named like the label's value exists. Suggests the automatic
// `kubernetes.io/metadata.name` label, which every namespace has.
import { NAMESPACE_NAME_LABEL } from '../../classes';
import { policyName } from '../../policy';
import { describeSelector } from '../describe';
import { suggestNamespaceName } from '../namespaceNames';
import { policySubject } from '../subjects';
import type { Finding, LintRule } from '../types';
import { peerPath, rulesOf } from '../walk';

export const namespaceLabelMissing: LintRule = {
  id: 'namespace-label-missing',
  defaultSeverity: 'warning',
  title: 'Namespace label missing',
  explanation:
    'A `namespaceSelector` such as `name: prod` matches only namespaces that carry that label; namespaces do ' +
    'not get a `name` label by themselves. When no namespace matches but a namespace called like the value ' +
    'exists, the author most likely meant that namespace. Since Kubernetes 1.22 every namespace carries ' +
    '`kubernetes.io/metadata.name: <its name>`, set by the API server and impossible to forget; the quick fix ' +
    'selects the namespace by that label. If the label is set on the real namespace but not in the input, ' +
    'add it to the Namespace manifest instead.',
  check(ctx) {
    const out: Finding[] = [];
    for (const np of ctx.policies.networkPolicies) {
      for (const rule of rulesOf(np)) {
        (rule.peers ?? []).forEach((peer, j) => {
          const s = suggestNamespaceName(ctx, peer);
          if (!s) return;
          const path = peerPath(rule, j);
          out.push({
            ruleId: 'namespace-label-missing',
            severity: 'warning',
            message:
              `\`${policyName(np)}\` ${rule.label}, peer ${j + 1}: namespaceSelector ` +
              `${describeSelector(peer.namespaceSelector!)} matches no namespace — namespace ${s.namespace} ` +
              `exists but has no label ${s.key}=${s.namespace}; select it with ` +
              `\`${NAMESPACE_NAME_LABEL}: ${s.namespace}\``,
            subject: policySubject(np, [...path, 'namespaceSelector']),
            fix: {
              title: `Select namespace ${s.namespace} by ${NAMESPACE_NAME_LABEL}`,
              type: 'replacePeer',
              policy: policyName(np),
              direction: rule.direction,
              ruleIndex: rule.index,
              peerIndex: j,
              path,
              peer: { ...peer, namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: s.namespace } } },
            },
          });
        });
      }
    }
    return out;
  },
};
