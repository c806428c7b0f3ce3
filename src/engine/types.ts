// The engine's vocabulary. Names follow networking.k8s.io/v1 (and policy.networking.k8s.io/v1alpha1 for the
// admin policies) so a reader moves between YAML and code without translation. These are already-validated
// values: the manifest layer turns untrusted YAML into them, the engine never sees raw documents.

export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[];
}

/** An absent selector and `{}` both select everything; the manifest layer normalises absent to `{}`. */
export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';
export const PROTOCOLS: readonly Protocol[] = ['SCTP', 'TCP', 'UDP'];

// ---- the cluster -------------------------------------------------------------------------------------------

export interface Namespace {
  readonly name: string;
  /** Includes the automatic `kubernetes.io/metadata.name` label. */
  readonly labels: Labels;
}

export interface ContainerPort {
  readonly name?: string;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

/**
 * An endpoint inside the cluster: a workload (modelled as the pods its template creates) or a bare pod.
 * `kind` is the Kubernetes kind that names it (`Deployment`, `Pod`, `ReplicaSet`, …).
 */
export interface Workload {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /**
   * `status.podIPs` where known: matched by the `networks` peers of cluster-wide policies, and by ipBlocks only
   * with `ipBlockMatchesPodIPs`.
   */
  readonly podIPs?: readonly string[];
  /**
   * `spec.hostNetwork: true`: the pods use their node's network namespace and address. Cluster-wide policies
   * leave them out of subjects and of `namespaces`/`pods` peers (see `adminPolicy.ts`); NetworkPolicy
   * behaviour for them is undefined, so the engine reads NetworkPolicy as written and explain says so.
   */
  readonly hostNetwork?: boolean;
}

/** A Node of the inventory: what the `nodes` peers of cluster-wide policies select, by label. */
export interface ClusterNode {
  readonly name: string;
  readonly labels: Labels;
  /** The IP addresses of `status.addresses` (InternalIP, ExternalIP). */
  readonly addresses: readonly string[];
}

export interface Cluster {
  readonly namespaces: readonly Namespace[];
  readonly workloads: readonly Workload[];
  /** Absent or empty: no Node is known, so `nodes` peers match nothing. */
  readonly nodes?: readonly ClusterNode[];
}

// ---- NetworkPolicy (networking.k8s.io/v1) -------------------------------------------------------------------

export interface IPBlock {
  readonly cidr: string;
  readonly except?: readonly string[];
}

export interface NetworkPolicyPeer {
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  readonly protocol?: Protocol;
  /** A number, or a container port name resolved against the destination pod. Absent: every port. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface NetworkPolicyIngressRule {
  /** Absent or empty: every source. */
  readonly from?: readonly NetworkPolicyPeer[];
  /** Absent or empty: every port. */
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  readonly name: string;
  readonly namespace: string;
  readonly podSelector: LabelSelector;
  /** As written; absent means Ingress, plus Egress when `egress` is present (see `effectivePolicyTypes`). */
  readonly policyTypes?: readonly PolicyType[];
  readonly ingress?: readonly NetworkPolicyIngressRule[];
  readonly egress?: readonly NetworkPolicyEgressRule[];
}

// ---- AdminNetworkPolicy / BaselineAdminNetworkPolicy (policy.networking.k8s.io/v1alpha1) ---------------------

export type AdminAction = 'Allow' | 'Deny' | 'Pass';

/** `namespaces` alone, or `pods` (a namespace selector and a pod selector, both required). */
export type AdminSelector =
  | { readonly namespaces: LabelSelector; readonly pods?: undefined }
  | {
      readonly pods: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };
      readonly namespaces?: undefined;
    };

