// The canvas's rule edges, derived from the policy set (never stored): for every rule and peer, an edge
// from the peer's endpoints to the pods the policy selects (ingress) or from those pods to the peer's
// endpoints (egress), merged per (source, target). A selector matching a whole namespace (empty pod
// selector) points at the namespace node; one matching several workloads fans out to each with a label
// naming the selector; an ipBlock points at the external node of that exact block (created as a derived
// external when the user has not placed one); a rule without peers points at `any`, and the peer
// `namespaceSelector: {}` (every pod of every namespace) at `all-namespaces`. Edges never loop on a
// workload, but may loop on a namespace node (`ns:a -> ns:a`: "pods of a may reach each other").
import { matchesSelector } from '../engine/selector';
import type { LabelSelector, Labels, NetworkPolicyPeer, NetworkPolicyPort } from '../engine/types';
import { nodePeerExternals } from './adminEdges';
import { externalId, isNamespaceRef, makeExternal, namespaceLabels, namespaceRef, policyKey } from './model';
import { forEachPeerOf } from './peers';
import { formatSelector } from './policies';
import {
  ALL_NAMESPACES_REF,
  ANY_REF,
  type DerivedExternal,
  type DerivedGraph,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  type NodeRef,
  type PeerRef,
  type RuleEdge,
} from './types';

const isEmpty = (sel: LabelSelector | undefined) =>
  !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);

interface Endpoints {
  readonly nodes: readonly NodeRef[];
  /** Set when the selector stands for several nodes. */
  readonly selectorLabel?: string;
}

function fanOut(nodes: NodeRef[], name: () => string): Endpoints {
  return nodes.length > 1 ? { nodes, selectorLabel: name() } : { nodes };
}

/** Lookups built once per derivation: workloads by namespace, and namespace labels. */
interface Index {
  readonly byNamespace: ReadonlyMap<string, readonly DesignWorkload[]>;
  readonly namespaces: readonly { readonly name: string; readonly labels: Labels }[];
}

function indexOf(doc: DesignDoc): Index {
  const byNamespace = new Map<string, DesignWorkload[]>();
  for (const w of doc.workloads) {
    const list = byNamespace.get(w.namespace);
    if (list) list.push(w);
    else byNamespace.set(w.namespace, [w]);
  }
  return {
    byNamespace,
    namespaces: doc.namespaces.map((n) => ({ name: n.name, labels: namespaceLabels(n.name, n.labels) })),
  };
}

/** The canvas nodes a policy selects: its namespace node for an empty selector, else matching workloads. */
function subjectNodes(ix: Index, p: DesignPolicy): Endpoints {
  if (isEmpty(p.podSelector))
    return { nodes: ix.namespaces.some((n) => n.name === p.namespace) ? [namespaceRef(p.namespace)] : [] };
  const nodes = (ix.byNamespace.get(p.namespace) ?? [])
    .filter((w) => matchesSelector(p.podSelector, w.labels))
    .map((w) => w.id);
  return fanOut(nodes, () => `${formatSelector(p.podSelector)} (${nodes.length} workloads)`);
}

/** `namespaceSelector: {}` without a pod selector: every pod of every namespace (the `all-namespaces` node). */
export function isAllNamespacesPeer(peer: NetworkPolicyPeer): boolean {
  return (
    !!peer.namespaceSelector && isEmpty(peer.namespaceSelector) && isEmpty(peer.podSelector) && !peer.ipBlock
  );
}

function peerNodes(ix: Index, p: DesignPolicy, peer: NetworkPolicyPeer | undefined): Endpoints {
  if (!peer) return { nodes: [ANY_REF] };
  if (peer.ipBlock) return { nodes: [externalId(peer.ipBlock.cidr, peer.ipBlock.except)] };
  if (isAllNamespacesPeer(peer)) return { nodes: [ALL_NAMESPACES_REF] };
  const namespaces = peer.namespaceSelector
    ? ix.namespaces.filter((n) => matchesSelector(peer.namespaceSelector!, n.labels))
    : ix.namespaces.filter((n) => n.name === p.namespace);
  if (isEmpty(peer.podSelector)) {
    const nodes = namespaces.map((n) => namespaceRef(n.name));
    return fanOut(
      nodes,
      () => `namespaces ${formatSelector(peer.namespaceSelector ?? {})} (${nodes.length})`,
    );
  }
  const nodes = namespaces
    .flatMap((n) => ix.byNamespace.get(n.name) ?? [])
    .filter((w) => matchesSelector(peer.podSelector!, w.labels))
    .map((w) => w.id)
    .sort();
  return fanOut(nodes, () => {
    const ns = !peer.namespaceSelector
      ? ''
      : isEmpty(peer.namespaceSelector)
        ? ' in all namespaces'
        : ` in namespaces ${formatSelector(peer.namespaceSelector)}`;
    return `${formatSelector(peer.podSelector!)}${ns} (${nodes.length} workloads)`;
  });
}

