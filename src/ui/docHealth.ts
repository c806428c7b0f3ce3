// Which documents a view could not show. A view that fails on a document (the canvas or a panel throws while
// rendering it, the YAML view cannot write it, the simulator cannot be sent it) reports it here; autosave never
// saves a reported document, and startup swaps a restored document that fails for the example (keeping the
// saved text aside). Documents are immutable, so "failed" is a fact about an object, kept in a WeakMap.
import type { DesignDoc } from '../design/types';

export interface ViewFailure {
  /** Which view failed, in words: "the canvas", "the Policies YAML view", "the simulator". */
  readonly view: string;
  readonly message: string;
}

const failed = new WeakMap<DesignDoc, ViewFailure>();
const listeners = new Set<(doc: DesignDoc, failure: ViewFailure) => void>();

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}

/** Records that `view` could not show `doc`; listeners hear of the first failure of each document only. */
export function reportFailure(doc: DesignDoc, view: string, err: unknown): void {
  if (failed.has(doc)) return;
  const failure = { view, message: errorMessage(err) };
  failed.set(doc, failure);
  for (const l of listeners) l(doc, failure);
}

export function failureOf(doc: DesignDoc): ViewFailure | undefined {
  return failed.get(doc);
}

export function onFailure(listener: (doc: DesignDoc, failure: ViewFailure) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
