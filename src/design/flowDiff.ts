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

/** Each flow's connection by source, then target (the last flow of a pair wins). */
function connections(flows: readonly Flow[]): Map<string, Map<string, string>> {
  const bySource = new Map<string, Map<string, string>>();
  for (const f of flows) {
    let byTarget = bySource.get(f.source);
    if (!byTarget) {
      byTarget = new Map();
      bySource.set(f.source, byTarget);
    }
    byTarget.set(f.target, f.conn);
  }
  return bySource;
}

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
  // Simulations list their flows in one order (by endpoint), and an edit changes the flows of a few pairs: where
  // both lists hold the same pairs in the same places (the longest common head and tail) a pair is compared in
  // place; the maps are built for the rest only (20,000 flows after a large import were two maps of maps).
  const shorter = Math.min(before.length, after.length);
  const samePair = (i: number, j: number) =>
    before[i]!.source === after[j]!.source && before[i]!.target === after[j]!.target;
  let head = 0;
  while (head < shorter && samePair(head, head)) head++;
  let tail = 0;
  while (tail < shorter - head && samePair(before.length - 1 - tail, after.length - 1 - tail)) tail++;
  const middleBefore = before.slice(head, before.length - tail);
  const middleAfter = after.slice(head, after.length - tail);
  // Maps by source then target, not by a joined key: 20,000 flows after a large import made 60,000 key strings.
  const old = connections(middleBefore);
  const now = connections(middleAfter);
  const changes: FlowChange[] = [];
  // A design has few distinct connections (`TCP 8080`, …): each (before, after) pair is compared once, not once
  // per pair of nodes (20,000 flows after a large import were 20,000 parses and subtractions).
  const compared = new Map<string, Map<string, Omit<FlowChange, 'source' | 'target'> | null>>();
  const compare = (b: string, a: string) => {
    const bs = connOf(b);
    const as = connOf(a);
    const gained = format(subtract(as, bs));
    const lost = format(subtract(bs, as));
    if (gained === '' && lost === '') return null;
    const kind: FlowChangeKind = isEmpty(bs) ? 'gained' : isEmpty(as) ? 'lost' : 'changed';
    return { kind, before: format(bs), after: format(as), gained, lost };
  };
  const judge = (source: string, target: string, b: string, a: string) => {
    if (a === b) return;
    let fromB = compared.get(b);
    if (!fromB) {
      fromB = new Map();
      compared.set(b, fromB);
    }
    let change = fromB.get(a);
    if (change === undefined) {
      change = compare(b, a);
      fromB.set(a, change);
    }
    if (change) changes.push({ source, target, ...change });
  };
  const visit = (source: string, target: string) =>
    judge(source, target, old.get(source)?.get(target) ?? '', now.get(source)?.get(target) ?? '');
  for (let i = 0; i < head; i++) judge(after[i]!.source, after[i]!.target, before[i]!.conn, after[i]!.conn);
  for (let k = 1; k <= tail; k++) {
    const a = after[after.length - k]!;
    judge(a.source, a.target, before[before.length - k]!.conn, a.conn);
  }
  for (const f of middleAfter) visit(f.source, f.target);
  for (const f of middleBefore) if (!now.get(f.source)?.has(f.target)) visit(f.source, f.target);
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
