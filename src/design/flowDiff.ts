// What a change did to the permitted flows: for each pair of canvas nodes, the ports gained and the ports lost
// between two simulations. This is how workshop mode shows the additive model: a policy that selects pods
// isolates them (flows lost), and each allow rule on top only gives some back (flows gained).
import {
  formatConnectionSet,
  isEmpty,
  noConnections,
  parseConnectionSet,
  subtract,
} from '../engine/connectionSet';
import type { ConnectionSet } from '../engine/types';
import { type Flow, type NodeRef, OUTSIDE_REF } from './types';

export type FlowChangeKind = 'gained' | 'lost' | 'changed';

export interface FlowChange {
  readonly source: NodeRef;
  readonly target: NodeRef;
  /** `gained`: nothing was allowed before; `lost`: nothing is allowed now; `changed`: some ports each way. */
  readonly kind: FlowChangeKind;
  /** Formatted connection sets (`TCP 8080`, `All Connections`), '' for none. */
  readonly before: string;
  readonly after: string;
  /** Allowed now and not before / before and not now; '' when none. */
  readonly gained: string;
  readonly lost: string;
}

const pairKey = (source: string, target: string) => `${source}\u0000${target}`;

function connOf(text: string): ConnectionSet {
  // Flows carry what `formatConnectionSet` wrote, which always parses; a bad string counts as nothing.
  return parseConnectionSet(text) ?? noConnections();
}

function format(set: ConnectionSet): string {
  return isEmpty(set) ? '' : formatConnectionSet(set);
}

/**
 * The changes from `before` to `after`, sorted by source then target. Pairs whose connections are equal are
 * left out, so `diffFlows(a, a)` is empty; swapping the arguments swaps `gained` and `lost`.
 */
export function diffFlows(before: readonly Flow[], after: readonly Flow[]): FlowChange[] {
  const old = new Map<string, Flow>();
  for (const f of before) old.set(pairKey(f.source, f.target), f);
  const now = new Map<string, Flow>();
  for (const f of after) now.set(pairKey(f.source, f.target), f);
  const changes: FlowChange[] = [];
  const visit = (source: string, target: string) => {
    const key = pairKey(source, target);
    const b = old.get(key)?.conn ?? '';
    const a = now.get(key)?.conn ?? '';
    if (a === b) return;
    const bs = connOf(b);
    const as = connOf(a);
    const gained = format(subtract(as, bs));
    const lost = format(subtract(bs, as));
    if (gained === '' && lost === '') return;
    const kind: FlowChangeKind = isEmpty(bs) ? 'gained' : isEmpty(as) ? 'lost' : 'changed';
    changes.push({ source, target, kind, before: format(bs), after: format(as), gained, lost });
  };
  for (const f of after) visit(f.source, f.target);
  for (const f of before) if (!now.has(pairKey(f.source, f.target))) visit(f.source, f.target);
  return changes.sort((x, y) =>
    x.source < y.source
      ? -1
      : x.source > y.source
        ? 1
        : x.target < y.target
          ? -1
          : x.target > y.target
            ? 1
            : 0,
  );
}

/** Counts for a one-line summary: pairs that gained some ports, pairs that lost some. */
export function changeCounts(changes: readonly FlowChange[]): { gained: number; lost: number } {
  let gained = 0;
  let lost = 0;
  for (const c of changes) {
    if (c.gained) gained++;
    if (c.lost) lost++;
  }
  return { gained, lost };
}

/** How a change list names one end of a flow: node refs as they are, the addresses outside them in words. */
export function flowEndName(ref: NodeRef): string {
  return ref === OUTSIDE_REF ? 'other addresses (no external node stands for them)' : ref;
}
