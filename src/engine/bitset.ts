// Fixed-size bitsets over a universe of small integers (equivalence classes and address pieces), so that
// "which sources does this rule admit" is a few machine words instead of a list of pods.
export type Bitset = Uint32Array;

export function newBitset(size: number): Bitset {
  return new Uint32Array((size + 31) >>> 5);
}

/**
 * Bitsets of one universe carved from large shared buffers. A compilation keeps one per distinct selection and
 * rule peers: at 64,000 classes each is 8 KB, and as an ArrayBuffer each they made the garbage collector run a
 * full collection every few thousand (external memory), most of the 100 MB manifest's compile time.
 */
export class BitsetSlab {
  private chunk = new Uint32Array(0);
  private used = 0;
  private readonly words: number;

  constructor(
    size: number,
    private readonly chunkWords = 2 ** 22,
  ) {
    this.words = (size + 31) >>> 5;
  }

  /** An empty bitset, kept as long as any bitset of its buffer is. */
  alloc(): Bitset {
    if (this.used + this.words > this.chunk.length) {
      this.chunk = new Uint32Array(Math.max(this.words, this.chunkWords));
      this.used = 0;
    }
    const b = this.chunk.subarray(this.used, this.used + this.words);
    this.used += this.words;
    return b;
  }
}

export function setBit(b: Bitset, i: number): void {
  b[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(b: Bitset, i: number): boolean {
  return (b[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** Calls `f` for every set bit, in increasing order. */
export function forEachBit(b: Bitset, f: (i: number) => void): void {
  forEachBitIn(b, 0, b.length << 5, f);
}

/** Calls `f` for every set bit `i` with `lo <= i < hi`, in increasing order. */
export function forEachBitIn(b: Bitset, lo: number, hi: number, f: (i: number) => void): void {
  const last = Math.min(b.length, (hi + 31) >>> 5);
  for (let w = lo >>> 5; w < last; w++) {
    let word = b[w];
    if (w === lo >>> 5) word &= -1 << (lo & 31);
    if (w === (hi - 1) >>> 5 && (hi & 31) !== 0) word &= (1 << (hi & 31)) - 1;
    while (word !== 0) {
      const low = word & -word;
      f((w << 5) + 31 - Math.clz32(low));
      word ^= low;
    }
  }
}
