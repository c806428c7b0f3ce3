// The canvas's rule edges, derived from the policy set (never stored): for every rule and peer, an edge
// from the peer's endpoints to the pods the policy selects (ingress) or from those pods to the peer's
// endpoints (egress), merged per (source, target). A selector matching a whole namespace (empty pod
// selector) points at the namespace node; one matching several workloads fans out to each with a label
// naming the selector; an ipBlock points at the external node of that exact block (created as a derived
// external when the user has not placed one); a rule without peers points at `any`, and the peer
// `namespaceSelector: {}` (every pod of every namespace) at `all-namespaces`. Edges never loop on a
// workload, but may loop on a namespace node (`ns:a -> ns:a`: "pods of a may reach each other").
//
// The matching is edgeContributions.ts (memoised per policy); this file joins the contributions into edges.
// An edit of a few policies among thousands joins again only the edges those policies touched (before and
// after): at 5,000 policies the whole join was ~30 ms of the page's thread after every YAML edit.
import { nodePeerExternals } from './adminEdges';
import { type Contribution, contributionsIn } from './edgeContributions';
import { isNamespaceRef, policyKey } from './model';
import {
  ALL_NAMESPACES_REF,
  ANY_REF,
  type DerivedExternal,
  type DerivedGraph,
  type DesignDoc,
  type DesignPolicy,
  type NodeRef,
  type PeerRef,
  type RuleEdge,
} from './types';

export { formatPorts, isAllNamespacesPeer, prepareEdges } from './edgeContributions';

type Direction = 'Ingress' | 'Egress';

/** One (source, target) pair one peer of one rule draws. */
interface Piece {
  readonly id: string;
  readonly source: NodeRef;
  readonly target: NodeRef;
  readonly ref: PeerRef;
  readonly label: string;
  readonly selectorLabel: string | undefined;
}

/** What one policy adds to the graph, in the order the join meets it. */
interface PolicyPieces {
  /** By edge id, each edge's pieces in the order the policy's rules and peers draw them. */
  readonly byEdge: ReadonlyMap<string, readonly Piece[]>;
  readonly unmatched: readonly { readonly ref: PeerRef; readonly message: string }[];
  readonly blocks: readonly DerivedExternal[];
  readonly anyUsed: boolean;
  readonly allNamespacesUsed: boolean;
  readonly managed: boolean;
}

/** By the policy's contributions (one array per policy and inventory). */
const piecesMemo = new WeakMap<object, PolicyPieces>();

function piecesOf(p: DesignPolicy, contributions: readonly Contribution[]): PolicyPieces {
  const known = piecesMemo.get(contributions);
  if (known) return known;
  const byEdge = new Map<string, Piece[]>();
  const unmatched: { ref: PeerRef; message: string }[] = [];
  const blocks: DerivedExternal[] = [];
  let anyUsed = false;
  let allNamespacesUsed = false;
  const key = policyKey(p);
  for (const { ref, label, subject, other, block } of contributions) {
    if (ref.peerIndex === undefined) anyUsed = true;
    if (other.nodes[0] === ALL_NAMESPACES_REF) allNamespacesUsed = true;
    if (block) blocks.push(block);
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
        const piece = { id, source, target, ref, label, selectorLabel };
        const list = byEdge.get(id);
        if (list) list.push(piece);
        else byEdge.set(id, [piece]);
      }
  }
  const out: PolicyPieces = {
    byEdge,
    unmatched,
    blocks,
    anyUsed,
    allNamespacesUsed,
    managed: !!p.managed,
  };
  piecesMemo.set(contributions, out);
  return out;
}

// An edge's directions, in this order; shared (no edge changes them).
const BOTH: readonly Direction[] = ['Ingress', 'Egress'];
const INGRESS_ONLY: readonly Direction[] = ['Ingress'];
const EGRESS_ONLY: readonly Direction[] = ['Egress'];

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

/** One edge, from the pieces of every policy that draws it, in policy order. */
function joinEdge(id: string, policies: Iterable<PolicyPieces>): RuleEdge | undefined {
  let first: Piece | undefined;
  const refs: PeerRef[] = [];
  const labels: string[] = [];
  let ingress = false;
  let egress = false;
  let managed = true;
  let selectorLabel: string | undefined;
  for (const pp of policies)
    for (const piece of pp.byEdge.get(id) ?? []) {
      first ??= piece;
      refs.push(piece.ref);
      labels.push(piece.label);
      if (piece.ref.direction === 'Ingress') ingress = true;
      else egress = true;
      managed &&= pp.managed;
      selectorLabel ??= piece.selectorLabel;
    }
  if (!first) return undefined;
  const only = labels.length === 1 ? labels[0]! : undefined;
  return {
    id,
    source: first.source,
    target: first.target,
    refs,
    label: labels.includes('any')
      ? 'any'
      : only !== undefined && !only.includes(', ')
        ? only
        : [...new Set(labels.flatMap((l) => l.split(', ')))].join(', '),
    directions: ingress && egress ? BOTH : ingress ? INGRESS_ONLY : EGRESS_ONLY,
    ...(selectorLabel ? { selectorLabel } : {}),
    managed,
  };
}

