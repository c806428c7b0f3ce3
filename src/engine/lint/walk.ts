// Walking the rules and peers of a NetworkPolicy with the YAML paths a finding points at, so every rule
// names places the same way (`spec.ingress[0].from[1]`, messages say "ingress rule 1, peer 2").
import type { Direction, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort } from '../types';
import type { FindingPathSegment } from './types';

export interface RuleView {
  readonly direction: Direction;
  /** 0-based index into `spec.ingress` / `spec.egress`. */
  readonly index: number;
  /** `from` (ingress) or `to` (egress); undefined or empty admits every peer. */
  readonly peers: readonly NetworkPolicyPeer[] | undefined;
  readonly ports: readonly NetworkPolicyPort[] | undefined;
  /** `['spec', 'ingress', 0]`. */
  readonly path: readonly FindingPathSegment[];
  /** `'from'` or `'to'`. */
  readonly peersKey: 'from' | 'to';
  /** "ingress rule 1". */
  readonly label: string;
}

export function rulesOf(np: NetworkPolicy): RuleView[] {
  const out: RuleView[] = [];
  (np.ingress ?? []).forEach((r, index) => {
    out.push({
      direction: 'Ingress',
      index,
      peers: r.from,
      ports: r.ports,
      path: ['spec', 'ingress', index],
      peersKey: 'from',
      label: `ingress rule ${index + 1}`,
    });
  });
  (np.egress ?? []).forEach((r, index) => {
    out.push({
      direction: 'Egress',
      index,
      peers: r.to,
      ports: r.ports,
      path: ['spec', 'egress', index],
      peersKey: 'to',
      label: `egress rule ${index + 1}`,
    });
  });
  return out;
}

/** The path of peer `j` of a rule: `['spec', 'ingress', 0, 'from', j]`. */
export function peerPath(rule: RuleView, j: number): FindingPathSegment[] {
  return [...rule.path, rule.peersKey, j];
}

/** The path of port entry `k` of a rule. */
export function portPath(rule: RuleView, k: number): FindingPathSegment[] {
  return [...rule.path, 'ports', k];
}
