import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type EditorPort, type SyncStatus, type SyncView, YamlSync } from './yamlSync';

// A toy document: `rules` is what the YAML shows, `layout` is canvas-only. The toy YAML is one rule per line;
// a line containing "!" is a syntax error at that line.
interface Doc {
  readonly rules: readonly string[];
  readonly layout: number;
}

const view: SyncView<Doc> = {
  render: (doc) => doc.rules.map((r) => `- ${r}\n`).join(''),
  inputs: (doc) => [doc.rules],
  parse: (doc, text) => {
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const bad = lines.findIndex((l) => l.includes('!'));
    if (bad >= 0) {
      return {
        doc: undefined,
        diagnostics: [{ severity: 'error', message: 'bad rule', line: bad + 1, column: 3 }],
      };
    }
    return { doc: { ...doc, rules: lines.map((l) => l.replace(/^-\s*/, '').trim()) }, diagnostics: [] };
  },
};

class FakeEditor implements EditorPort {
  text = '';
  writes = 0;
  onChange: () => void = () => {};
  getText() {
    return this.text;
  }
  setText(text: string) {
    this.writes++;
    this.text = text;
    this.onChange();
  }
  /** What the user does: the editor fires its change event. */
  type(text: string) {
    this.text = text;
    this.onChange();
  }
}

