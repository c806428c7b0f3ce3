import { describe, expect, it } from 'vitest';
import { textBlocks } from './LessonText';

describe('textBlocks', () => {
  it('joins the lines of a paragraph and separates paragraphs at blank lines', () => {
    expect(textBlocks('one\ntwo\n\nthree\n')).toEqual([
      { kind: 'p', lines: ['one two'] },
      { kind: 'p', lines: ['three'] },
    ]);
  });

  it('makes consecutive "- " lines one list, continuation lines part of the item', () => {
    expect(textBlocks('Do this:\n- a\n  more\n- b\n\nDone.')).toEqual([
      { kind: 'p', lines: ['Do this:'] },
      { kind: 'ul', lines: ['a more', 'b'] },
      { kind: 'p', lines: ['Done.'] },
    ]);
  });

  it('keeps markup as text (no HTML is ever produced from it)', () => {
    expect(textBlocks('<b>x</b>')).toEqual([{ kind: 'p', lines: ['<b>x</b>'] }]);
    expect(textBlocks('')).toEqual([]);
  });
});
