// The designer's document and the contracts of its operations. The document is plain, serializable data
// (no classes, no Maps, no bigint) so it can live in a zustand store, be recorded by zundo, cross postMessage
// to a Web Worker and be saved as JSON. The policy set (`policies`) is the single source of truth: canvas
// edges (`deriveEdges`), YAML (`policyYaml`) and the simulator (`simulate`) are views computed from it.
//
// HOW OPERATIONS REPORT (the one pattern every operation follows)
// - Every user operation is a pure function `perform(doc, args) → OpResult` registered by name in
//   `operations` (src/design/ops/index.ts); `applyOp(doc, name, args)` dispatches. Operations never throw
//   for anything a user can cause.
// - Failure: `result.doc === doc` (the SAME reference, unchanged) and `result.notices` holds an `error`
//   notice saying why. The store should skip recording history when `result.doc === doc`.
// - Success: a new doc; `notices` may hold `warning`/`info` messages to show (e.g. "selector app=web also
//   matches web-canary"). `focus` names the node the UI may select afterwards (the created/renamed node);
//   `connect` sets `focusEdge` to the drawn edge's id instead.
// - Parsers (YAML pane, persistence, share links) return `ParseResult`: `doc` undefined on failure, with
//   `diagnostics` carrying 1-based line/column where known (Monaco markers are 1-based too).
//
// NODE REFERENCES (`NodeRef`), unambiguous because Kubernetes names never contain ':' or '/':
// - workload: its id, `<namespace>/<name>` (e.g. `shop/frontend`); it changes when the workload is renamed or
//   moved (the op's `focus` gives the new id; layout entries are re-keyed by the op).
// - namespace: `ns:<name>` (e.g. `ns:shop`).
// - external CIDR block: `ext:<cidr>` or `ext:<cidr>!<except1>,<except2>` (excepts sorted).
// - anywhere: `any` — every pod and every address; a rule without peers (`from`/`to` absent or empty).
// - all namespaces: `all-namespaces` — every pod of every namespace and no address outside the cluster; the peer
//   `namespaceSelector: {}` (without a podSelector). Drawn like `any`: when a rule uses it or the user added it
//   (kept in `externals` with an empty `cidr`: it stands for no address).
// - other addresses: `outside` — in the simulator's flows only, never a canvas node: the addresses no external
//   node of the canvas stands for (the rest of the world the matrix lists), so flow changes keep them.
import type { FindingSeverity, FindingSubject, Fix, RuleId } from '../engine/lint/types';
import type {
  AdminNetworkPolicy,
  ClusterNode,
  ContainerPort,
  Labels,
  NetworkPolicy,
  NetworkPolicyPort,
  Protocol,
} from '../engine/types';
import type { LessonStart } from '../manifest/lessonTypes';
import type { AdminPolicyForm, PolicyExtras, SourceFile } from '../manifest/types';
import type { YamlChunkCache } from '../manifest/yamlDocuments';
import type { ObservedCapture } from './observed';

export type NodeRef = string;

/** The automatic namespace label; always present in `DesignNamespace.labels` (the ops maintain it). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
/** Annotation written on policies the designer created from drawn edges (see `DesignPolicy.managed`). */
export const MANAGED_ANNOTATION = 'netpol-designer/managed';
export const ANY_REF = 'any';
export const OUTSIDE_REF = 'outside';
export const ALL_NAMESPACES_REF = 'all-namespaces';

export interface DesignNamespace {
  readonly name: string;
  /** Includes `kubernetes.io/metadata.name: <name>`. */
  readonly labels: Labels;
}

export interface DesignWorkload {
  /** `<namespace>/<name>`. */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** `Deployment` by default; also `Pod`, `StatefulSet`, `DaemonSet`, `ReplicaSet`, `Job`, `CronJob`, … */
  readonly kind: string;
  /** The pod template's labels (what policies select). */
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** Kept from imported Pods (`status.podIPs`) so the engine can use them; not edited in the designer. */
  readonly podIPs?: readonly string[];
  /**
   * `spec.hostNetwork: true` (absent: the pod network): the pods use their node's network and address, so
   * cluster-wide policies leave them out of subjects and namespaces/pods peers (the engine's
   * `Workload.hostNetwork`). Kept from imports, written to the inventory YAML, set by `setWorkloadHostNetwork`.
   */
  readonly hostNetwork?: true;
}

