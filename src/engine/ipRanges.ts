// IP addresses, CIDRs and sets of address ranges for IPv4 and IPv6 (as bigints), plus the partition of the
// address space into pieces that no ipBlock can tell apart. Never throws on user text: parsers return
// undefined for anything that is not a valid address or CIDR.
import type { IpRange } from './types';

const V4_MAX = (1n << 32n) - 1n;
const V6_MAX = (1n << 128n) - 1n;

export function familyMax(family: 4 | 6): bigint {
  return family === 4 ? V4_MAX : V6_MAX;
}

export function fullRange(family: 4 | 6): IpRange {
  return { family, start: 0n, end: familyMax(family) };
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p[0] === '0')) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  let s = text;
  // A trailing dotted IPv4 part (`::ffff:10.0.0.1`) stands for the last two groups.
  const lastColon = s.lastIndexOf(':');
  if (s.includes('.', lastColon)) {
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >> 16n).toString(16)}:${(v4 & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const readGroups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(Number.parseInt(g, 16));
    }
    return out;
  };
  const head = readGroups(halves[0]);
  const rest = halves.length === 2 ? readGroups(halves[1]) : [];
  if (!head || !rest) return undefined;
  const given = head.length + rest.length;
  let groups: number[];
  if (halves.length === 2) {
    if (given > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    if (given !== 8) return undefined;
    groups = head;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** An IPv4 or IPv6 address (no prefix), or undefined. */
export function parseIp(text: string): { family: 4 | 6; value: bigint } | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseIPv6(t);
    return v === undefined ? undefined : { family: 6, value: v };
  }
  const v = parseIPv4(t);
  return v === undefined ? undefined : { family: 4, value: v };
}

/**
 * A CIDR such as `10.0.0.0/8` or `fd00::/64` as the range it covers. Host bits are masked off, as
 * Go's net.ParseCIDR (used by Kubernetes and netpol-analyzer) does. Undefined when not a CIDR.
 */
export function parseCidr(text: string): IpRange | undefined {
  const m = /^([^/\s]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const ip = parseIp(m[1]);
  if (!ip) return undefined;
  const bits = ip.family === 4 ? 32 : 128;
  const prefix = Number(m[2]);
  if (prefix > bits || (m[2].length > 1 && m[2][0] === '0')) return undefined;
  const hostBits = BigInt(bits - prefix);
  const hostMask = (1n << hostBits) - 1n;
  const start = ip.value & ~hostMask & familyMax(ip.family);
  return { family: ip.family, start, end: start | hostMask };
}

export function isValidCidr(text: string): boolean {
  return parseCidr(text) !== undefined;
}

// ---- formatting ----------------------------------------------------------------------------------------------

export function formatIp(family: 4 | 6, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  }
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952: compress the longest run (at least two) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** `10.0.0.0-10.255.255.255`, `fd00::-fd00::ffff` (always as a range, even for one address). */
export function formatIpRange(r: IpRange): string {
  return `${formatIp(r.family, r.start)}-${formatIp(r.family, r.end)}`;
}

/** The ranges joined by `, `, as netpol-analyzer joins them. */
export function formatIpRanges(ranges: readonly IpRange[]): string {
  return ranges.map(formatIpRange).join(', ');
}

/** The fewest CIDR blocks covering exactly the range, in address order. */
export function rangeToCidrs(r: IpRange): string[] {
  const bits = r.family === 4 ? 32n : 128n;
  const out: string[] = [];
  let start = r.start;
  while (start <= r.end) {
    // The largest block aligned at `start` that does not run past the end.
    let size = 0n;
    while (
      size < bits &&
      (start & ((1n << (size + 1n)) - 1n)) === 0n &&
      start + (1n << (size + 1n)) - 1n <= r.end
    )
      size++;
    out.push(`${formatIp(r.family, start)}/${bits - size}`);
    start += 1n << size;
  }
  return out;
}

/**
 * A range set as people write it: CIDR blocks (`0.0.0.0/0`, `10.0.0.0/8, 11.0.0.0/8`) when at most `maxBlocks`
 * of them cover it, the address ranges otherwise.
 */
export function formatRangesReadably(ranges: readonly IpRange[], maxBlocks = 3): string {
  const blocks: string[] = [];
  for (const r of normalizeRanges(ranges)) {
    blocks.push(...rangeToCidrs(r));
    if (blocks.length > maxBlocks) return formatIpRanges(ranges);
  }
  return blocks.join(', ');
}

// ---- range sets ----------------------------------------------------------------------------------------------

function compareRanges(a: IpRange, b: IpRange): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.start < b.start ? -1 : a.start > b.start ? 1 : 0;
}

