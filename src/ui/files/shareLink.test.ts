import { describe, expect, it } from 'vitest';
import { MAX_LINK_LENGTH, sharedFragment, shareLinkProblem, shareUrl } from './shareLink';

describe('share links', () => {
  it('put the encoded document in the fragment of the current page', () => {
    expect(shareUrl({ origin: 'http://127.0.0.1:4173', pathname: '/' }, 'abc-_')).toBe(
      'http://127.0.0.1:4173/#doc=abc-_',
    );
  });

  it('read back exactly what they carry', () => {
    const url = new URL(shareUrl({ origin: 'https://example.test', pathname: '/designer/' }, 'Zm9v'));
    expect(sharedFragment(url.hash)).toBe('Zm9v');
  });

  it('ignore other fragments and empty links', () => {
    expect(sharedFragment('')).toBeUndefined();
    expect(sharedFragment('#section')).toBeUndefined();
    expect(sharedFragment('#doc=')).toBeUndefined();
  });

  it('are refused with a reason when longer than a browser opens', () => {
    const base = 'http://127.0.0.1:4173/#doc=';
    expect(shareLinkProblem(base + 'a'.repeat(MAX_LINK_LENGTH - base.length))).toBeUndefined();
    expect(shareLinkProblem(base + 'a'.repeat(MAX_LINK_LENGTH))).toMatch(/2\.0 MB.*Export the document/);
  });
});
