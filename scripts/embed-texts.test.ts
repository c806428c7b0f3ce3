import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { embeddedModule, OUTPUT } from './embed-texts.mjs';

describe('src/design/embeddedTexts.ts', () => {
  it('holds the current text of every example and built-in lesson (run node scripts/embed-texts.mjs)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(embeddedModule());
  });
});
