// Interned connection sets: each distinct set gets a small integer id, and union / intersection /
// subtraction of ids are memoised. Whole clusters use only a few hundred distinct sets, so per-pair work in
// the analysis becomes array lookups instead of interval arithmetic and allocation.
import {
  allConnections,
  formatConnectionSet,
  intersect,
  isAll,
  isEmpty,
  noConnections,
  subtract,
  union,
} from './connectionSet';
import type { ConnectionSet } from './types';

export const NONE_ID = 0;
export const ALL_ID = 1;

// Pair keys pack two ids into one number; ids stay far below 2^26.
const SHIFT = 2 ** 26;
// Pairs of the first DENSE ids are memoised in flat arrays (the common case: a cluster has few distinct
// sets), the rest in maps.
const DENSE = 512;
const DENSE_AFTER = 4096;

function denseArray(): Int32Array {
  return new Int32Array(DENSE * DENSE).fill(-1);
}

export class SetTable {
  private readonly sets: ConnectionSet[] = [noConnections(), allConnections()];
  private readonly byKey = new Map<string, number>();
  private readonly byObject = new WeakMap<ConnectionSet, number>();
  private readonly unions = new Map<number, number>();
  private readonly intersections = new Map<number, number>();
  private readonly differences = new Map<number, number>();
  // Allocated (1 MiB each) only once the maps have answered DENSE_AFTER pairs: small analyses (the lint's
  // explain of one pair, thousands of times per run; tests) never need them, and allocating them on first use
  // made the lint of a large input spend most of its time collecting garbage.
  private denseUnions: Int32Array | undefined;
  private denseIntersections: Int32Array | undefined;
  private unionLookups = 0;
  private intersectionLookups = 0;

  id(set: ConnectionSet): number {
    const known = this.byObject.get(set);
    if (known !== undefined) return known;
    let id: number;
    if (isEmpty(set)) id = NONE_ID;
    else if (isAll(set)) id = ALL_ID;
    else {
      const key = formatConnectionSet(set);
      const hit = this.byKey.get(key);
      if (hit !== undefined) id = hit;
      else {
        id = this.sets.length;
        this.sets.push(set);
        this.byKey.set(key, id);
      }
    }
    this.byObject.set(set, id);
    return id;
  }

  set(id: number): ConnectionSet {
    return this.sets[id];
  }

  get size(): number {
    return this.sets.length;
  }

  union(x: number, y: number): number {
    if (x === y || y === NONE_ID || x === ALL_ID) return x;
    if (x === NONE_ID || y === ALL_ID) return y;
    const flat = x < DENSE && y < DENSE ? this.denseUnions : undefined;
    if (flat) {
      const r = flat[x * DENSE + y];
      if (r >= 0) return r;
    }
    const key = x < y ? x * SHIFT + y : y * SHIFT + x;
    let r = this.unions.get(key);
    if (r === undefined) {
      r = this.id(union(this.sets[x], this.sets[y]));
      this.unions.set(key, r);
    }
    if (flat) flat[x * DENSE + y] = r;
    else if (x < DENSE && y < DENSE && ++this.unionLookups > DENSE_AFTER) this.denseUnions = denseArray();
    return r;
  }

  intersect(x: number, y: number): number {
    if (x === y || y === ALL_ID || x === NONE_ID) return x;
    if (x === ALL_ID || y === NONE_ID) return y;
    const flat = x < DENSE && y < DENSE ? this.denseIntersections : undefined;
    if (flat) {
      const r = flat[x * DENSE + y];
      if (r >= 0) return r;
    }
    const key = x < y ? x * SHIFT + y : y * SHIFT + x;
    let r = this.intersections.get(key);
    if (r === undefined) {
      r = this.id(intersect(this.sets[x], this.sets[y]));
      this.intersections.set(key, r);
    }
    if (flat) flat[x * DENSE + y] = r;
    else if (x < DENSE && y < DENSE && ++this.intersectionLookups > DENSE_AFTER)
      this.denseIntersections = denseArray();
    return r;
  }

  subtract(x: number, y: number): number {
    if (x === NONE_ID || y === NONE_ID) return x;
    if (x === y || y === ALL_ID) return NONE_ID;
    const key = x * SHIFT + y;
    let r = this.differences.get(key);
    if (r === undefined) {
      r = this.id(subtract(this.sets[x], this.sets[y]));
      this.differences.set(key, r);
    }
    return r;
  }
}