/** `TCP 8080`, `UDP 53`, `TCP 8000-8080`, `TCP http`, `all UDP`; an empty list is `any`. */
export function formatPorts(ports: readonly NetworkPolicyPort[] | undefined): string {
  if (!ports || ports.length === 0) return 'any';
  const items = ports.map((p) => {
    const proto = p.protocol ?? 'TCP';
    if (p.port === undefined) return `all ${proto}`;
    return p.endPort !== undefined ? `${proto} ${p.port}-${p.endPort}` : `${proto} ${p.port}`;
  });
  return [...new Set(items)].join(', ');
}

interface Pending {
  source: NodeRef;
  target: NodeRef;
  refs: PeerRef[];
  labels: string[];
  directions: Set<'Ingress' | 'Egress'>;
  selectorLabel?: string;
  managed: boolean;
}

/** What one peer of one rule adds to the graph; depends only on the policy and the inventory. */
interface Contribution {
  readonly ref: PeerRef;
  /** The rule's ports as a label. */
  readonly label: string;
  readonly subject: Endpoints;
  readonly other: Endpoints;
  readonly block?: DerivedExternal;
}

/**
 * Contributions per policy, memoised by the inventory (workloads and namespaces arrays, which operations
 * keep when they do not change them) and the policy object: after an edit of one policy among hundreds,
 * only that policy's selectors are matched again.
 */
const contributionMemo = new WeakMap<
  readonly DesignWorkload[],
  WeakMap<DesignDoc['namespaces'], WeakMap<DesignPolicy, readonly Contribution[]>>
>();

function policyMemo(doc: DesignDoc): WeakMap<DesignPolicy, readonly Contribution[]> {
  let byNamespaces = contributionMemo.get(doc.workloads);
  if (!byNamespaces) {
    byNamespaces = new WeakMap();
    contributionMemo.set(doc.workloads, byNamespaces);
  }
  let byPolicy = byNamespaces.get(doc.namespaces);
  if (!byPolicy) {
    byPolicy = new WeakMap();
    byNamespaces.set(doc.namespaces, byPolicy);
  }
  return byPolicy;
}

function contributionsOf(ix: () => Index, p: DesignPolicy): Contribution[] {
  const out: Contribution[] = [];
  let subject: Endpoints | undefined;
  forEachPeerOf(p, (_p, peer, ref) => {
    subject ??= subjectNodes(ix(), p);
    const rule = ref.direction === 'Ingress' ? p.ingress![ref.ruleIndex] : p.egress![ref.ruleIndex];
    out.push({
      ref,
      label: formatPorts(rule.ports),
      subject,
      other: peerNodes(ix(), p, peer),
      ...(peer?.ipBlock
        ? { block: { ...makeExternal(peer.ipBlock.cidr, peer.ipBlock.except), derived: true } }
        : {}),
    });
  });
  return out;
}

/**
 * The edges of the previous derivation, by id. An edge equal in every field is handed out again as the same
 * object, so that whoever compares edges across edits (the canvas redraws only changed edges) compares
 * identities, not contents. The values returned never depend on it.
 */
let previousEdges = new Map<string, RuleEdge>();

// An edge's directions, in this order; shared (no edge changes them).
const BOTH: readonly ('Ingress' | 'Egress')[] = ['Ingress', 'Egress'];
const INGRESS_ONLY: readonly ('Ingress' | 'Egress')[] = ['Ingress'];
const EGRESS_ONLY: readonly ('Ingress' | 'Egress')[] = ['Egress'];

const samePeerRef = (a: PeerRef, b: PeerRef) =>
  a === b ||
  (a.policy === b.policy &&
    a.direction === b.direction &&
    a.ruleIndex === b.ruleIndex &&
    a.peerIndex === b.peerIndex);

function sameRuleEdge(a: RuleEdge, b: RuleEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    a.label === b.label &&
    a.managed === b.managed &&
    a.selectorLabel === b.selectorLabel &&
    a.directions.length === b.directions.length &&
    a.directions.every((d, i) => d === b.directions[i]) &&
    a.refs.length === b.refs.length &&
    a.refs.every((r, i) => samePeerRef(r, b.refs[i]!))
  );
}

/**
 * Matches the selectors of the document's policies not matched yet (what `deriveEdges` would do first), one
 * policy at a time while `more()` says so; true when every policy is matched, and `deriveEdges` then only
 * joins the results. Lets a caller spread the first derivation of a large document over several tasks.
 */
