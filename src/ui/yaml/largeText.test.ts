import { describe, expect, it } from 'vitest';
import { LARGE_TEXT_LINES, sizedOptions } from './largeText';

describe('sizedOptions', () => {
  it('keeps folding and bracket pairs up to the limit and drops them above it', () => {
    for (const lines of [0, 1, LARGE_TEXT_LINES]) {
      expect(sizedOptions(lines).folding).toBe(true);
      expect(sizedOptions(lines).bracketPairColorization.enabled).toBe(true);
      expect(sizedOptions(lines).guides.highlightActiveBracketPair).toBe(true);
    }
    // Just above, and the policies of the bench's 5,000-workload cluster.
    for (const lines of [LARGE_TEXT_LINES + 1, 116_561]) {
      expect(sizedOptions(lines).folding).toBe(false);
      expect(sizedOptions(lines).bracketPairColorization.enabled).toBe(false);
      expect(sizedOptions(lines).guides.highlightActiveBracketPair).toBe(false);
    }
  });
});
