// When a rule's intent counts as blocked by the other side — the one judgement behind the lint rule
// `blocked-by-other-side` (netpol lint and the designer's Lint tab) and the simulator's red edges. A rule is
// blocked when one of its port entries gets none of its traffic through (that entry is dead: the other side
// forgot it, or names other ports); a rule without ports when nothing at all gets through. A rule opening
// every port towards a destination that accepts only some of them is the ordinary case, not a mistake.
import { allConnections, intersect, isEmpty, noConnections, union } from './connectionSet';
import { portEntryConnections } from './policy';
import type { ConnectionSet, NetworkPolicyPort, Workload } from './types';

export interface BlockedPart {
  /** Everything the rule's ports open towards the destination. */
  readonly intent: ConnectionSet;
  /** The part of it that counts as blocked: the port entries none of whose traffic is allowed. */
  readonly blocked: ConnectionSet;
}

/**
 * The blocked part of a rule's intent towards `dst`, given what the analysis `allowed` between the two ends;
 * undefined when nothing counts as blocked (named ports that resolve to nothing are another rule's finding).
 */
export function blockedPart(
  ports: readonly NetworkPolicyPort[] | undefined,
  dst: Pick<Workload, 'ports'> | undefined,
  allowed: ConnectionSet,
): BlockedPart | undefined {
  const entries =
    !ports || ports.length === 0 ? [allConnections()] : ports.map((p) => portEntryConnections(p, dst));
  let intent = noConnections();
  let blocked = noConnections();
  for (const e of entries) {
    intent = union(intent, e);
    if (!isEmpty(e) && isEmpty(intersect(e, allowed))) blocked = union(blocked, e);
  }
  return isEmpty(blocked) ? undefined : { intent, blocked };
}
