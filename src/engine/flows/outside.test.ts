import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr, parseIp, rangesContain } from '../ipRanges';
import { cidrOf, outsideCidr, parsePrefixLength } from './outside';

const ip = (text: string) => parseIp(text) as { family: 4 | 6; value: bigint };

describe('outside addresses aggregated to a prefix', () => {
  it('keeps the prefix bits of the address, at the edges /0, /32 and /128 too', () => {
    expect(outsideCidr(ip('203.0.113.77'), { ipv4Prefix: 24 })).toBe('203.0.113.0/24');
    expect(outsideCidr(ip('203.0.113.77'), {})).toBe('203.0.113.77/32');
    expect(outsideCidr(ip('203.0.113.77'), { ipv4Prefix: 0 })).toBe('0.0.0.0/0');
    expect(outsideCidr(ip('2001:db8:1:2:3:4:5:6'), { ipv6Prefix: 64 })).toBe('2001:db8:1:2::/64');
    expect(outsideCidr(ip('2001:db8::1'), {})).toBe('2001:db8::1/128');
    expect(outsideCidr(ip('2001:db8::1'), { ipv4Prefix: 8, ipv6Prefix: 0 })).toBe('::/0');
  });

  it('law: the block holds the address and every address that shares its prefix', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 }), (v, p) => {
        const cidr = cidrOf(4, v, p);
        const range = parseCidr(cidr);
        expect(range).toBeDefined();
        if (!range) return;
        expect(rangesContain([range], 4, v)).toBe(true);
        expect(range.end - range.start + 1n).toBe(1n << BigInt(32 - p));
      }),
    );
  });
});

describe('parsePrefixLength: a prefix length as typed', () => {
  it('takes 0 to 32 for IPv4 and 0 to 128 for IPv6', () => {
    expect(parsePrefixLength('0', 4)).toBe(0);
    expect(parsePrefixLength('32', 4)).toBe(32);
    expect(parsePrefixLength('128', 6)).toBe(128);
    expect(parsePrefixLength('64', 6)).toBe(64);
  });

  it('refuses anything else with the range and what was typed, never clamping', () => {
    for (const [text, family] of [
      ['33', 4],
      ['129', 6],
      ['-1', 4],
      ['', 4],
      [' 24', 4],
      ['24.5', 4],
      ['1e1', 4],
      ['0x10', 6],
      ['99999999999999999999', 6],
    ] as const) {
      const r = parsePrefixLength(text, family);
      expect(r, text).toEqual({ error: expect.stringContaining(`from 0 to ${family === 4 ? 32 : 128}`) });
    }
    expect(parsePrefixLength('33', 4)).toEqual({
      error: 'must be a prefix length from 0 to 32, got "33"',
    });
  });
});
