// The lint's vocabulary: findings about a (cluster, policy set), the rules that produce them, and the quick
// fixes they offer. Subjects are named by Kubernetes identity plus a YAML-like path inside a policy; turning
// those into file positions is the manifest layer's job (the engine never sees YAML).

import type { ClassConnectivity } from '../analyze';
import type { NamespaceLabels } from '../policy';
import type {
  AnalysisOptions,
  Cluster,
  Direction,
  NetworkPolicy,
  NetworkPolicyPeer,
  PolicySet,
  Workload,
} from '../types';

export type FindingSeverity = 'error' | 'warning' | 'info';

/** Every rule id, as printed in `[rule-id]` by the CLI and shown as Monaco marker codes and canvas badges. */
export type RuleId =
  | 'missing-default-deny-ingress'
  | 'missing-default-deny-egress'
  | 'allow-all'
  | 'missing-dns-egress'
  | 'policy-selects-nothing'
  | 'peer-matches-nothing'
  | 'unknown-named-port'
  | 'ipblock-covers-pods'
  | 'blocked-by-other-side'
  | 'namespace-label-missing'
  | 'networks-match-pods'
  | 'domain-names-undecidable'
  | 'equal-priority-overlap'
  | 'host-network-pod';

/** A step into a policy as written: a mapping key or a 0-based sequence index (`['spec','ingress',0,'from',1]`). */
export type FindingPathSegment = string | number;

export type FindingSubject =
  | {
      readonly kind: 'policy';
      readonly namespace: string;
      readonly name: string;
      /** Where inside the NetworkPolicy object; absent: the policy as a whole. */
      readonly path?: readonly FindingPathSegment[];
    }
  | {
      /** An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy (cluster-scoped). */
      readonly kind: 'clusterPolicy';
      readonly tier: 'Admin' | 'Baseline';
      /** Always '' (cluster-scoped), so every subject has a namespace to order by. */
      readonly namespace: '';
      readonly name: string;
      /** Where inside the policy object; absent: the policy as a whole. */
      readonly path?: readonly FindingPathSegment[];
    }
  | {
      readonly kind: 'namespace';
      readonly namespace: string;
      readonly name: string;
      readonly path?: undefined;
    }
  | {
      readonly kind: 'workload';
      readonly namespace: string;
      readonly name: string;
      /** The Kubernetes kind of the workload (`Deployment`, `Pod`, …), as in `Workload.kind`. */
      readonly workloadKind: string;
      readonly path?: undefined;
    };

/**
 * A quick fix, machine-applicable:
 * - `addPolicy`: add this NetworkPolicy (its name is free in its namespace).
 * - `replacePeer`: in NetworkPolicy `policy` (`ns/name`), replace peer `peerIndex` of rule `ruleIndex` of
 *   `direction` (both 0-based; `path` is the same place as a YAML path) with `peer`.
 */
export type Fix =
  | { readonly title: string; readonly type: 'addPolicy'; readonly policy: NetworkPolicy }
  | {
      readonly title: string;
      readonly type: 'replacePeer';
      readonly policy: string;
      readonly direction: Direction;
      readonly ruleIndex: number;
      readonly peerIndex: number;
      readonly path: readonly FindingPathSegment[];
      readonly peer: NetworkPolicyPeer;
    };

export interface Finding {
  readonly ruleId: RuleId;
  readonly severity: FindingSeverity;
  /** Plain Kubernetes words; policies as `ns/name`, rules numbered from 1. */
  readonly message: string;
  readonly subject: FindingSubject;
  readonly fix?: Fix;
}

export interface LintOptions extends AnalysisOptions {
  /** Run only these rules (default: all). */
  readonly rules?: readonly RuleId[];
}

/** What every rule may consult; expensive parts are computed on first use and shared. */
export interface LintContext {
  readonly cluster: Cluster;
  readonly policies: PolicySet;
  readonly options: LintOptions;
  readonly nsLabels: NamespaceLabels;
  /** Every namespace: declared ones, then those only used by workloads. */
  readonly namespaceNames: readonly string[];
  /** The full analysis of the cluster, computed once on first call. */
  connectivity(): ClassConnectivity;
  /** Index of a workload in `cluster.workloads` (and so in `connectivity().endpoints`). */
  workloadIndex(w: Workload): number;
}

export interface LintRule {
  readonly id: RuleId;
  readonly defaultSeverity: FindingSeverity;
  /** A few words for lists and badges. */
  readonly title: string;
  /** One paragraph for the docs: what is found, why it matters, and what to do. */
  readonly explanation: string;
  check(ctx: LintContext): Finding[];
}
