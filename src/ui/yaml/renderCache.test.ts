import { describe, expect, it } from 'vitest';
import { cachedRender } from './renderCache';

interface Doc {
  readonly items: readonly string[];
  readonly other: number;
}

function counted() {
  let calls = 0;
  const render = (d: Doc) => {
    calls++;
    return d.items.join('\n');
  };
  return { render, calls: () => calls };
}

describe('cachedRender', () => {
  it('renders once for documents that share the same input objects', () => {
    const c = counted();
    const view = cachedRender(c.render, (d: Doc) => [d.items]);
    const items = ['a', 'b'];
    expect(view({ items, other: 1 })).toBe('a\nb');
    // A different document object (a layout-only change) with the same inputs: no new rendering.
    expect(view({ items, other: 2 })).toBe('a\nb');
    expect(c.calls()).toBe(1);
  });

  it('renders again when an input is a new object, even with equal content', () => {
    const c = counted();
    const view = cachedRender(c.render, (d: Doc) => [d.items]);
    view({ items: ['a'], other: 0 });
    expect(view({ items: ['a', 'c'], other: 0 })).toBe('a\nc');
    view({ items: ['a'], other: 0 });
    expect(c.calls()).toBe(3);
  });

  it('keeps the most recently used renderings and forgets the oldest beyond its size', () => {
    const c = counted();
    const view = cachedRender(c.render, (d: Doc) => [d.items], 2);
    const docs = [['1'], ['2'], ['3']].map((items) => ({ items, other: 0 }));
    view(docs[0]!);
    view(docs[1]!);
    view(docs[0]!); // 0 is now the most recent
    view(docs[2]!); // evicts 1
    expect(c.calls()).toBe(3);
    view(docs[0]!);
    expect(c.calls()).toBe(3);
    view(docs[1]!);
    expect(c.calls()).toBe(4);
  });
});
