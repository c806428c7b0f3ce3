import { describe, expect, it } from 'vitest';
import { formatPath, lineStartsOf, offsetToPos, originKey, pathKey } from './positions';

describe('path keys and positions', () => {
  it('keeps a numeric index and a string key that looks like one apart, and dotted keys whole', () => {
    expect(pathKey(['items', 0])).not.toBe(pathKey(['items', '0']));
    expect(pathKey(['a.b'])).not.toBe(pathKey(['a', 'b']));
    expect(pathKey([])).toBe('');
  });

  it('writes paths as Kubernetes field paths', () => {
    expect(formatPath(['spec', 'ingress', 0, 'from', 1, 'ipBlock'])).toBe('spec.ingress[0].from[1].ipBlock');
    expect(formatPath([])).toBe('');
  });

  it('turns offsets into 1-based lines and columns', () => {
    const starts = lineStartsOf('ab\ncde\n\nf');
    expect(starts).toEqual([0, 3, 7, 8]);
    expect(offsetToPos('f', starts, 0)).toEqual({ file: 'f', line: 1, column: 1 });
    expect(offsetToPos('f', starts, 4)).toEqual({ file: 'f', line: 2, column: 2 });
    expect(offsetToPos('f', starts, 7)).toEqual({ file: 'f', line: 3, column: 1 });
    expect(offsetToPos('f', starts, 8)).toEqual({ file: 'f', line: 4, column: 1 });
  });

  it('keys objects by kind, namespace and name', () => {
    expect(originKey('NetworkPolicy', 'shop', 'db')).toBe('NetworkPolicy/shop/db');
    expect(originKey('Namespace', '', 'shop')).toBe('Namespace//shop');
  });
});