/** Sorted (IPv4 first), disjoint and non-adjacent ranges covering the same addresses. */
export function normalizeRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort(compareRanges);
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { family: r.family, start: last.start, end: r.end };
    } else out.push(r);
  }
  return out;
}

export function unionRanges(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  return normalizeRanges([...a, ...b]);
}

export function subtractRanges(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  const cut = normalizeRanges(b);
  const out: IpRange[] = [];
  for (const r of normalizeRanges(a)) {
    let start = r.start;
    for (const c of cut) {
      if (c.family !== r.family || c.end < start || c.start > r.end) continue;
      if (c.start > start) out.push({ family: r.family, start, end: c.start - 1n });
      start = c.end + 1n;
      if (start > r.end) break;
    }
    if (start <= r.end) out.push({ family: r.family, start, end: r.end });
  }
  return out;
}

export function intersectRanges(a: readonly IpRange[], b: readonly IpRange[]): IpRange[] {
  const out: IpRange[] = [];
  for (const x of normalizeRanges(a)) {
    for (const y of normalizeRanges(b)) {
      if (x.family !== y.family) continue;
      const s = maxBig(x.start, y.start);
      const e = minBig(x.end, y.end);
      if (s <= e) out.push({ family: x.family, start: s, end: e });
    }
  }
  return normalizeRanges(out);
}

export function rangesContain(ranges: readonly IpRange[], family: 4 | 6, value: bigint): boolean {
  return ranges.some((r) => r.family === family && r.start <= value && value <= r.end);
}

/** True when every address of `inner` lies in `outer`. */
export function rangesCover(outer: readonly IpRange[], inner: readonly IpRange[]): boolean {
  return subtractRanges(inner, outer).length === 0;
}

/** The addresses an ipBlock stands for: its cidr minus its excepts. Undefined when a CIDR is invalid. */
export function ipBlockRanges(cidr: string, except: readonly string[] = []): IpRange[] | undefined {
  const base = parseCidr(cidr);
  if (!base) return undefined;
  const holes: IpRange[] = [];
  for (const e of except) {
    const h = parseCidr(e);
    if (!h) return undefined;
    holes.push(h);
  }
  return subtractRanges([base], holes);
}

// ---- the partition -------------------------------------------------------------------------------------------

export interface AddressPiece {
  /** Disjoint ranges, in address order, that every given set either wholly contains or wholly avoids. */
  readonly ranges: readonly IpRange[];
  /** Indices of the given sets that contain this piece. */
  readonly memberOf: readonly number[];
}

/**
 * Cuts the address space (all of IPv4, and all of IPv6 when any set has an IPv6 range) by every boundary of
 * the given sets, then joins the cut pieces that belong to exactly the same sets: nothing that matches by
 * address can tell them apart. Pieces come in order of their first address, IPv4 first.
 */
export function partitionAddressSpace(sets: readonly (readonly IpRange[])[]): AddressPiece[] {
  const families: (4 | 6)[] = [4];
  if (sets.some((s) => s.some((r) => r.family === 6))) families.push(6);
  const pieces: AddressPiece[] = [];
  const bySignature = new Map<string, { ranges: IpRange[]; memberOf: number[] }>();
  for (const family of families) {
    const cuts = new Set<bigint>([0n]);
    for (const s of sets) {
      for (const r of s) {
        if (r.family !== family) continue;
        cuts.add(r.start);
        if (r.end < familyMax(family)) cuts.add(r.end + 1n);
      }
    }
    const points = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const members: number[][] = points.map(() => []);
    sets.forEach((s, k) => {
      for (const r of normalizeRanges(s)) {
        if (r.family !== family) continue;
        // r.start is a cut point, and the pieces it covers run up to r.end.
        for (let i = lowerBound(points, r.start); i < points.length && points[i] <= r.end; i++)
          members[i].push(k);
      }
    });
    for (let i = 0; i < points.length; i++) {
      const start = points[i];
      const end = i + 1 < points.length ? points[i + 1] - 1n : familyMax(family);
      const memberOf = members[i];
      const key = `${family}:${memberOf.join(',')}`;
      let group = bySignature.get(key);
      if (!group) {
        group = { ranges: [], memberOf };
        bySignature.set(key, group);
        pieces.push(group);
      }
      group.ranges.push({ family, start, end });
    }
  }
  return pieces.map((p) => ({ ranges: normalizeRanges(p.ranges), memberOf: p.memberOf }));
}

function lowerBound(points: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Math.min/max do not take bigints.
function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function minBig(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
