// The manifest layer's vocabulary: source texts in, the engine's typed values out, with positions for every
// object and every field so diagnostics, lint findings and editor markers can point at the exact node.
// Pure data plus small lookup helpers; no DOM, no node: imports (the browser uses this layer too).
import type {
  AdminNetworkPolicy,
  Cluster,
  Expectation,
  Labels,
  NetworkPolicy,
  PolicySet,
} from '../engine/types';

/** One input text (a file read by the CLI, or the editor's buffer). `path` is reported back in diagnostics. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export type Severity = 'error' | 'warning' | 'info';

/** A message about the input. `line` and `column` are 1-based (Monaco's convention too). */
export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Severity;
  readonly message: string;
}

/** A place in a source file; `line` and `column` are 1-based. */
export interface SourcePos {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A step into a YAML value: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type YamlPath = readonly PathSegment[];

/**
 * One YAML document of a file, with the place of every node in it. Offsets (into the file's text after CRLF
 * normalisation) are kept instead of positions so huge inputs stay cheap; read them with `positionIn(doc, path)`
 * (the node's value; falls back to the nearest ancestor that exists) and `keyPositionIn(doc, path)` (the key of
 * a mapping entry, e.g. to underline `podSelector:` itself).
 */
export interface ParsedDocument {
  readonly file: string;
  /** 0-based index of the document in its file (empty documents count). */
  readonly index: number;
  /** Position of the document's first line (its root node when it has one). */
  readonly start: SourcePos;
  /** Offsets of values, keyed by `pathKey(path)`. */
  readonly valueOffsets: ReadonlyMap<string, number>;
  /** Offsets of mapping keys, keyed by `pathKey(path of the entry)`. */
  readonly keyOffsets: ReadonlyMap<string, number>;
  /** Offsets at which each line of the file starts (shared by the file's documents). */
  readonly lineStarts: readonly number[];
}

/**
 * Where an object came from: its document and the path of the object inside it (`[]` for a top-level object,
 * `['items', 3]` for an item of a `List`). `pos` is the object's own position.
 * Positions of fields: `positionOf(origin, ['spec', 'ingress', 0, 'from', 1])`.
 */
export interface Origin {
  readonly doc: ParsedDocument;
  readonly path: YamlPath;
  readonly pos: SourcePos;
}

/**
 * What the engine does not model about a NetworkPolicy, kept so export writes it back (issue 5).
 * Nested unknown fields (inside rules, peers, ports, selectors) cannot follow the designer's edits of those
 * rules; they are not written back and are listed in `notKept` (dotted paths) so the UI can say so.
 * Server-managed metadata (uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink) and
 * `status` are dropped on purpose and not listed.
 */
export interface PolicyExtras {
  readonly labels?: Labels;
  readonly annotations?: Labels;
  /** Other metadata fields kept verbatim (e.g. `finalizers`), by key. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** Unknown fields of `spec`, kept verbatim. */
  readonly spec?: Readonly<Record<string, unknown>>;
  /** Unknown top-level fields (beside apiVersion, kind, metadata, spec), kept verbatim. */
  readonly top?: Readonly<Record<string, unknown>>;
  /** Dotted paths (`spec.ingress[0].from[1].foo`) of unknown nested fields that export cannot keep. */
  readonly notKept?: readonly string[];
}

/** Extras by policy key `namespace/name` (plain record, so it can live in a serializable store). */
export type PolicyExtrasMap = Readonly<Record<string, PolicyExtras>>;

export interface ParsedNetworkPolicy {
  readonly policy: NetworkPolicy;
  readonly origin: Origin;
  readonly extras: PolicyExtras;
}

/** How an admin policy was written: v1alpha1 AdminNetworkPolicy/BaselineAdminNetworkPolicy or v1alpha2 ClusterNetworkPolicy. */
export type AdminPolicyForm = 'v1alpha1' | 'v1alpha2';

export interface ParsedAdminPolicy {
  readonly policy: AdminNetworkPolicy;
  readonly origin: Origin;
  readonly form: AdminPolicyForm;
  /** What the engine does not model (labels, annotations, unknown fields), kept for export. */
  readonly extras: PolicyExtras;
}

/**
 * Everything read from a set of files. `cluster` and `policies` are sorted deterministically (namespaces by
 * name; workloads by namespace, name, kind; NetworkPolicies by namespace, name; admin policies Admin tier by
 * priority then name, then Baseline), so results never depend on file or document order.
 *
 * `origins` is keyed by `originKey(kind, namespace, name)`:
 * - `Namespace//<name>` for namespaces (declared ones only; implied namespaces have no origin),
 * - `<Kind>/<namespace>/<name>` for workloads (Kind as in `Workload.kind`; a workload made of collapsed pods
 *   points at its first pod in document order),
 * - `NetworkPolicy/<namespace>/<name>`,
 * - `AdminNetworkPolicy//<name>` and `BaselineAdminNetworkPolicy//<name>` for admin policies (by tier, also when
 *   written as a v1alpha2 ClusterNetworkPolicy).
 */
export interface ManifestSet {
  readonly cluster: Cluster;
  readonly policies: PolicySet;
  /** In file order, then position order. */
  readonly diagnostics: readonly Diagnostic[];
  readonly origins: ReadonlyMap<string, Origin>;
  /** Parallel to `policies.networkPolicies` (same order). */
  readonly networkPolicies: readonly ParsedNetworkPolicy[];
  /** Parallel to `policies.adminPolicies` (same order). */
  readonly adminPolicies: readonly ParsedAdminPolicy[];
  /** By `namespace/name`; every NetworkPolicy has an entry (possibly empty). */
  readonly policyExtras: PolicyExtrasMap;
}

/** Options of `emitAdminPolicies`. */
export interface EmitAdminOptions {
  /** `v1alpha1` (default): AdminNetworkPolicy / BaselineAdminNetworkPolicy; `v1alpha2`: ClusterNetworkPolicy. */
  readonly form?: AdminPolicyForm;
}

/** One expected verdict read from an expectations file (`netpol check --expect`), with where it was written. */
export interface ParsedExpectation {
  readonly expectation: Expectation;
  /** The list item's position. */
  readonly pos: SourcePos;
}

/** What `parseExpectations` read: the valid expectations, and diagnostics for the rest. */
export interface ExpectationsFile {
  readonly expectations: readonly ParsedExpectation[];
  readonly diagnostics: readonly Diagnostic[];
}
