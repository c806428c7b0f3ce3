import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatIp,
  formatIpRange,
  formatIpRanges,
  formatRangesReadably,
  intersectRanges,
  ipBlockRanges,
  isValidCidr,
  parseCidr,
  parseIp,
  partitionAddressSpace,
  rangesContain,
  rangeToCidrs,
  subtractRanges,
  unionRanges,
} from './ipRanges';
import type { IpRange } from './types';

const v4 = (text: string) => parseCidr(text)!;

describe('parseCidr', () => {
  it('reads IPv4 CIDRs including /0 and /32', () => {
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, start: 0n, end: 2n ** 32n - 1n });
    expect(formatIpRange(v4('10.0.0.0/8'))).toBe('10.0.0.0-10.255.255.255');
    expect(formatIpRange(v4('8.8.8.8/32'))).toBe('8.8.8.8-8.8.8.8');
  });

  it('masks host bits as Go net.ParseCIDR does', () => {
    expect(formatIpRange(v4('10.1.2.3/16'))).toBe('10.1.0.0-10.1.255.255');
  });

  it('reads IPv6 CIDRs in every spelling', () => {
    expect(parseCidr('::/0')).toEqual({ family: 6, start: 0n, end: 2n ** 128n - 1n });
    expect(formatIpRange(parseCidr('fd00::/64')!)).toBe('fd00::-fd00::ffff:ffff:ffff:ffff');
    expect(formatIpRange(parseCidr('2001:db8:0:0:0:0:0:1/128')!)).toBe('2001:db8::1-2001:db8::1');
    expect(parseCidr('::ffff:10.0.0.1/128')!.start).toBe((0xffffn << 32n) | (10n << 24n) | 1n);
  });

  it('rejects what is not a CIDR', () => {
    for (const bad of [
      '10.0.0.0',
      '10.0.0.0/33',
      '256.0.0.0/8',
      '10.0.0/8',
      'fd00::/129',
      '1:2:3/8',
      'x/1',
      '',
      '10.0.0.0/-1',
      '::1::/8',
      '01.2.3.4/32',
    ]) {
      expect(isValidCidr(bad), bad).toBe(false);
    }
  });
});

describe('parseIp and formatIp', () => {
  it('round-trips IPv4 and compresses IPv6 (RFC 5952)', () => {
    expect(parseIp('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(formatIp(6, parseIp('2001:0db8:0000:0000:0001:0000:0000:0001')!.value)).toBe('2001:db8::1:0:0:1');
    expect(formatIp(6, 0n)).toBe('::');
    expect(formatIp(6, 1n)).toBe('::1');
    expect(formatIp(6, parseIp('1:0:2:3:4:5:6:7')!.value)).toBe('1:0:2:3:4:5:6:7');
    expect(parseIp('1.2.3')).toBeUndefined();
  });

  it('formatIp then parseIp gives the address back', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), (n) => {
        expect(parseIp(formatIp(6, n))).toEqual({ family: 6, value: n });
      }),
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), (n) => {
        expect(parseIp(formatIp(4, n))).toEqual({ family: 4, value: n });
      }),
    );
  });
});

