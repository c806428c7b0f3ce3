// Keeps one YAML editor and the document in step without ever throwing away what the user typed.
//
// The editor text is either *from the document* (we rendered it) or *the user's* (typed since). Rules:
// - The document changes elsewhere (canvas, undo, import) and the text is from the document → show the new
//   rendering, applied as a minimal edit by the caller so the cursor, scroll and Monaco undo survive.
// - The user types → wait `debounceMs`, then parse against the current document. Valid → commit the new
//   document and keep the user's text as it is (it now represents the document; no reformatting under the
//   cursor). Invalid → report diagnostics, commit nothing: the canvas keeps the last good document.
// - The document changes elsewhere while the user's text is unapplied or invalid → keep the text and raise
//   `conflict`, so the pane can offer "replace with the current YAML" instead of silently overwriting it.
// Free of Monaco and React so the rules are unit tested; the pane wires `EditorPort` to a Monaco model.

export interface SyncNotice {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly file?: string;
}

export interface SyncParseResult<D> {
  readonly doc: D | undefined;
  readonly diagnostics: readonly SyncNotice[];
}

export interface SyncView<D> {
  /** Canonical text of the document (policies YAML or inventory YAML). */
  render(doc: D): string;
  /** The parts of the document the rendering depends on; equal parts (by reference) mean equal text. */
  inputs(doc: D): readonly unknown[];
  /** Parse the user's text against the current document. */
  parse(doc: D, text: string): SyncParseResult<D>;
  /**
   * Whether two documents have the same rendering inputs by value: a cheap stand-in for comparing their
   * renderings, which for hundreds of policies means a full YAML dump in the middle of every applied edit.
   * Without it the renderings are compared.
   */
  sameContent?(a: D, b: D): boolean;
}

export interface EditorPort {
  getText(): string;
  /** Replace the whole text (the caller applies it as a minimal edit). */
  setText(text: string): void;
}

export interface SyncStatus {
  /** The text holds user edits not yet applied to the document (pending or invalid). */
  readonly dirty: boolean;
  /** The document changed elsewhere while the text was dirty; the text was kept. */
  readonly conflict: boolean;
  /** Diagnostics of the last parse of the user's text (errors block the apply). */
  readonly diagnostics: readonly SyncNotice[];
}

export interface SyncHooks<D> {
  /** A valid edit produced a new document. */
  commit(doc: D): void;
  /** Status changed (diagnostics, dirty, conflict). */
  status(status: SyncStatus): void;
}

export class YamlSync<D> {
  private editor: EditorPort | undefined;
  /** Rendering inputs of the document the text currently represents. */
  private shownInputs: readonly unknown[] | undefined;
  /**
   * The document the text stands for; its canonical rendering is computed only when needed (equal renderings
   * need no rewrite even if the inputs were rebuilt).
   */
  private shownDoc: D | undefined;
  private latestDoc: D | undefined;
  private dirty = false;
  private conflict = false;
  private diagnostics: readonly SyncNotice[] = [];
  private writing = false;
  /** The user's text when the editor was detached while it held unapplied edits. */
  private detachedText: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly view: SyncView<D>,
    private readonly hooks: SyncHooks<D>,
    private readonly debounceMs = 300,
  ) {}

  /** Attach an editor (on mount). Shows the latest document unless the text holds the user's edits. */
  attach(editor: EditorPort, doc: D): void {
    this.editor = editor;
    this.detachedText = undefined;
    if (!this.dirty) {
      this.shownInputs = undefined;
      this.shownDoc = undefined;
    }
    this.documentChanged(doc);
  }

  detach(): void {
    this.flushNow();
    this.detachedText = this.dirty ? this.editor?.getText() : undefined;
    this.editor = undefined;
  }

  /** The user's text while it is not applied to the document (pending or invalid); else undefined. */
  draftText(): string | undefined {
    if (!this.dirty) return undefined;
    return this.editor?.getText() ?? this.detachedText;
  }

  /**
   * Puts back text the user had typed (a draft saved with the document) as the user's, and parses it at once:
   * invalid text gets its diagnostics, valid text is applied. Call after `attach`.
   */
  restoreText(text: string): void {
    if (!this.editor) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = true;
    try {
      this.editor.setText(text);
    } finally {
      this.writing = false;
    }
    this.dirty = true;
    this.apply();
    if (this.dirty) this.emit();
  }

  get status(): SyncStatus {
    return { dirty: this.dirty, conflict: this.conflict, diagnostics: this.diagnostics };
  }

  /** The store's document changed (for any reason, including our own commit). */
  documentChanged(doc: D): void {
    this.latestDoc = doc;
    const inputs = this.view.inputs(doc);
    if (this.shownInputs && sameInputs(inputs, this.shownInputs)) return;
    if (
      !this.dirty &&
      this.shownDoc !== undefined &&
      this.view.render(doc) === this.view.render(this.shownDoc)
    ) {
      this.shownInputs = inputs;
      return;
    }
    if (this.dirty) {
      if (!this.conflict) {
        this.conflict = true;
        this.emit();
      }
      return;
    }
    this.show(doc, inputs);
  }

  /** The editor's text changed. Ignored while we write the document's rendering ourselves. */
  textChanged(): void {
    if (this.writing) return;
    this.dirty = true;
    this.schedule();
    this.emit();
  }

  /** Apply a pending edit immediately (blur, unmount, tests). */
  flushNow(): void {
    if (this.timer === undefined) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.apply();
  }

  /** Throw the user's unapplied text away and show the current document. */
  discardEdits(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.dirty = false;
    this.conflict = false;
    this.diagnostics = [];
    if (this.latestDoc !== undefined) this.show(this.latestDoc, this.view.inputs(this.latestDoc));
    this.emit();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.editor = undefined;
  }

  private schedule(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.apply();
    }, this.debounceMs);
  }

  private apply(): void {
    const editor = this.editor;
    const doc = this.latestDoc;
    if (!editor || doc === undefined || !this.dirty) return;
    const result = this.view.parse(doc, editor.getText());
    this.diagnostics = result.diagnostics;
    if (result.doc === undefined) {
      this.emit();
      return;
    }
    this.dirty = false;
    this.conflict = false;
    const inputs = this.view.inputs(result.doc);
    const currentInputs = this.view.inputs(doc);
    const changed =
      !sameInputs(inputs, currentInputs) &&
      !(this.view.sameContent
        ? this.view.sameContent(result.doc, doc)
        : this.view.render(result.doc) === this.view.render(doc));
    // The text now stands for the parsed document: remember it so the commit's echo does not rewrite it.
    this.shownInputs = changed ? inputs : currentInputs;
    this.shownDoc = changed ? result.doc : doc;
    this.emit();
    if (changed) this.hooks.commit(result.doc);
  }

  private show(doc: D, inputs: readonly unknown[]): void {
    this.shownInputs = inputs;
    const text = this.view.render(doc);
    this.shownDoc = doc;
    if (!this.editor) return;
    if (this.editor.getText() === text) return;
    this.writing = true;
    try {
      this.editor.setText(text);
    } finally {
      this.writing = false;
    }
    if (this.diagnostics.length > 0) {
      this.diagnostics = [];
      this.emit();
    }
  }

  private emit(): void {
    this.hooks.status(this.status);
  }
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
}