export interface DesignExternal {
  /** `ext:<cidr>[!<except>,…]`, see `externalId`. */
  readonly id: string;
  /** Shown on the node, e.g. "any address", "corporate VPN". Defaults to the CIDR. */
  readonly label: string;
  readonly cidr: string;
  readonly except?: readonly string[];
}

/**
 * A NetworkPolicy as the engine reads it, plus what the designer must remember about it. `managed` is true
 * for policies the designer created for drawn edges (`<dst>-ingress`, `<src>-egress`, `default-deny-*`);
 * only those are deleted when their last rule is removed, because deleting a user's policy would change
 * isolation. It is written to YAML as the annotation `netpol-designer/managed: "true"` and read back on
 * import, so a saved YAML keeps behaving the same when re-imported.
 */
export interface DesignPolicy extends NetworkPolicy {
  readonly managed?: boolean;
  /** What the engine does not model (labels, annotations, unknown fields), kept from the manifest for export. */
  readonly extras?: PolicyExtras;
}

/** An admin or baseline policy as the engine reads it, plus what the import kept for export. */
export interface DesignAdminPolicy extends AdminNetworkPolicy {
  /** Labels, annotations and unknown fields of the manifest (the engine ignores them). */
  readonly extras?: PolicyExtras;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Where a node is drawn. Namespace and external positions are absolute; a workload's position is relative
 * to its namespace's top-left corner (React Flow's `parentId` convention). `width`/`height` size namespace
 * groups; `collapsed` folds a namespace group to its header.
 */
export interface NodeLayout extends Point {
  readonly width?: number;
  readonly height?: number;
  readonly collapsed?: boolean;
}

/** Where a drawn edge's rules go: the destination's ingress, the source's egress, or both. */
export type Enforcement = 'ingress' | 'egress' | 'both';

/** Keyed by NodeRef (`ns:<name>`, workload id, external id, `any`). */
export type Layout = Readonly<Record<NodeRef, NodeLayout>>;

export interface DesignDoc {
  readonly version: 1;
  /** Sorted by name. */
  readonly namespaces: readonly DesignNamespace[];
  /** Sorted by id. */
  readonly workloads: readonly DesignWorkload[];
  /**
   * The inventory's Node objects (imported, or from the Inventory view), sorted by name; absent: none. Only the
   * `nodes` peers of cluster-wide policies use them: they match the nodes' addresses.
   */
  readonly nodes?: readonly ClusterNode[];
  /** User-added external nodes, sorted by id; `deriveEdges` adds the ipBlocks of policies not listed here. */
  readonly externals: readonly DesignExternal[];
  /** Sorted by namespace, then name; unique per (namespace, name). */
  readonly policies: readonly DesignPolicy[];
  /** Admin/baseline admin policies (imported or made by `setClusterDefaultDeny`), passed to the engine and emitted back. */
  readonly adminPolicies: readonly DesignAdminPolicy[];
  readonly layout: Layout;
  /** Document settings (absent: defaults). Saved and shared with the document, never written to YAML. */
  readonly settings?: DocSettings;
  /** Policies switched off for the simulation only (a "what-if"); saved and shared, never exported. */
  readonly whatIf?: WhatIf;
  /**
   * How the YAML view and exports write admin policies: `v1alpha1` AdminNetworkPolicy /
   * BaselineAdminNetworkPolicy (the default, stored as absent) or `v1alpha2` ClusterNetworkPolicy.
   */
  readonly adminForm?: AdminPolicyForm;
}