describe('range sets', () => {
  it('ipBlock ranges are the cidr minus its excepts', () => {
    const r = ipBlockRanges('10.0.0.0/8', ['10.1.0.0/16', '10.200.0.0/16'])!;
    expect(formatIpRanges(r)).toBe(
      '10.0.0.0-10.0.255.255, 10.2.0.0-10.199.255.255, 10.201.0.0-10.255.255.255',
    );
    expect(ipBlockRanges('10.0.0.0/8', ['10.0.0.0/8'])).toEqual([]);
    expect(ipBlockRanges('bad')).toBeUndefined();
  });

  it('union merges adjacent ranges, and families stay apart', () => {
    expect(formatIpRanges(unionRanges([v4('10.0.0.0/9')], [v4('10.128.0.0/9')]))).toBe(
      '10.0.0.0-10.255.255.255',
    );
    expect(unionRanges([v4('0.0.0.0/0')], [parseCidr('::/0')!])).toHaveLength(2);
  });

  const rangeArb: fc.Arbitrary<IpRange> = fc
    .tuple(fc.bigInt({ min: 0n, max: 255n }), fc.bigInt({ min: 0n, max: 255n }))
    .map(([a, b]) => ({ family: 4, ...(a <= b ? { start: a, end: b } : { start: b, end: a }) }));
  const setArb = fc.array(rangeArb, { maxLength: 4 });
  const addr = fc.bigInt({ min: 0n, max: 260n });

  it('membership follows union, intersection and subtraction', () => {
    fc.assert(
      fc.property(setArb, setArb, addr, (a, b, x) => {
        const inA = rangesContain(a, 4, x);
        const inB = rangesContain(b, 4, x);
        expect(rangesContain(unionRanges(a, b), 4, x)).toBe(inA || inB);
        expect(rangesContain(intersectRanges(a, b), 4, x)).toBe(inA && inB);
        expect(rangesContain(subtractRanges(a, b), 4, x)).toBe(inA && !inB);
      }),
    );
  });

  it('the partition covers the space once, and each piece is wholly in or out of every set', () => {
    fc.assert(
      fc.property(fc.array(setArb, { maxLength: 4 }), addr, (sets, x) => {
        const pieces = partitionAddressSpace(sets);
        const holding = pieces.filter((p) => rangesContain(p.ranges, 4, x));
        expect(holding).toHaveLength(1);
        const members = sets.flatMap((s, k) => (rangesContain(s, 4, x) ? [k] : []));
        expect(holding[0].memberOf).toEqual(members);
        // Two pieces never share a signature: they would have been joined.
        const keys = pieces.map((p) => p.memberOf.join(','));
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('the partition is the whole IPv4 space with no ipBlock, and adds IPv6 only when one is IPv6', () => {
    expect(formatIpRanges(partitionAddressSpace([])[0].ranges)).toBe('0.0.0.0-255.255.255.255');
    const pieces = partitionAddressSpace([[parseCidr('fd00::/8')!]]);
    expect(pieces.map((p) => formatIpRanges(p.ranges))).toEqual([
      '0.0.0.0-255.255.255.255',
      '::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
      'fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]);
  });
});

describe('CIDR blocks of a range', () => {
  it('names whole spaces and aligned blocks as one CIDR', () => {
    expect(rangeToCidrs(v4('0.0.0.0/0'))).toEqual(['0.0.0.0/0']);
    expect(rangeToCidrs(parseCidr('::/0')!)).toEqual(['::/0']);
    expect(rangeToCidrs(v4('10.1.2.3/32'))).toEqual(['10.1.2.3/32']);
  });

  it('splits an unaligned range into the fewest blocks', () => {
    const r = { family: 4 as const, start: parseIp('10.0.0.1')!.value, end: parseIp('10.0.0.6')!.value };
    expect(rangeToCidrs(r)).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  });

  it('covers exactly the range, with blocks in order and no overlap', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }),
        fc.bigInt({ min: 0n, max: 5000n }),
        (a, len) => {
          const end = a + len > (1n << 32n) - 1n ? (1n << 32n) - 1n : a + len;
          const range: IpRange = { family: 4, start: a, end };
          const blocks = rangeToCidrs(range).map((c) => parseCidr(c)!);
          expect(unionRanges(blocks, [])).toEqual([range]);
          blocks.forEach((b, i) => {
            if (i > 0) expect(b.start).toBe(blocks[i - 1].end + 1n);
          });
        },
      ),
    );
  });

  it('reads as CIDRs when few blocks do, and as ranges otherwise', () => {
    const except = ipBlockRanges('0.0.0.0/0', ['10.0.0.0/8'])!;
    expect(formatRangesReadably(except)).toBe(formatIpRanges(except));
    expect(formatRangesReadably(except, 10)).toBe(
      '0.0.0.0/5, 8.0.0.0/7, 11.0.0.0/8, 12.0.0.0/6, 16.0.0.0/4, 32.0.0.0/3, 64.0.0.0/2, 128.0.0.0/1',
    );
    expect(formatRangesReadably([v4('10.0.0.0/8'), v4('11.0.0.0/8')])).toBe('10.0.0.0/7');
  });
});