export interface AdminPeer {
  readonly namespaces?: LabelSelector;
  readonly pods?: { readonly namespaceSelector: LabelSelector; readonly podSelector: LabelSelector };
  /** Egress only: CIDRs, which match addresses outside the cluster and pods inside it alike. */
  readonly networks?: readonly string[];
  /**
   * Egress only: the addresses of the inventory's Nodes whose labels match (and so the host-network pods on
   * them); with no Node known it matches nothing.
   */
  readonly nodes?: LabelSelector;
  /**
   * Egress only (v1alpha2, experimental): domain names, exact or `*.`-prefixed. What they match is the
   * addresses DNS gives for them when the pod resolves them, which no manifest holds: the analysis reads the
   * peer as matching no traffic, and lint and explain say where it may match (`domainNamesMayMatch`).
   */
  readonly domainNames?: readonly string[];
  /**
   * A peer with none of the fields above, only ones this version of the API does not know (as written, kept to
   * be written back): one from a newer CRD. The API fails closed on it (see `ruleInEffect`).
   */
  readonly unknown?: Readonly<Record<string, unknown>>;
  /**
   * Never read from a manifest: the one peer of a fail-closed 'Deny all' rule as enforced (`ruleInEffect`),
   * every peer in the cluster or not, host-network pods included.
   */
  readonly everything?: true;
}

export type AdminPort =
  | { readonly portNumber: { readonly protocol: Protocol; readonly port: number } }
  | { readonly namedPort: string }
  | { readonly portRange: { readonly protocol: Protocol; readonly start: number; readonly end: number } };

export interface AdminRule {
  readonly name?: string;
  readonly action: AdminAction;
  /** `from` for ingress rules, `to` for egress rules. */
  readonly peers: readonly AdminPeer[];
  /** Absent: every port. */
  readonly ports?: readonly AdminPort[];
}

export interface AdminNetworkPolicy {
  /**
   * The kind the policy was written as, for the words that name it: `ClusterNetworkPolicy` (v1alpha2, either
   * tier); absent: the v1alpha1 kind of its tier, AdminNetworkPolicy or BaselineAdminNetworkPolicy.
   */
  readonly kind?: 'ClusterNetworkPolicy';
  readonly tier: 'Admin' | 'Baseline';
  readonly name: string;
  /** Lower is evaluated first within a tier (a v1alpha1 BaselineAdminNetworkPolicy has none: 0). */
  readonly priority: number;
  readonly subject: AdminSelector;
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
}

// ---- everything the engine is asked about --------------------------------------------------------------------

export interface PolicySet {
  readonly networkPolicies: readonly NetworkPolicy[];
  /** Admin-tier (ANP) and baseline-tier (BANP) policies. */
  readonly adminPolicies?: readonly AdminNetworkPolicy[];
}

export interface AnalysisOptions {
  /**
   * Whether an ipBlock peer matches a pod whose `status.podIP` lies inside it (Calico, upstream e2e), or never
   * matches pods (Cilium, netpol-analyzer). Default false.
   */
  readonly ipBlockMatchesPodIPs?: boolean;
  /**
   * The cluster's pod network (one CIDR per IP family), where pods without a known `status.podIPs` lie. Only
   * `networks` peers of the cluster-wide policies consult it, since those always match pods by address: a
   * `networks` CIDR holding a whole pod CIDR matches such pods, one disjoint from every pod CIDR does not, and
   * a partial overlap cannot be decided (read as no match, and said so by lint and explain).
   */
  readonly podCIDRs?: readonly string[];
}

// ---- what the engine answers ----------------------------------------------------------------------------------

/** Inclusive port interval within 1..65535. */
export interface PortInterval {
  readonly start: number;
  readonly end: number;
}

/**
 * Allowed ports per protocol. Each list is sorted, disjoint and non-adjacent (canonical), so two equal sets
 * are structurally equal. Implemented and manipulated by `connectionSet.ts`.
 */
export interface ConnectionSet {
  readonly SCTP: readonly PortInterval[];
  readonly TCP: readonly PortInterval[];
  readonly UDP: readonly PortInterval[];
}

/** Inclusive address range of one family. IPv4 addresses are 0..2^32-1, IPv6 0..2^128-1. */
export interface IpRange {
  readonly family: 4 | 6;
  readonly start: bigint;
  readonly end: bigint;
}

export type Endpoint =
  | {
      readonly type: 'workload';
      /** `namespace/name[Kind]`, as netpol-analyzer prints it. */
      readonly id: string;
      readonly workload: Workload;
    }
  | {
      readonly type: 'external';
      /** The ranges joined, e.g. `0.0.0.0-9.255.255.255, 11.0.0.0-255.255.255.255[External]`. */
      readonly id: string;
      /** One piece of the partition of the address space (may be several disjoint ranges that behave alike). */
      readonly ranges: readonly IpRange[];
    };

