import { describe, expect, it } from 'vitest';
import { generateWhatIf } from './generateWhatIf';
import { applyOp } from './ops';
import { threeTierWithCapture } from './testing/capture';

const setup = () => threeTierWithCapture();

describe('generating policies from flows as a what-if', () => {
  it('names the policies it writes, the flows gained and lost, and leaves no observed flow denied', () => {
    const { doc, capture } = setup();
    const w = generateWhatIf(doc, capture, ['shop/frontend', 'shop/backend', 'shop/database']);
    expect(w.error).toBeUndefined();
    expect(w.policies).toEqual([
      'shop/backend-from-flows',
      'shop/database-from-flows',
      'shop/frontend-from-flows',
    ]);
    expect(w.denied).toEqual([]);
    // The Redis port the backend was seen using is gained (the policies before denied it).
    const db = w.changes.find((c) => c.source === 'shop/backend' && c.target === 'shop/database');
    expect(db?.gained).toBe('TCP 6379');
    // The outside address becomes a node of its own; what it could reach before is not read as gained.
    expect(w.changes.filter((c) => c.source.startsWith('ext:') || c.target.startsWith('ext:'))).toEqual([]);
    // The document itself is untouched: a preview only.
    expect(doc.policies.some((p) => p.name.endsWith('-from-flows'))).toBe(false);
  });

  it('is exactly what applying the operation does', () => {
    const { doc, capture } = setup();
    const w = generateWhatIf(doc, capture, ['shop/backend']);
    const applied = applyOp(doc, 'generateFromFlows', w.args).doc;
    expect(applied.policies.filter((p) => p.name.endsWith('-from-flows')).map((p) => p.name)).toEqual([
      'backend-from-flows',
    ]);
  });

  it('says why when nothing can be generated', () => {
    const { doc, capture } = setup();
    expect(generateWhatIf(doc, capture, []).error).toMatch(/at least one workload/);
  });
});