/** The rule edges of one document, and what a later document's join starts from. */
interface Join {
  /** Per policy, in the document's order; the same object for a policy whose drawing did not change. */
  readonly perPolicy: readonly PolicyPieces[];
  /** Edge id → the indices of the policies that draw it, ascending. */
  readonly drawnBy: Map<string, number[]>;
  readonly byId: Map<string, RuleEdge>;
  /** Sorted by id in UTF-16 order. */
  readonly edges: readonly RuleEdge[];
}

/** Above this many changed policies the whole join is done again (an import, a new document). */
const INCREMENTAL_MAX = 64;

function insertSorted(list: number[], i: number): void {
  let at = list.length;
  while (at > 0 && list[at - 1]! > i) at--;
  if (list[at - 1] !== i) list.splice(at, 0, i);
}

function joinAll(
  perPolicy: readonly PolicyPieces[],
  previous: Map<string, RuleEdge> | undefined,
): Pick<Join, 'drawnBy' | 'byId' | 'edges'> {
  const drawnBy = new Map<string, number[]>();
  perPolicy.forEach((pp, i) => {
    for (const id of pp.byEdge.keys()) {
      const list = drawnBy.get(id);
      if (list) list.push(i);
      else drawnBy.set(id, [i]);
    }
  });
  // Sorted by id in UTF-16 order (the default sort's, without a comparator called 100,000 times at real size).
  const edges = [...drawnBy.keys()].sort().map((id) => {
    const edge = joinEdge(
      id,
      drawnBy.get(id)!.map((i) => perPolicy[i]!),
    )!;
    const before = previous?.get(id);
    return before && sameRuleEdge(before, edge) ? before : edge;
  });
  return { drawnBy, byId: new Map(edges.map((e) => [e.id, e])), edges };
}

/**
 * Joins again only the edges drawn by the policies at `changed` (before or after the change), from the join of
 * a document with the same inventory and as many policies; the rest of the join is handed on (its maps are
 * taken over, not copied: only the latest join is ever continued).
 */
function joinChanged(
  last: Join,
  perPolicy: readonly PolicyPieces[],
  changed: readonly number[],
): Pick<Join, 'drawnBy' | 'byId' | 'edges'> {
  const touched = new Set<string>();
  for (const i of changed) {
    unlist(last, i, touched);
    enlist(last.drawnBy, perPolicy, i, touched);
  }
  return rejoin(last, perPolicy, touched);
}

/** Takes policy `i` of the last join off the lists of the edges it drew (marking them touched). */
function unlist(last: Join, i: number, touched: Set<string>): void {
  for (const id of last.perPolicy[i]!.byEdge.keys()) {
    touched.add(id);
    const list = last.drawnBy.get(id)!;
    list.splice(list.indexOf(i), 1);
  }
}

/** Puts policy `i` of `perPolicy` on the lists of the edges it draws, in order (marking them touched). */
function enlist(
  drawnBy: Map<string, number[]>,
  perPolicy: readonly PolicyPieces[],
  i: number,
  touched: Set<string>,
): void {
  for (const id of perPolicy[i]!.byEdge.keys()) {
    touched.add(id);
    const list = drawnBy.get(id);
    if (list) insertSorted(list, i);
    else drawnBy.set(id, [i]);
  }
}

/**
 * Joins again the edges drawn by the policies in `lo..ha-1` of the last join, replaced by those in `lo..hb-1`
 * (a policy added or removed: the ones after it move by `hb - ha`).
 */
function joinShifted(
  last: Join,
  perPolicy: readonly PolicyPieces[],
  lo: number,
  ha: number,
  hb: number,
): Pick<Join, 'drawnBy' | 'byId' | 'edges'> {
  const { drawnBy } = last;
  const touched = new Set<string>();
  for (let i = lo; i < ha; i++) unlist(last, i, touched);
  const shift = hb - ha;
  // Lists are ascending: the indices from `ha` on are at their ends.
  if (shift !== 0)
    for (const list of drawnBy.values())
      for (let k = list.length - 1; k >= 0 && list[k]! >= ha; k--) list[k] = list[k]! + shift;
  for (let i = lo; i < hb; i++) enlist(drawnBy, perPolicy, i, touched);
  return rejoin(last, perPolicy, touched);
}