/** The cluster's network plugin, which decides whether and how NetworkPolicy is enforced (see cni.ts). */
export type CniId = 'unspecified' | 'calico' | 'cilium' | 'weave' | 'antrea' | 'aws-vpc-cni' | 'flannel';

export interface DocSettings {
  /** Absent: `unspecified` (enforcing; ipBlocks match only addresses outside the cluster). */
  readonly cni?: CniId;
  /**
   * The cluster's pod CIDRs (one per IP family; absent: unknown). `networks` peers of cluster-wide policies
   * match pods too, and pods without a known address are placed by these (see the engine's `podCIDRs`).
   */
  readonly podCIDRs?: readonly string[];
}

/**
 * A what-if: policies left out of the simulation without deleting them. Keys (whatIf.ts `switchKey`): `ns/name`
 * for a NetworkPolicy, `admin:<name>` / `baseline:<name>` for an AdminNetworkPolicy / its baseline. Sorted,
 * no repeats; `canonical` drops keys that name no policy, and the field when nothing is switched off.
 */
export interface WhatIf {
  readonly disabledPolicies: readonly string[];
}

// ---- results -------------------------------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'info';

/** A message for the user. Shaped like the manifest layer's Diagnostic so those pass through unchanged. */
export interface Notice {
  readonly severity: Severity;
  readonly message: string;
  readonly file?: string;
  /** 1-based. */
  readonly line?: number;
  /** 1-based. */
  readonly column?: number;
}

export interface OpResult {
  readonly doc: DesignDoc;
  readonly notices: readonly Notice[];
  /** The node the UI may select after the operation (created, renamed or moved node). Always a NodeRef. */
  readonly focus?: NodeRef;
  /** `connect` only: the id of the drawn edge (`<from>-><to>`, as `deriveEdges` names it). */
  readonly focusEdge?: string;
}

export interface ParseResult {
  /** Undefined when the input is invalid: keep the last good document. */
  readonly doc: DesignDoc | undefined;
  readonly diagnostics: readonly Notice[];
}

// ---- operations ----------------------------------------------------------------------------------------------

export interface Operation<A> {
  /** Stable identifier (history entries, command palette). */
  readonly name: OpName;
  /** Human label, e.g. "Add namespace". */
  readonly label: string;
  /**
   * Replaces the document with an unrelated one (opening a file, an example, a lesson step): what came before
   * is not compared with what comes after (the flow-change list starts afresh).
   */
  readonly loads: boolean;
  /** The label for these arguments ("Switch off shop/api-ingress"); the undo button and change list show it. */
  describe(args: A): string;
  perform(doc: DesignDoc, args: A): OpResult;
}

/** What the user points at on the canvas: a node, or a rule edge by its id. */
export type DesignTarget =
  | { readonly type: 'node'; readonly ref: NodeRef }
  | { readonly type: 'edge'; readonly id: string };

/** Peers of one rule as drawn on an edge; `ports` empty or absent means every port. */
export type EdgePorts = readonly NetworkPolicyPort[];

export type DefaultDenyMode = 'none' | 'ingress' | 'egress' | 'both';

/** A manifest file handed to the import: `{ path, text }` (the manifest layer's SourceFile). */
export type ManifestFile = SourceFile;

