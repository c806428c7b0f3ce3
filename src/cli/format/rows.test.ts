import { describe, expect, it } from 'vitest';
import { compareBytes } from './rows';

describe('compareBytes', () => {
  it('orders as bytes: "-" before "[" so a-b[X] sorts before a[X], as netpol-analyzer does', () => {
    expect(['default/a[Pod]', 'default/a-b[Pod]'].sort(compareBytes)).toEqual([
      'default/a-b[Pod]',
      'default/a[Pod]',
    ]);
  });

  it('orders by code point above the BMP, unlike UTF-16 comparison', () => {
    // U+FF5E is below U+1F600 as a code point, but its UTF-16 unit is above the surrogate 0xD83D.
    expect(compareBytes('\u{ff5e}', '\u{1f600}')).toBe(-1);
    expect(compareBytes('ab', 'a')).toBe(1);
    expect(compareBytes('a', 'a')).toBe(0);
  });
});
