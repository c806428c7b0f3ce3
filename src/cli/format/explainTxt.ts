// The explain command's txt format: the verdict and the engine's one wording of it (explainWords.ts) on the
// first line, then, as lists, the source's egress side and the destination's ingress side: the policies that
// isolate it, the rules that allow the traffic, and the admin rule that decided where one did. Rules are
// numbered from 1, as people count them in YAML.
import { actionName, policyKindName } from '../../engine/explainWords';
import type { DirectionVerdict, RuleRef, Verdict } from '../../engine/types';

/**
 * `NetworkPolicy default/db-from-backend, ingress rule 1`, `AdminNetworkPolicy deny-x (priority 5), …` or, for a
 * v1alpha2 policy, `ClusterNetworkPolicy deny-x (Baseline tier, priority 5), egress rule 1 (Accept)`.
 */
export function formatRuleRef(ref: RuleRef): string {
  let text = `${policyKindName(ref)} ${ref.policy}`;
  if (ref.kind === 'ClusterNetworkPolicy') text += ` (${ref.tier} tier, priority ${ref.priority ?? 0})`;
  else if (ref.priority !== undefined && ref.tier === 'Admin') text += ` (priority ${ref.priority})`;
  if (ref.ruleIndex !== undefined) text += `, ${ref.direction.toLowerCase()} rule ${ref.ruleIndex + 1}`;
  if (ref.action !== undefined) text += ` (${actionName(ref.action, ref.kind)})`;
  return text;
}

function sideLines(title: string, side: DirectionVerdict): string[] {
  if (!side.inCluster) return [`${title}: allowed (outside the cluster, where no policy applies)`];
  const lines = [`${title}: ${side.allowed ? 'allowed' : 'denied'}`];
  if (side.decidedBy) lines.push(`  decided by: ${formatRuleRef(side.decidedBy)}`);
  if (side.isolatedBy.length === 0) lines.push('  not isolated');
  else {
    lines.push('  isolated by:');
    for (const r of side.isolatedBy) lines.push(`    - ${formatRuleRef(r)}`);
  }
  if (side.allowedBy.length > 0) {
    lines.push('  allowed by:');
    for (const r of side.allowedBy) lines.push(`    - ${formatRuleRef(r)}`);
  }
  return lines;
}

export function formatExplainTxt(v: Verdict): string {
  const lines = [
    `${v.allowed ? 'ALLOWED' : 'DENIED'}: ${v.summary}`,
    '',
    ...sideLines('egress of the source', v.egress),
    ...sideLines('ingress of the destination', v.ingress),
  ];
  return `${lines.join('\n')}\n`;
}
