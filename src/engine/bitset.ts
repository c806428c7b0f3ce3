// Fixed-size bitsets over a universe of small integers (equivalence classes and address pieces), so that
// "which sources does this rule admit" is a few machine words instead of a list of pods.
export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

export function setBit(b: Bitset, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(b: Bitset, i: number): boolean {
  return (b[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** Calls `f` for every set bit, in increasing order. */
export function forEachBit(b: Bitset, f: (i: number) => void): void {
  for (let w = 0; w < b.length; w++) {
    let word = b[w];
    while (word !== 0) {
      const low = word & -word;
      f((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}