export interface Connection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly conn: ConnectionSet;
}

export interface Connectivity {
  /** Workloads in cluster order, then the external pieces in address order. */
  readonly endpoints: readonly Endpoint[];
  /** Allowed connections from endpoint `src` to `dst` (indices into `endpoints`). */
  connection(src: number, dst: number): ConnectionSet;
  /** Every ordered pair of distinct endpoints with a non-empty connection set, except external → external. */
  connections(): Connection[];
}

export type Direction = 'Ingress' | 'Egress';
export type Tier = 'Admin' | 'NetworkPolicy' | 'Baseline';

/** Points at a policy, and at one of its rules (0-based index into `ingress`/`egress`) where relevant. */
export interface RuleRef {
  readonly tier: Tier;
  /** `namespace/name` for NetworkPolicy, `name` for admin policies. */
  readonly policy: string;
  readonly direction: Direction;
  readonly ruleIndex?: number;
  /** Admin tiers: the rule's action. */
  readonly action?: AdminAction;
  readonly priority?: number;
  /** Admin tiers: the policy's `kind` (see `AdminNetworkPolicy.kind`). */
  readonly kind?: 'ClusterNetworkPolicy';
}

/** One side of a connection: the source's egress, or the destination's ingress. */
export interface DirectionVerdict {
  readonly direction: Direction;
  /** False when the side is outside the cluster: no policy applies there. */
  readonly inCluster: boolean;
  readonly allowed: boolean;
  /** The NetworkPolicies that select this side's pod with this policy type. Empty: not isolated. */
  readonly isolatedBy: readonly RuleRef[];
  /** The rules that allow the traffic (NetworkPolicy rules, or the admin rule that allowed it). */
  readonly allowedBy: readonly RuleRef[];
  /** The admin/baseline rule that decided, when one did (Allow, Deny or Pass). */
  readonly decidedBy?: RuleRef;
  /** Plain words (explainWords.ts): "shop/db is isolated for ingress by default-deny, and no rule of it allows it". */
  readonly reason: string;
}

/** A piece of an explanation: plain text, or the name of a rule with the rule it names (a link in the designer). */
export interface ExplainPart {
  readonly text: string;
  readonly rule?: RuleRef;
}

export interface Verdict {
  readonly allowed: boolean;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly protocol: Protocol;
  readonly port: number;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  /** The whole verdict in one or two sentences (explainWords.ts): the text of `because`. */
  readonly summary: string;
  /** The summary in parts, the rules that decide named with their RuleRef. */
  readonly because: readonly ExplainPart[];
}

// ---- expectations (`netpol check`) ------------------------------------------------------------------------------

/**
 * Who an expectation is about: one endpoint named as `explain` reads it (`ns/name`, `ns/name[Kind]`, an IP
 * address), or every workload a selector matches (`namespace` by name, or `namespaceSelector`; neither means
 * every namespace; an absent `podSelector` means every pod).
 */
export type EndpointPattern =
  | { readonly kind: 'endpoint'; readonly text: string }
  | {
      readonly kind: 'selector';
      readonly namespace?: string;
      readonly namespaceSelector?: LabelSelector;
      readonly podSelector?: LabelSelector;
    };

/** An expected verdict: traffic `from` → `to` on `protocol`/`port` is (or is not) allowed. */
export interface Expectation {
  readonly from: EndpointPattern;
  readonly to: EndpointPattern;
  /** A number, or a container port name of the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly allowed: boolean;
}

export interface ExpectationOutcome {
  readonly expectation: Expectation;
  readonly passed: boolean;
  /** Source/destination pairs evaluated (a selector may stand for several workloads). */
  readonly checked: number;
  /** Pairs whose verdict contradicts the expectation. */
  readonly contradictions: number;
  /** The first of those (at most `MAX_EXPLAINED`), explained with the engine's reasons. */
  readonly contradicting: readonly Verdict[];
  /** What could not be evaluated (unknown endpoint, a selector matching nothing, a missing named port). */
  readonly errors: readonly string[];
}
