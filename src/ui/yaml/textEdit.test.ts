import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyReplacement, minimalReplacement, WHOLESALE_CHARS, writesWholesale } from './textEdit';

describe('minimalReplacement', () => {
  it('is null for equal texts', () => {
    expect(minimalReplacement('a: 1\n', 'a: 1\n')).toBeNull();
  });

  it('replaces only the changed port, keeping the lines around it', () => {
    const before = 'ports:\n  - port: 8080\n    protocol: TCP\n';
    const after = 'ports:\n  - port: 9090\n    protocol: TCP\n';
    const r = minimalReplacement(before, after);
    const at = before.indexOf('8080');
    // '8080' → '9090' differs from its first to its third digit.
    expect(r).toEqual({ start: at, end: at + 3, text: '909' });
  });

  it('handles pure insertions and deletions at either end', () => {
    expect(minimalReplacement('abc', 'xabc')).toEqual({ start: 0, end: 0, text: 'x' });
    expect(minimalReplacement('abc', 'ab')).toEqual({ start: 2, end: 3, text: '' });
    expect(minimalReplacement('', 'new')).toEqual({ start: 0, end: 0, text: 'new' });
  });

  it('never splits a surrogate pair', () => {
    const r = minimalReplacement('a😀b', 'a😃b');
    expect(r).not.toBeNull();
    expect(r!.start).toBe(1);
    expect(r!.end).toBe(3);
  });

  it('turns the old text into the new one, within the span of the change (law)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const r = minimalReplacement(a, b);
        if (a === b) return r === null;
        if (!r) return false;
        return applyReplacement(a, r) === b && r.start <= r.end && r.end <= a.length;
      }),
    );
  });

  it('keeps the unchanged prefix and suffix untouched (law)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (pre, mid1, mid2, suf) => {
        const r = minimalReplacement(pre + mid1 + suf, pre + mid2 + suf);
        if (!r) return mid1 === mid2;
        return r.start >= pre.length - 1 && r.text.length <= Math.max(mid2.length, mid1.length) + 2;
      }),
    );
  });
});

describe('writesWholesale', () => {
  it('sets the text whole only when a change inserts more than a quarter megabyte', () => {
    const big = 'x'.repeat(WHOLESALE_CHARS + 1);
    expect(writesWholesale(minimalReplacement('', big)!)).toBe(true);
    expect(writesWholesale(minimalReplacement('a: 1\n', 'a: 2\n')!)).toBe(false);
    // A small edit inside a large text is still a minimal edit (cursor, scroll and editor undo survive).
    expect(writesWholesale(minimalReplacement(`${big}a: 1\n`, `${big}a: 2\n`)!)).toBe(false);
  });
});