function setup(initial: Doc) {
  let doc = initial;
  const commits: Doc[] = [];
  const statuses: SyncStatus[] = [];
  const sync: YamlSync<Doc> = new YamlSync(view, {
    commit: (d) => {
      commits.push(d);
      doc = d;
      sync.documentChanged(d); // the store echoes the change back, as the real one does
    },
    status: (s) => statuses.push(s),
  });
  const editor = new FakeEditor();
  editor.onChange = () => sync.textChanged();
  sync.attach(editor, doc);
  const change = (d: Doc) => {
    doc = d;
    sync.documentChanged(d);
  };
  return { sync, editor, commits, statuses, change, current: () => doc };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('YamlSync', () => {
  it('shows the document when attached', () => {
    const { editor } = setup({ rules: ['a', 'b'], layout: 0 });
    expect(editor.text).toBe('- a\n- b\n');
  });

  it('follows canvas changes while the user is not editing', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.change({ rules: ['a', 'c'], layout: 0 });
    expect(t.editor.text).toBe('- a\n- c\n');
    expect(t.sync.status.dirty).toBe(false);
  });

  it('does not rewrite the text when only canvas-only parts change', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    const writes = t.editor.writes;
    t.change({ rules: t.current().rules, layout: 5 });
    expect(t.editor.writes).toBe(writes);
  });

  it('applies a valid edit after the debounce, and keeps the user text exactly as typed', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('-   a\n-  b');
    expect(t.commits).toHaveLength(0);
    vi.advanceTimersByTime(299);
    expect(t.commits).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(t.commits.map((d) => d.rules)).toEqual([['a', 'b']]);
    expect(t.editor.text).toBe('-   a\n-  b');
    expect(t.sync.status).toMatchObject({ dirty: false, conflict: false, diagnostics: [] });
  });

  it('restarts the debounce on every keystroke', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('- a\n- b');
    vi.advanceTimersByTime(200);
    t.editor.type('- a\n- bc');
    vi.advanceTimersByTime(200);
    expect(t.commits).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(t.commits.map((d) => d.rules)).toEqual([['a', 'bc']]);
  });

  it('reports an invalid edit with its position and commits nothing', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('- a\n- b!');
    vi.advanceTimersByTime(300);
    expect(t.commits).toHaveLength(0);
    expect(t.current().rules).toEqual(['a']);
    expect(t.sync.status.dirty).toBe(true);
    expect(t.sync.status.diagnostics).toEqual([
      { severity: 'error', message: 'bad rule', line: 2, column: 3 },
    ]);
    expect(t.editor.text).toBe('- a\n- b!');
  });

  it('clears the diagnostics once the user fixes the text', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('- a\n- b!');
    vi.advanceTimersByTime(300);
    t.editor.type('- a\n- b');
    vi.advanceTimersByTime(300);
    expect(t.sync.status.diagnostics).toEqual([]);
    expect(t.current().rules).toEqual(['a', 'b']);
  });

  it('keeps broken user text when the canvas changes, and flags the conflict', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('- a\n- b!');
    vi.advanceTimersByTime(300);
    t.change({ rules: ['a', 'z'], layout: 0 });
    expect(t.editor.text).toBe('- a\n- b!');
    expect(t.sync.status.conflict).toBe(true);
    t.sync.discardEdits();
    expect(t.editor.text).toBe('- a\n- z\n');
    expect(t.sync.status).toMatchObject({ dirty: false, conflict: false, diagnostics: [] });
  });

  it('does not commit an edit that changes only formatting', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('-     a');
    vi.advanceTimersByTime(300);
    expect(t.commits).toHaveLength(0);
    expect(t.editor.text).toBe('-     a');
    expect(t.sync.status.dirty).toBe(false);
  });

  it('after an applied edit, later canvas changes show the canonical text again', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('-   a\n-   b');
    vi.advanceTimersByTime(300);
    t.change({ rules: ['a', 'b', 'c'], layout: 0 });
    expect(t.editor.text).toBe('- a\n- b\n- c\n');
  });

  it('does not rewrite the text when the store rebuilds an equal document after a commit', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('-   a\n-   b');
    vi.advanceTimersByTime(300);
    t.change({ rules: ['a', 'b'], layout: 1 }); // equal rendering, new array
    expect(t.editor.text).toBe('-   a\n-   b');
  });

  it('flushNow applies a pending edit at once', () => {
    const t = setup({ rules: ['a'], layout: 0 });
    t.editor.type('- q');
    t.sync.flushNow();
    expect(t.current().rules).toEqual(['q']);
  });

  it('with a content check, applies an edit without rendering the parsed document (and still skips no-ops)', () => {
    let renders = 0;
    const counting: SyncView<Doc> = {
      ...view,
      render: (doc) => {
        renders++;
        return view.render(doc);
      },
      sameContent: (a, b) => a.rules.join('\n') === b.rules.join('\n'),
    };
    let doc: Doc = { rules: ['a'], layout: 0 };
    const commits: Doc[] = [];
    const sync: YamlSync<Doc> = new YamlSync(counting, {
      commit: (d) => {
        commits.push(d);
        doc = d;
        sync.documentChanged(d);
      },
      status: () => {},
    });
    const editor = new FakeEditor();
    editor.onChange = () => sync.textChanged();
    sync.attach(editor, doc);
    const shown = renders;
    editor.type('-    a');
    vi.advanceTimersByTime(300);
    expect(commits).toHaveLength(0);
    editor.type('- a\n- b');
    vi.advanceTimersByTime(300);
    expect(commits.map((d) => d.rules)).toEqual([['a', 'b']]);
    expect(renders).toBe(shown);
    expect(editor.text).toBe('- a\n- b');
    // The rendering is computed when it is needed: a canvas change shows the canonical text again.
    sync.documentChanged({ ...doc, rules: ['a', 'b', 'c'] });
    expect(editor.text).toBe('- a\n- b\n- c\n');
  });

  it('offers unapplied text as a draft, also after the editor is detached, and none once applied', () => {
    const { sync, editor } = setup({ rules: ['a'], layout: 0 });
    expect(sync.draftText()).toBeUndefined();
    editor.type('- a\n- b!\n');
    expect(sync.draftText()).toBe('- a\n- b!\n');
    sync.detach();
    expect(sync.draftText()).toBe('- a\n- b!\n');
    editor.text = '- a\n- b!\n';
    sync.attach(editor, { rules: ['a'], layout: 0 });
    editor.type('- a\n- b\n');
    vi.advanceTimersByTime(300);
    expect(sync.draftText()).toBeUndefined();
  });

  it('restores a saved draft as the user’s text, with its diagnostics at once', () => {
    const { sync, editor, commits, statuses } = setup({ rules: ['a'], layout: 0 });
    sync.restoreText('- a\n- b!\n');
    expect(editor.text).toBe('- a\n- b!\n');
    expect(commits).toEqual([]);
    expect(sync.status).toMatchObject({ dirty: true, diagnostics: [{ line: 2, message: 'bad rule' }] });
    expect(statuses.at(-1)?.diagnostics).toHaveLength(1);
    expect(sync.draftText()).toBe('- a\n- b!\n');
  });

  it('applies a restored draft that parses', () => {
    const { sync, commits } = setup({ rules: ['a'], layout: 0 });
    sync.restoreText('- a\n- b\n');
    expect(commits.map((d) => d.rules)).toEqual([['a', 'b']]);
    expect(sync.draftText()).toBeUndefined();
  });
});
