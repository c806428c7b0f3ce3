import { describe, expect, it } from 'vitest';
import { asSaved, newerSaved } from './storage';

describe('the saved document and its unload copy', () => {
  it('reads bare strings of earlier versions as saved at time 0, and {text, savedAt} records', () => {
    expect(asSaved('doc')).toEqual({ text: 'doc', savedAt: 0 });
    expect(asSaved({ text: 'doc', savedAt: 5 })).toEqual({ text: 'doc', savedAt: 5 });
    expect(asSaved({ text: 'doc', savedAt: 'x' })).toEqual({ text: 'doc', savedAt: 0 });
    expect(asSaved({ savedAt: 5 })).toBeNull();
    expect(asSaved(null)).toBeNull();
    expect(asSaved(42)).toBeNull();
  });

  it('takes the unload copy only when it is newer than what IndexedDB holds', () => {
    const idb = { text: 'idb', savedAt: 10 };
    expect(newerSaved(idb, { text: 'copy', savedAt: 11 })?.text).toBe('copy');
    expect(newerSaved(idb, { text: 'copy', savedAt: 10 })?.text).toBe('idb');
    expect(newerSaved(idb, { text: 'copy', savedAt: 9 })?.text).toBe('idb');
    expect(newerSaved(null, { text: 'copy', savedAt: 1 })?.text).toBe('copy');
    expect(newerSaved(idb, null)?.text).toBe('idb');
    expect(newerSaved(null, null)).toBeNull();
  });
});