/** The arguments of every operation, by name. */
export interface OpArgs {
  addNamespace: { name: string; labels?: Labels; position?: Point };
  renameNamespace: { from: string; to: string };
  setNamespaceLabels: { name: string; labels: Labels };
  deleteNamespace: { name: string };
  /** `labels` absent: `{ app: <name> }`; `kind` absent: Deployment. */
  addWorkload: {
    namespace: string;
    name: string;
    kind?: string;
    labels?: Labels;
    ports?: readonly ContainerPort[];
    position?: Point;
    /** Where the namespace goes when this workload creates it. */
    namespacePosition?: Point;
  };
  renameWorkload: { id: string; name: string };
  setWorkloadKind: { id: string; kind: string };
  setWorkloadLabels: { id: string; labels: Labels };
  setWorkloadPorts: { id: string; ports: readonly ContainerPort[] };
  setWorkloadHostNetwork: { id: string; hostNetwork: boolean };
  /** Policies are kept as they are (their meaning follows the labels); a notice says what changed. */
  moveWorkload: { id: string; namespace: string; position?: Point };
  deleteWorkload: { id: string };
  addExternal: { cidr: string; except?: readonly string[]; label?: string; position?: Point };
  setExternalLabel: { id: string; label: string };
  /** Also removes every rule peer whose ipBlock is exactly this block. */
  deleteExternal: { id: string };
  /** Namespace kube-system and Deployment coredns (k8s-app=kube-dns, dns 53/UDP, dns-tcp 53/TCP). */
  addDnsPreset: { position?: Point };
  /** Places the "anywhere" node (every pod and every address; a rule without peers) before any rule uses it. */
  addAnywhere: { position?: Point };
  /** Places the "all namespaces" node (every pod of every namespace: `namespaceSelector: {}`) before a rule uses it. */
  addAllNamespaces: { position?: Point };
  /**
   * Allow traffic from → to. `enforce` says where the rules go (the destination's ingress, the source's egress
   * or both; default: compile.ts `enforcementChoice`); `bothSides` is the old spelling of `enforce: 'both'`.
   */
  connect: { from: NodeRef; to: NodeRef; ports?: EdgePorts; enforce?: Enforcement; bothSides?: boolean };
  /** Rewrite an edge's rules on other sides (`enforce`), keeping its ports; one step. */
  setEdgeEnforcement: { edge: EdgeTarget; enforce: Enforcement };
  /** Replace the ports of the rules behind an edge (a peer sharing its rule with others is split out). */
  setEdgePorts: { edge: EdgeTarget; ports: EdgePorts };
  /**
   * Makes an edge's traffic pass on both sides: adds the missing counterpart rule (the source's egress or the
   * target's ingress) with the ports of the rules behind the edge. The fix for a `BlockedIntent`.
   */
  completeEdge: { edge: EdgeTarget };
  /** Remove exactly the peers behind an edge; see compile.ts for what happens to emptied rules/policies. */
  disconnect: { edge: EdgeTarget };
  /** Policies `default-deny-ingress` / `default-deny-egress` (both: the two of them). */
  setDefaultDeny: { namespace: string; mode: DefaultDenyMode };
  /** From the YAML pane (already parsed): the whole policy set is replaced. */
  replacePolicies: { policies: readonly DesignPolicy[] };
  /** Merge namespaces, workloads and policies from manifests; diagnostics come back as notices. */
  /** Merges the manifests into the document, or with `replace` makes them the whole document. */
  importManifests: {
    files: readonly ManifestFile[];
    replace?: boolean;
    /** The files' documents parsed ahead (manifest's `documentTexts`), by the caller that showed the progress. */
    cache?: YamlChunkCache;
    /** Told the share (0–1) of the manifests' objects read so far, every few objects (the progress bar). */
    onProgress?: (built: number) => void;
  };
  setNodePosition: { id: NodeRef; position: Point };
  /** A workload dropped on namespace `namespace` at `position` (relative to it): moved within it or into it. */
  dropWorkload: { id: string; namespace: string; position: Point };
  /** Merged into the existing layout entry by entry (`replace: true` replaces the whole layout). */
  setLayout: { layout: Layout; replace?: boolean };
  /** Open a whole document (a file, a share link, the autosave): it replaces the current one. */
  loadDocument: { doc: DesignDoc };
  /** Open a built-in example by id (`examples.ts`); `blank` is the empty document. */
  loadExample: { id: string };
  /** Put a lesson's (or step's, or quiz demonstration's) starting document on the canvas; `title` names it. */
  startLesson: { start: LessonStart; title: string };
  /** The YAML pane's edit: the document its text reads as (the pane parsed it and showed the problems). */
  editYaml: { view: LintView; doc: DesignDoc };
  /** Delete what a target names, by the operation of its kind (deleteNamespace, disconnect, …). */
  deleteSelection: { selection: DesignTarget };
  /** The cluster's network plugin (a document setting; `unspecified` is stored as absent). */
  setCni: { cni: CniId };
  /** What-if: switch a policy off (`enabled: false`) or back on, by its what-if key (whatIf.ts). */
  setPolicyEnabled: { key: string; enabled: boolean };
  /** What-if: switch every policy back on. */
  enableAllPolicies: Record<string, never>;
  /** Apply a lint finding's quick fix (add its policy, or replace one peer); a stale fix fails. */
  applyLintFix: { fix: Fix };
  /** The API form admin policies are written in (YAML view, export); see `DesignDoc.adminForm`. */
  setAdminForm: { form: AdminPolicyForm };
  /** The cluster pod CIDRs, as typed (`10.244.0.0/16, fd00:10::/64`); empty text removes the setting. */
  setPodCidrs: { text: string };
  /**
   * The cluster-wide default deny: a BaselineAdminNetworkPolicy `default` whose last rules deny all ingress
   * from pods and all egress (pods and every address). Off removes exactly those rules (and the BANP when
   * nothing else is left in it).
   */
  setClusterDefaultDeny: { on: boolean };
  /** Workloads a capture showed that the inventory lacks, with the labels the flows carried. */
  /**
   * `namespacePositions`: where each namespace the workloads create goes (the UI's spot in view, as the Add
   * forms choose it); a namespace without one goes right of the others.
   */
  addObservedWorkloads: {
    workloads: readonly ObservedWorkload[];
    namespacePositions?: Readonly<Record<string, Point>>;
  };
  /**
   * Outside addresses a capture showed, as external nodes: `blocks` are the CIDRs they aggregate to
   * (observedOutside.ts `outsideBlocks`, at the prefix lengths the user picked); a block already on the canvas
   * is skipped. `positions`: where each block's node goes (the UI's spots in view), by CIDR.
   */
  addObservedExternals: {
    blocks: readonly string[];
    positions?: Readonly<Record<string, Point>>;
  };
  /**
   * Least-privilege policies from observed traffic (the engine's generatePolicies, as `netpol generate
   * --from-flows`): one `<name>-from-flows` policy per chosen workload (by id), replacing an earlier one.
   */
  generateFromFlows: {
    capture: ObservedCapture;
    workloads: readonly string[];
    ipv4Prefix?: number;
    ipv6Prefix?: number;
  };
}

