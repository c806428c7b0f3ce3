// An error boundary around each view (canvas, YAML panes, panels, the whole page): when a view cannot show the
// document it says which view failed and why, and offers the ways out — try again, undo the change, open the
// example, download the document — instead of a blank page. The failing document is reported to docHealth, so
// it is never autosaved. A new document (any change, undo included) gives the view another try.
import { Component, type ReactNode } from 'react';
import { serializeDoc } from '../design/persist';
import { errorMessage, reportFailure } from './docHealth';
import { downloadText } from './files/download';
import { keptFileName } from './startup';
import { useAppStore, useHistoryState } from './store';

interface Props {
  /** The view, as the user knows it: "canvas", "Policies YAML view", "simulator panels". */
  readonly name: string;
  readonly children: ReactNode;
}

interface InnerProps extends Props {
  readonly resetKey: number;
  readonly canUndo: boolean;
}

interface State {
  readonly error: Error | null;
  readonly key: number;
}

function downloadDocument(): void {
  const store = useAppStore.getState();
  try {
    downloadText(keptFileName('document'), serializeDoc(store.doc), 'application/json');
  } catch (err) {
    store.notify('error', `The document cannot be written for download either: ${errorMessage(err)}.`);
  }
}

function openExample(): void {
  // Recorded, so Undo brings the failing document back (for a download, or after a fix).
  useAppStore.getState().dispatch('loadExample', { id: 'three-tier' });
}

class Boundary extends Component<InnerProps, State> {
  override state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: InnerProps, state: State): Partial<State> | null {
    // Another document: the view gets another try.
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: unknown): void {
    reportFailure(useAppStore.getState().doc, `the ${this.props.name}`, error);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { name, canUndo } = this.props;
    return (
      <section className="view-failed" role="alert" data-testid="view-failed" aria-label={`${name} failed`}>
        <h2>The {name} cannot show this document</h2>
        <p>
          {errorMessage(error)}. The document is not autosaved while a view fails on it; the last saved
          version is kept.
        </p>
        <div className="actions">
          <button type="button" onClick={() => this.setState({ error: null })}>
            Try again
          </button>
          {canUndo && (
            <button type="button" onClick={() => useAppStore.getState().undo()}>
              Undo the last change
            </button>
          )}
          <button type="button" onClick={downloadDocument}>
            Download this document
          </button>
          <button type="button" onClick={openExample}>
            Open the example
          </button>
        </div>
      </section>
    );
  }
}

export function ViewBoundary({ name, children }: Props) {
  const resetKey = useAppStore((s) => s.docVersion);
  const { canUndo } = useHistoryState();
  return (
    <Boundary name={name} resetKey={resetKey} canUndo={canUndo}>
      {children}
    </Boundary>
  );
}
