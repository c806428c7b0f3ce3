// The matching half of the canvas's rule edges (edges.ts joins the results): what each peer of each rule of a
// policy contributes — the nodes its policy selects and the nodes the peer stands for — memoised per policy and
// inventory, so an edit of one policy among thousands matches only that policy's selectors again.
import { matchesSelector } from '../engine/selector';
import type { LabelSelector, Labels, NetworkPolicyPeer, NetworkPolicyPort } from '../engine/types';
import { externalId, makeExternal, namespaceLabels, namespaceRef } from './model';
import { forEachPeerOf } from './peers';
import { formatSelector } from './policies';
import {
  ALL_NAMESPACES_REF,
  ANY_REF,
  type DerivedExternal,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  type NodeRef,
  type PeerRef,
} from './types';

const isEmpty = (sel: LabelSelector | undefined) =>
  !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);

export interface Endpoints {
  readonly nodes: readonly NodeRef[];
  /** Set when the selector stands for several nodes. */
  readonly selectorLabel?: string;
}

function fanOut(nodes: NodeRef[], name: () => string): Endpoints {
  return nodes.length > 1 ? { nodes, selectorLabel: name() } : { nodes };
}

/** Lookups built once per derivation: workloads by namespace, and namespace labels. */
export interface Index {
  readonly byNamespace: ReadonlyMap<string, readonly DesignWorkload[]>;
  readonly namespaces: readonly { readonly name: string; readonly labels: Labels }[];
}

export function indexOf(doc: DesignDoc): Index {
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

/** What one peer of one rule adds to the graph; depends only on the policy and the inventory. */
export interface Contribution {
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
 * only that policy's selectors are matched again (after an edit of a few workloads, see `carried`).
 */
const contributionMemo = new WeakMap<
  readonly DesignWorkload[],
  WeakMap<DesignDoc['namespaces'], WeakMap<DesignPolicy, readonly Contribution[]>>
>();

type PolicyMemo = WeakMap<DesignPolicy, readonly Contribution[]>;

/**
 * After an edit of a few workloads the inventory is a new one, but a policy none of the changed workloads can
 * appear in draws what it drew: its contributions are taken over from the inventory just before (`carried`:
 * that inventory's memo, and the changed workloads in both versions). Only one inventory back, so that a chain
 * of them does not keep every inventory before alive.
 */
const carried = new WeakMap<
  PolicyMemo,
  { readonly from: PolicyMemo; readonly changed: readonly DesignWorkload[] }
>();
let lastInventory: { readonly doc: DesignDoc; readonly memo: PolicyMemo } | null = null;

/** At most this many changed workloads are carried over; more: every policy is matched again. */
const MAX_CARRIED = 64;

/** The workloads of `before` and `after` that differ (both versions), or null when not the same ids. */
function changedWorkloads(
  before: readonly DesignWorkload[],
  after: readonly DesignWorkload[],
): DesignWorkload[] | null {
  if (before.length !== after.length) return null;
  const changed: DesignWorkload[] = [];
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b) continue;
    if (a.id !== b.id || changed.length >= 2 * MAX_CARRIED) return null;
    changed.push(a, b);
  }
  return changed;
}

export function policyMemo(doc: DesignDoc): PolicyMemo {
  let byNamespaces = contributionMemo.get(doc.workloads);
  if (!byNamespaces) {
    byNamespaces = new WeakMap();
    contributionMemo.set(doc.workloads, byNamespaces);
  }
  let byPolicy = byNamespaces.get(doc.namespaces);
  if (!byPolicy) {
    byPolicy = new WeakMap();
    byNamespaces.set(doc.namespaces, byPolicy);
    if (lastInventory && lastInventory.doc.namespaces === doc.namespaces) {
      const changed = changedWorkloads(lastInventory.doc.workloads, doc.workloads);
      if (changed) carried.set(byPolicy, { from: lastInventory.memo, changed });
      carried.delete(lastInventory.memo);
    }
    lastInventory = { doc, memo: byPolicy };
  }
  return byPolicy;
}

/**
 * Whether one of `changed` may be among the nodes of a contribution of `p`: in `p`'s namespace (its subject,
 * and peers without a namespace selector), or matched by the pod selector of a peer with a namespace selector.
 * Peers that stand for namespaces, addresses or `any` never list workloads.
 */
function mayList(p: DesignPolicy, changed: readonly DesignWorkload[]): boolean {
  if (changed.some((w) => w.namespace === p.namespace)) return true;
  let hit = false;
  forEachPeerOf(p, (_p, peer) => {
    if (hit || !peer?.namespaceSelector || isEmpty(peer.podSelector)) return;
    hit = changed.some((w) => matchesSelector(peer.podSelector!, w.labels));
  });
  return hit;
}

/** `p`'s contributions in the inventory of `memo`, matched once (or taken over, `carried`). */
function matchOnce(memo: PolicyMemo, ix: () => Index, p: DesignPolicy): readonly Contribution[] {
  let contributions = memo.get(p);
  if (!contributions) {
    const carry = carried.get(memo);
    const before = carry?.from.get(p);
    contributions = before && !mayList(p, carry!.changed) ? before : contributionsOf(ix, p);
    memo.set(p, contributions);
  }
  return contributions;
}

export function contributionsOf(ix: () => Index, p: DesignPolicy): Contribution[] {
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
    matchOnce(memo, ix, p);
  }
  return true;
}

/** The contributions of `doc`'s policies, each matched once per inventory (memoised). */
export function contributionsIn(doc: DesignDoc): (p: DesignPolicy) => readonly Contribution[] {
  const memo = policyMemo(doc);
  let index: Index | undefined;
  const ix = () => {
    index ??= indexOf(doc);
    return index;
  };
  return (p) => matchOnce(memo, ix, p);
}