/** A workload as a capture showed it: `kind` as the flow named it, `labels` the stable ones it carried. */
export interface ObservedWorkload {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
}

export type OpName = keyof OpArgs;

// ---- derived canvas edges (edges.ts) ----------------------------------------------------------------------------

/** Points at one peer of one rule (peerIndex undefined: the rule has no peers, i.e. "anywhere"). */
export interface PeerRef {
  /** `namespace/name` of the NetworkPolicy. */
  readonly policy: string;
  readonly direction: 'Ingress' | 'Egress';
  readonly ruleIndex: number;
  readonly peerIndex?: number;
}

/** What `disconnect`/`setEdgePorts` act on: an edge from `deriveEdges` fits. */
export interface EdgeTarget {
  readonly source: NodeRef;
  readonly target: NodeRef;
  readonly refs: readonly PeerRef[];
}

export interface RuleEdge extends EdgeTarget {
  /** `<source>-><target>`, unique per (source, target). */
  readonly id: string;
  /** The ports of all rules behind the edge, e.g. `TCP 8080`, `TCP 8080, UDP 53`, `any`. */
  readonly label: string;
  /** Which sides have rules: ingress on the target, egress on the source. */
  readonly directions: readonly ('Ingress' | 'Egress')[];
  /** Set when a selector fans out to several nodes, e.g. `tier=web (3 workloads)`. */
  readonly selectorLabel?: string;
  /** True when every rule behind it is in a managed policy. */
  readonly managed: boolean;
}

