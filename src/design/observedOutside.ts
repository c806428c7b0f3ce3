// Addresses outside the cluster in observed traffic, as the Flows panel shows them: each address with the
// flows from and to it and the canvas node that stands for it now (the narrowest external node holding it, else
// none), and the blocks they aggregate to at the prefix lengths the user picks — the engine's outsideCidr, the
// rule `netpol generate --from-flows --ipv4-prefix/--ipv6-prefix` writes its ipBlocks by — which the
// `addObservedExternals` operation adds as external nodes. Plain data: the addresses are part of the observed
// report (observedReport.ts, computed in the analysis worker); the blocks are computed on the page from the
// report's addresses, again whenever the user changes the prefix lengths (OutsideAddresses.tsx).
import { type OutsidePrefixes, outsideCidr } from '../engine/flows';
import type { FlowEndpoint, ObservedFlow } from '../engine/flows/types';
import { parseIp } from '../engine/ipRanges';
import { externalId } from './model';
import { type NodeRef, OUTSIDE_REF } from './types';

/** An address outside the cluster that the capture shows. */
export interface OutsideAddressView {
  readonly ip: string;
  /** Distinct flows it sent into the cluster, and received from it. */
  readonly from: number;
  readonly to: number;
  /** The node it is drawn on: the narrowest external node holding it, else `outside` (no node stands for it). */
  readonly node: NodeRef;
}

/** A canvas node that stands for addresses: an external node of the document or of its policies' ipBlocks. */
export interface ExternalNodeView {
  readonly id: NodeRef;
  readonly label: string;
}

type External = Extract<FlowEndpoint, { kind: 'external' }>;

/** Every outside address of `flows`, in the order first seen, with the node `nodeOf` draws it on. */
export function outsideAddresses(
  flows: readonly ObservedFlow[],
  nodeOf: (e: External) => NodeRef,
): OutsideAddressView[] {
  const byIp = new Map<string, { ip: string; from: number; to: number; node: NodeRef }>();
  const note = (e: FlowEndpoint, side: 'from' | 'to') => {
    if (e.kind !== 'external') return;
    const key = `${e.family}:${e.value}`;
    let a = byIp.get(key);
    if (!a) {
      a = { ip: e.ip, from: 0, to: 0, node: nodeOf(e) };
      byIp.set(key, a);
    }
    a[side]++;
  };
  for (const f of flows) {
    note(f.src, 'from');
    note(f.dst, 'to');
  }
  return [...byIp.values()];
}

/** Outside addresses grouped into one block of the chosen prefix length. */
export interface OutsideBlock {
  readonly cidr: string;
  /** The external node id the block gets (`ext:<cidr>`), and whether the canvas has it already. */
  readonly id: NodeRef;
  readonly onCanvas: boolean;
  readonly addresses: readonly string[];
  readonly from: number;
  readonly to: number;
  /** Labels of the nodes its addresses are drawn on now (`outside` when no node stands for one). */
  readonly drawnOn: readonly NodeRef[];
}

/** The blocks the outside addresses aggregate to, in the order their first address was seen. */
export function outsideBlocks(
  outside: readonly OutsideAddressView[],
  externalNodes: readonly ExternalNodeView[],
  prefixes: OutsidePrefixes,
): OutsideBlock[] {
  const onCanvas = new Set(externalNodes.map((x) => x.id));
  const blocks = new Map<
    string,
    { cidr: string; addresses: string[]; from: number; to: number; drawnOn: Set<NodeRef> }
  >();
  for (const a of outside) {
    const parsed = parseIp(a.ip);
    if (!parsed) continue;
    const cidr = outsideCidr(parsed, prefixes);
    let b = blocks.get(cidr);
    if (!b) {
      b = { cidr, addresses: [], from: 0, to: 0, drawnOn: new Set() };
      blocks.set(cidr, b);
    }
    b.addresses.push(a.ip);
    b.from += a.from;
    b.to += a.to;
    b.drawnOn.add(a.node);
  }
  return [...blocks.values()].map((b) => {
    const id = externalId(b.cidr);
    return { ...b, id, onCanvas: onCanvas.has(id), drawnOn: [...b.drawnOn] };
  });
}

/** How the panel names the node an outside address is drawn on. */
export function externalNodeName(ref: NodeRef, externalNodes: readonly ExternalNodeView[]): string {
  if (ref === OUTSIDE_REF) return 'no external node';
  const node = externalNodes.find((x) => x.id === ref);
  if (!node) return ref;
  const cidr = node.id.startsWith('ext:') ? node.id.slice(4) : undefined;
  return cidr && node.label !== cidr ? `${node.label} (${cidr})` : node.label;
}
