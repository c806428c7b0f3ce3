import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editedDocument } from './editedDocument';
import { examples } from './examples';
import { emptyDoc } from './model';
import { must } from './testing/build';
import type { DesignDoc } from './types';
import { applyPolicyYaml, applyWholePolicyYaml, policyYaml, readShownPolicyYaml } from './yaml';

const docs: DesignDoc[] = examples
  .filter((e) => e.yaml.includes('NetworkPolicy'))
  .map((e) => must(emptyDoc(), 'importManifests', { files: [{ path: `${e.id}.yaml`, text: e.yaml }] }));

/** One edit of a text: `text` put in place of `length` characters at `at` (a fraction of the text's length). */
const spliceArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.nat({ max: 6 }),
  text: fc.constantFrom(
    '9',
    '1',
    'x',
    ' ',
    '\n',
    ':',
    '- ',
    '---\n',
    '...\n',
    '  - port: 80\n',
    'name: other\n',
    'kind: Namespace\n',
    '# note\n',
    '{}',
    '"',
    'UDP',
    '',
  ),
});
/** The edits a text read cleanly mostly gets (and the one path that reads a single document): a digit changed. */
const digitArb = fc.record({ nth: fc.nat(), digit: fc.integer({ min: 0, max: 9 }) });
const editArb = fc.oneof(spliceArb, digitArb, digitArb);

function edited(
  text: string,
  e: { at: number; length: number; text: string } | { nth: number; digit: number },
): string {
  if ('nth' in e) {
    const digits = [...text.matchAll(/\d/g)].map((m) => m.index);
    const at = digits[e.nth % Math.max(1, digits.length)];
    return at === undefined ? text : text.slice(0, at) + String(e.digit) + text.slice(at + 1);
  }
  const at = Math.floor(e.at * text.length);
  return text.slice(0, at) + e.text + text.slice(at + e.length);
}

describe('applyPolicyYaml after an edit of a text it read cleanly', () => {
  it('gives what reading the whole text gives, edit after edit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...docs),
        fc.array(editArb, { minLength: 1, maxLength: 8 }),
        (start, edits) => {
          let doc = start;
          let text = policyYaml(doc);
          doc = applyPolicyYaml(doc, text).doc ?? doc;
          for (const e of edits) {
            text = edited(text, e);
            const whole = applyWholePolicyYaml(doc, text);
            const result = applyPolicyYaml(doc, text);
            expect(result).toEqual(whole);
            if (result.doc) doc = result.doc;
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives what reading the whole text gives after the shown text was read ahead (the first edit)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...docs),
        fc.array(digitArb, { minLength: 1, maxLength: 3 }),
        (doc, edits) => {
          let text = policyYaml(doc);
          // Another text read in between: the note is of the latest text only.
          applyPolicyYaml(emptyDoc(), 'kind: Namespace\napiVersion: v1\nmetadata:\n  name: x\n');
          readShownPolicyYaml(doc, text);
          let current = doc;
          for (const e of edits) {
            text = edited(text, e);
            const whole = applyWholePolicyYaml(current, text);
            const result = applyPolicyYaml(current, text);
            expect(result).toEqual(whole);
            if (result.doc) current = result.doc;
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('keeps the objects of the policies the edit did not touch, and reads the edited one', () => {
    const doc = docs[0]!;
    const text = policyYaml(doc);
    const read = applyPolicyYaml(doc, text).doc!;
    const port = text.match(/port: (\d+)/)!;
    const next = applyPolicyYaml(read, text.replace(port[0], `port: ${Number(port[1]) + 1}`)).doc!;
    const changed = next.policies.filter((p, i) => p !== read.policies[i]);
    expect(changed).toHaveLength(1);
    expect(JSON.stringify(changed[0])).toContain(String(Number(port[1]) + 1));
  });
});

describe('editedDocument', () => {
  const text = 'a: 1\n---\nb: 2\nc: 3\n---\nd: 4\n';
  it('finds the one document holding the difference', () => {
    expect(editedDocument(text, text.replace('c: 3', 'c: 33'))).toEqual({
      before: { start: 9, end: 19 },
      after: { start: 9, end: 20 },
    });
    expect(editedDocument(text, text.replace('a: 1', 'a: 2'))).toEqual({
      before: { start: 0, end: 5 },
      after: { start: 0, end: 5 },
    });
    expect(editedDocument(text, text.replace('d: 4', 'd: 5'))).toEqual({
      before: { start: 23, end: 28 },
      after: { start: 23, end: 28 },
    });
  });

  it('gives up when the texts are equal, a marker changes, or the difference spans documents', () => {
    expect(editedDocument(text, text)).toBeNull();
    expect(editedDocument(text, text.replace('b: 2\n', 'b: 2\n---\n'))).toBeNull();
    expect(editedDocument(text, text.replace('---\nd', 'd'))).toBeNull();
    expect(editedDocument(text, text.replace('c: 3\n---\nd: 4', 'c: 4\n---\nd: 5'))).toBeNull();
    expect(editedDocument(text, `${text}\r`)).toBeNull();
  });

  it('reads a text that starts with an empty line (a position before the first line is the first line)', () => {
    expect(editedDocument('\nx: 1\n', '- x: 1\n')).toEqual({
      before: { start: 0, end: 6 },
      after: { start: 0, end: 7 },
    });
  });
});