export interface DerivedExternal extends DesignExternal {
  /** True when only a policy's ipBlock, a `nodes` peer (or an "anywhere" rule) produced it, not the user. */
  readonly derived: boolean;
}

export interface DerivedGraph {
  readonly edges: readonly RuleEdge[];
  /**
   * User externals, plus one per distinct ipBlock of the policies, one per address of a Node that a cluster-wide
   * `nodes` peer selects (`nodePeerExternals`), plus `any` when a rule has no peers.
   */
  readonly externals: readonly DerivedExternal[];
  /** Rules whose peers or policy select nothing in the document (not drawable). */
  readonly unmatched: readonly { readonly ref: PeerRef; readonly message: string }[];
}

// ---- simulation (simulate.ts) -------------------------------------------------------------------------------------

export type IsolationState = 'open' | 'ingress' | 'egress' | 'both';

export interface WorkloadIsolation {
  readonly state: IsolationState;
  /** `namespace/name` of the policies isolating it for ingress / egress. */
  readonly ingressPolicies: readonly string[];
  readonly egressPolicies: readonly string[];
}

/** A permitted flow between two canvas nodes (workloads, externals), for the overlay. */
export interface Flow {
  readonly source: NodeRef;
  readonly target: NodeRef;
  /** Formatted connection set, e.g. `TCP 8080`, `All Connections`. */
  readonly conn: string;
  /** For an external node: true when only part of its address block is allowed. */
  readonly partial?: boolean;
}

/** A drawn rule edge whose traffic the other side blocks. */
export interface BlockedIntent {
  readonly edgeId: string;
  readonly source: NodeRef;
  readonly target: NodeRef;
  /** The side that blocks: the source's egress or the target's ingress. */
  readonly blockedBy: 'Ingress' | 'Egress';
  /** The engine's explanation, in plain words. */
  readonly reason: string;
}

export interface MatrixEndpoint {
  /** Engine endpoint id (`ns/name[Kind]` or `a.b.c.d-e.f.g.h[External]`). */
  readonly id: string;
  /** NodeRef of the canvas node when there is one (workloads). */
  readonly node?: NodeRef;
  readonly label: string;
  readonly external: boolean;
  /** What to pass as `from`/`to` of `probe` for this endpoint (an IP address for an external piece). */
  readonly probe: string;
}

/** One row of the matrix: destination index → formatted connection, only where there is one. */
export type MatrixRow = Readonly<Record<number, string>>;

export interface ConnectivityMatrix {
  /** Workloads then external pieces; rows are sources, columns destinations (same list). */
  readonly endpoints: readonly MatrixEndpoint[];
  /**
   * `cells[src][dst]`: formatted connection (`TCP 8080`, `All Connections`); absent when none or src = dst.
   * Sparse rows (by destination index), so a cluster of thousands of workloads does not send the page millions of
   * empty cells (a 5,000-workload matrix was 77 MB to copy).
   */
  readonly cells: readonly MatrixRow[];
}

export interface Simulation {
  /** By workload id. */
  readonly isolation: Readonly<Record<string, WorkloadIsolation>>;
  readonly flows: readonly Flow[];
  /** True when `flows` was cut at `SimulateOptions.maxFlows` (the matrix is always complete). */
  readonly flowsTruncated: boolean;
  readonly blocked: readonly BlockedIntent[];
  readonly matrix: ConnectivityMatrix;
}

