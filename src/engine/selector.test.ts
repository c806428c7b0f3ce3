import { describe, expect, it } from 'vitest';
import { isEmptySelector, matchesSelector, selectorKey } from './selector';

const labels = { app: 'web', tier: 'front' };

describe('matchesSelector', () => {
  it('an empty selector matches every label set, even an empty one', () => {
    expect(matchesSelector({}, labels)).toBe(true);
    expect(matchesSelector({}, {})).toBe(true);
    expect(matchesSelector({ matchLabels: {}, matchExpressions: [] }, {})).toBe(true);
  });

  it('matchLabels needs every key with the same value', () => {
    expect(matchesSelector({ matchLabels: { app: 'web' } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'web', tier: 'front' } }, labels)).toBe(true);
    expect(matchesSelector({ matchLabels: { app: 'db' } }, labels)).toBe(false);
    expect(matchesSelector({ matchLabels: { app: 'web', team: 'a' } }, labels)).toBe(false);
  });

  it('a label with an empty value matches only that empty value', () => {
    expect(matchesSelector({ matchLabels: { x: '' } }, { x: '' })).toBe(true);
    expect(matchesSelector({ matchLabels: { x: '' } }, {})).toBe(false);
  });

  it('In needs the key present with one of the values', () => {
    const sel = { matchExpressions: [{ key: 'app', operator: 'In' as const, values: ['web', 'api'] }] };
    expect(matchesSelector(sel, labels)).toBe(true);
    expect(matchesSelector(sel, { app: 'db' })).toBe(false);
    expect(matchesSelector(sel, {})).toBe(false);
  });

  it('NotIn is true when the key is absent', () => {
    const sel = { matchExpressions: [{ key: 'app', operator: 'NotIn' as const, values: ['web'] }] };
    expect(matchesSelector(sel, {})).toBe(true);
    expect(matchesSelector(sel, { app: 'db' })).toBe(true);
    expect(matchesSelector(sel, labels)).toBe(false);
  });

  it('Exists and DoesNotExist look at the key only', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels)).toBe(true);
    expect(matchesSelector({ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, labels)).toBe(false);
    expect(matchesSelector({ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, labels)).toBe(
      true,
    );
    expect(matchesSelector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(
      false,
    );
  });

  it('matchLabels and matchExpressions are ANDed', () => {
    const sel = {
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'tier', operator: 'In' as const, values: ['back'] }],
    };
    expect(matchesSelector(sel, labels)).toBe(false);
    expect(matchesSelector(sel, { app: 'web', tier: 'back' })).toBe(true);
  });

  it('does not treat inherited object properties as labels', () => {
    expect(matchesSelector({ matchExpressions: [{ key: 'toString', operator: 'Exists' }] }, {})).toBe(false);
  });
});

describe('selector helpers', () => {
  it('isEmptySelector recognises both spellings of the empty selector', () => {
    expect(isEmptySelector({})).toBe(true);
    expect(isEmptySelector({ matchLabels: {} })).toBe(true);
    expect(isEmptySelector({ matchLabels: { a: 'b' } })).toBe(false);
  });

  it('selectorKey is the same for selectors written in a different order', () => {
    expect(selectorKey({ matchLabels: { a: '1', b: '2' } })).toBe(
      selectorKey({ matchLabels: { b: '2', a: '1' } }),
    );
    expect(selectorKey({ matchLabels: { a: '1' } })).not.toBe(selectorKey({ matchLabels: { a: '2' } }));
  });
});