/** The edges at `touched` joined again from `drawnBy` (already updated); the others handed on. */
function rejoin(
  last: Join,
  perPolicy: readonly PolicyPieces[],
  touched: ReadonlySet<string>,
): Pick<Join, 'drawnBy' | 'byId' | 'edges'> {
  const { drawnBy, byId } = last;
  const added: string[] = [];
  let removed = false;
  for (const id of touched) {
    const list = drawnBy.get(id)!;
    const before = byId.get(id);
    if (list.length === 0) {
      drawnBy.delete(id);
      byId.delete(id);
      removed = true;
      continue;
    }
    const edge = joinEdge(
      id,
      list.map((i) => perPolicy[i]!),
    )!;
    if (!before) added.push(id);
    if (!before || !sameRuleEdge(before, edge)) byId.set(id, edge);
  }
  let ids: string[];
  if (added.length === 0 && !removed) ids = last.edges.map((e) => e.id);
  else {
    // Merge the new ids (sorted) into the kept ones (sorted already).
    added.sort();
    const kept = last.edges.map((e) => e.id).filter((id) => byId.has(id));
    ids = [];
    let a = 0;
    for (const id of kept) {
      while (a < added.length && added[a]! < id) ids.push(added[a++]!);
      ids.push(id);
    }
    while (a < added.length) ids.push(added[a++]!);
  }
  return { drawnBy, byId, edges: ids.map((id) => byId.get(id)!) };
}

/**
 * A derivation that continues from the last document it derived: an edit of a few policies joins again only
 * the edges they touch. What it returns never depends on what it derived before (only which edge objects are
 * handed out again, equal in every field, so that the canvas redraws only changed edges).
 */
export function createEdgeDeriver(): (doc: DesignDoc) => DerivedGraph {
  let last: Join | undefined;
  return (doc) => {
    const contributions = contributionsIn(doc);
    // A policy's pieces are the same object while neither it nor the inventory changed.
    const perPolicy = doc.policies.map((p) => piecesOf(p, contributions(p)));
    let changed: number[] | undefined;
    let shifted: readonly [number, number, number] | undefined;
    if (last && last.perPolicy.length === perPolicy.length) {
      changed = [];
      for (let i = 0; i < perPolicy.length && changed.length <= INCREMENTAL_MAX; i++)
        if (perPolicy[i] !== last.perPolicy[i]) changed.push(i);
      if (changed.length > INCREMENTAL_MAX) changed = undefined;
    } else if (last) {
      // A policy added or removed (a new rule's policy, a what-if switch): the policies past the common start
      // and end moved.
      const before = last.perPolicy;
      let lo = 0;
      while (lo < before.length && lo < perPolicy.length && before[lo] === perPolicy[lo]) lo++;
      let ha = before.length;
      let hb = perPolicy.length;
      while (ha > lo && hb > lo && before[ha - 1] === perPolicy[hb - 1]) {
        ha--;
        hb--;
      }
      if (ha - lo + (hb - lo) <= INCREMENTAL_MAX) shifted = [lo, ha, hb];
    }
    const joined =
      last && changed
        ? joinChanged(last, perPolicy, changed)
        : last && shifted
          ? joinShifted(last, perPolicy, ...shifted)
          : joinAll(perPolicy, last?.byId);
    last = { perPolicy, ...joined };

    const unmatched = perPolicy.flatMap((pp) => pp.unmatched);
    const blocks = new Map<string, DerivedExternal>();
    let anyUsed = false;
    let allNamespacesUsed = false;
    for (const pp of perPolicy) {
      for (const block of pp.blocks) blocks.set(block.id, block);
      anyUsed ||= pp.anyUsed;
      allNamespacesUsed ||= pp.allNamespacesUsed;
    }
    const externals: DerivedExternal[] = doc.externals.map((e) => ({ ...e, derived: false }));
    for (const [id, ext] of [...blocks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (!externals.some((e) => e.id === id)) externals.push(ext);
    // The addresses of the Nodes that cluster-wide `nodes` peers select, which the engine evaluates like outside ones.
    for (const ext of nodePeerExternals(doc))
      if (!externals.some((e) => e.id === ext.id)) externals.push(ext);
    // `any` once: the user may have added it (Add anywhere) before a rule used it.
    if ((anyUsed || doc.layout[ANY_REF]) && !externals.some((e) => e.id === ANY_REF))
      externals.push({ id: ANY_REF, label: 'anywhere', cidr: '0.0.0.0/0', derived: true });
    // Every pod of every namespace, no address: drawn like `any` (no block of its own, so no CIDR).
    if (allNamespacesUsed && !externals.some((e) => e.id === ALL_NAMESPACES_REF))
      externals.push({ id: ALL_NAMESPACES_REF, label: 'all namespaces', cidr: '', derived: true });
    return { edges: joined.edges, externals, unmatched };
  };
}

export const deriveEdges: (doc: DesignDoc) => DerivedGraph = createEdgeDeriver();