export interface ProbeRequest {
  /**
   * A workload id, a bare workload name when only one workload has it, an external id / `any` (its first
   * address is used), or an IP address.
   */
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** What the probe is asked: the port may also name one of the destination's container ports (as in a rule). */
export interface ProbeQuestion extends Omit<ProbeRequest, 'port'> {
  readonly port: number | string;
  /** How the explanation names an address side (a matrix heading's `10.0.0.0/8`); default the node's blocks. */
  readonly fromName?: string;
  readonly toName?: string;
}

// ---- lint (lint.ts) -----------------------------------------------------------------------------------------------

/** The YAML view a finding's position refers to. */
export type LintView = 'policies' | 'inventory';

/** 1-based, like Monaco. */
export interface LintPosition {
  readonly line: number;
  readonly column: number;
}

/** An engine lint finding placed in the designer: where it shows on the canvas and in the two YAML views. */
export interface DocFinding {
  /** Unique within one `DocLint`, and stable while the finding stays (rule, subject, path). */
  readonly key: string;
  readonly ruleId: RuleId;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** The rule's few-word title, e.g. "No DNS egress". */
  readonly title: string;
  /** One plain sentence: why this matters. */
  readonly why: string;
  readonly subject: FindingSubject;
  readonly fix?: Fix;
  /** Canvas nodes that carry the finding's badge (workload ids, `ns:<name>`). */
  readonly nodes: readonly NodeRef[];
  /** Drawn edges the finding is about (blocked-by-other-side). */
  readonly edges?: readonly string[];
  /**
   * What to point at in each YAML view (`locateFindings` turns them into positions in the text shown): the
   * subject itself, or for a workload's missing DNS the policy isolating it for egress.
   */
  readonly anchors: { readonly policies?: FindingSubject; readonly inventory?: FindingSubject };
}

export interface DocLint {
  readonly findings: readonly DocFinding[];
  /**
   * The findings' positions in the text each view shows when it shows the document as written (located where
   * the lint ran, in the analysis worker; see lintPositions.ts), with a fingerprint of that text.
   */
  readonly located?: Partial<Record<LintView, LocatedFindings>>;
}

export interface LocatedFindings {
  readonly fingerprint: string;
  readonly positions: readonly (LintPosition | undefined)[];
}

// ---- the functions around the document (signatures; implemented in the named modules) ----------------------
// model.ts    emptyDoc(): DesignDoc; toCluster(doc): Cluster; toPolicySet(doc): PolicySet;
//             workloadId(ns, name); namespaceRef(name) → `ns:<name>`; externalId(cidr, except?)
// ops/        operations: { [K in OpName]: Operation<OpArgs[K]> }; applyOp(doc, name, args): OpResult;
//             each op also exported by name (e.g. `connect.perform(doc, { from, to, ports })`).
// edges.ts    deriveEdges(doc): DerivedGraph
// simulate.ts simulate(doc, options?): Simulation; probe(doc, ProbeRequest): { verdict } | { error }
//             (structured-clone safe; a Verdict carries bigint in external ranges, which structured clone supports)
// yaml.ts     policyYaml(doc): string; inventoryYaml(doc): string;
//             applyPolicyYaml(doc, text): ParseResult; applyInventoryYaml(doc, text): ParseResult
// persist.ts  serializeDoc(doc): string; deserializeDoc(text): ParseResult;
//             encodeShare(doc): string; decodeShare(fragment): ParseResult
// layout.ts   autoLayout(doc, sizes?): Promise<Layout> (elk)
// geometry.ts gridLayout(doc, sizes?, externals?): Layout; placeMissing(doc, sizes?, externals?): Layout (grid
//             places only the nodes without a position); the node sizes and gaps; next*Position for additions
// examples.ts examples: { id, title, description, yaml }[] (first is `blank` with yaml '')
// defaultDeny.ts defaultDenyOf(doc, namespace): DefaultDenyMode (the toggle's state)
//
// DECISIONS
// - Default deny: `default-deny-ingress` and `default-deny-egress`, one policy per direction (`both` = the two),
//   so each toggle adds or removes one object; an imported deny-all (empty podSelector, no rules for a type it
//   declares, e.g. `default-deny` with both types) is recognised and trimmed.
// - Edge policies: `<dst>-ingress` / `<src>-egress` (`all-pods-…` for a namespace node), marked `managed`.
//   Removing an edge deletes a policy only when it is managed and has no rule left; a user's policy stays
//   (with an empty rule list) because deleting it would lift its isolation.
// - Externals: user-added ones plus one per distinct ipBlock in the policies (derived), plus `any`.
