// Every lint rule, in the order the docs list them. Ids are stable: the CLI prints them, the UI keys markers
// and badges by them.
import { allowAll } from './rules/allowAll';
import { blockedByOtherSide } from './rules/blockedByOtherSide';
import { domainNamesUndecidable } from './rules/domainNamesUndecidable';
import { equalPriorityOverlap } from './rules/equalPriorityOverlap';
import { hostNetworkPod } from './rules/hostNetworkPod';
import { ipblockCoversPods } from './rules/ipblockCoversPods';
import { missingDefaultDenyEgress, missingDefaultDenyIngress } from './rules/missingDefaultDeny';
import { missingDnsEgress } from './rules/missingDnsEgress';
import { namespaceLabelMissing } from './rules/namespaceLabelMissing';
import { networksMatchPods } from './rules/networksMatchPods';
import { peerMatchesNothing } from './rules/peerMatchesNothing';
import { policySelectsNothing } from './rules/policySelectsNothing';
import { unknownNamedPort } from './rules/unknownNamedPort';
import type { LintRule, RuleId } from './types';

export const LINT_RULES: readonly LintRule[] = [
  missingDefaultDenyIngress,
  missingDefaultDenyEgress,
  allowAll,
  missingDnsEgress,
  policySelectsNothing,
  peerMatchesNothing,
  unknownNamedPort,
  ipblockCoversPods,
  blockedByOtherSide,
  namespaceLabelMissing,
  networksMatchPods,
  domainNamesUndecidable,
  equalPriorityOverlap,
  hostNetworkPod,
];

export function lintRule(id: RuleId): LintRule | undefined {
  return LINT_RULES.find((r) => r.id === id);
}

export function isRuleId(text: string): text is RuleId {
  return LINT_RULES.some((r) => r.id === text);
}