export function prepareEdges(doc: DesignDoc, more: () => boolean): boolean {
  const memo = policyMemo(doc);
  let index: Index | undefined;
  const ix = () => {
    index ??= indexOf(doc);
    return index;
  };
  for (const p of doc.policies) {
    if (memo.has(p)) continue;
    if (!more()) return false;
    memo.set(p, contributionsOf(ix, p));
  }
  return true;
}

export function deriveEdges(doc: DesignDoc): DerivedGraph {
  let index: Index | undefined;
  const ix = () => {
    index ??= indexOf(doc);
    return index;
  };
  const memo = policyMemo(doc);
  const pending = new Map<string, Pending>();
  const unmatched: { ref: PeerRef; message: string }[] = [];
  const blocks = new Map<string, DerivedExternal>();
  let anyUsed = false;
  let allNamespacesUsed = false;

  for (const p of doc.policies) {
    let contributions = memo.get(p);
    if (!contributions) {
      contributions = contributionsOf(ix, p);
      memo.set(p, contributions);
    }
    const key = policyKey(p);
    for (const { ref, label, subject, other, block } of contributions) {
      if (ref.peerIndex === undefined) anyUsed = true;
      if (other.nodes[0] === ALL_NAMESPACES_REF) allNamespacesUsed = true;
      if (block) blocks.set(block.id, block);
      if (subject.nodes.length === 0 || other.nodes.length === 0) {
        const what =
          subject.nodes.length === 0 ? `policy ${p.name} selects no workload` : 'this peer matches nothing';
        unmatched.push({
          ref,
          message: `${key} ${ref.direction.toLowerCase()} rule ${ref.ruleIndex + 1}: ${what}.`,
        });
        continue;
      }
      const selectorLabel = other.selectorLabel ?? subject.selectorLabel;
      for (const s of subject.nodes)
        for (const o of other.nodes) {
          const [source, target] = ref.direction === 'Ingress' ? [o, s] : [s, o];
          // A workload reaching itself is not an edge; a namespace reaching itself is (intra-namespace rules).
          if (source === target && !isNamespaceRef(source)) continue;
          const id = `${source}->${target}`;
          const e = pending.get(id) ?? {
            source,
            target,
            refs: [],
            labels: [],
            directions: new Set(),
            managed: true,
          };
          e.refs.push(ref);
          e.labels.push(label);
          e.directions.add(ref.direction);
          e.managed &&= !!p.managed;
          e.selectorLabel ??= selectorLabel;
          pending.set(id, e);
        }
    }
  }

  // Sorted by id in UTF-16 order (the default sort's, without a comparator called 100,000 times at real size).
  const edges: RuleEdge[] = [...pending.keys()].sort().map((id) => {
    const e = pending.get(id)!;
    const only = e.labels.length === 1 ? e.labels[0]! : undefined;
    const edge: RuleEdge = {
      id,
      source: e.source,
      target: e.target,
      refs: e.refs,
      label: e.labels.includes('any')
        ? 'any'
        : only !== undefined && !only.includes(', ')
          ? only
          : [...new Set(e.labels.flatMap((l) => l.split(', ')))].join(', '),
      directions: e.directions.size === 2 ? BOTH : e.directions.has('Ingress') ? INGRESS_ONLY : EGRESS_ONLY,
      ...(e.selectorLabel ? { selectorLabel: e.selectorLabel } : {}),
      managed: e.managed,
    };
    const before = previousEdges.get(id);
    return before && sameRuleEdge(before, edge) ? before : edge;
  });
  previousEdges = new Map(edges.map((e) => [e.id, e]));

  const externals: DerivedExternal[] = doc.externals.map((e) => ({ ...e, derived: false }));
  for (const [id, ext] of [...blocks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (!externals.some((e) => e.id === id)) externals.push(ext);
  // The addresses of the Nodes that cluster-wide `nodes` peers select, which the engine evaluates like outside ones.
  for (const ext of nodePeerExternals(doc)) if (!externals.some((e) => e.id === ext.id)) externals.push(ext);
  // `any` once: the user may have added it (Add anywhere) before a rule used it.
  if ((anyUsed || doc.layout[ANY_REF]) && !externals.some((e) => e.id === ANY_REF))
    externals.push({ id: ANY_REF, label: 'anywhere', cidr: '0.0.0.0/0', derived: true });
  // Every pod of every namespace, no address: drawn like `any` (no block of its own, so no CIDR).
  if (allNamespacesUsed && !externals.some((e) => e.id === ALL_NAMESPACES_REF))
    externals.push({ id: ALL_NAMESPACES_REF, label: 'all namespaces', cidr: '', derived: true });
  return { edges, externals, unmatched };
}
