// The decisions behind the undo history, kept pure: what the undo and redo buttons are called, when a burst of
// YAML typing stays one undo step, and when two documents are unrelated for the flow-change list.
import type { DesignDoc, OpName } from '../design/types';

/** The operation that made a document (recorded with it in the history): what undoing it undoes. */
export interface DocCause {
  readonly name: OpName;
  readonly label: string;
  /** The operation replaced the document with an unrelated one (`Operation.loads`). */
  readonly loads: boolean;
}

/**
 * How a document reached the store, for the flow-change list: the label of the operation (or of its undo or
 * redo), and the count of loads so far. Two documents with different `loads` counts are unrelated: a document
 * was opened between them (or an opening was undone), so their flows are not compared.
 */
export interface DocArrival {
  readonly label: string;
  readonly loads: number;
}

/** The previous commit of a coalescing source (the YAML pane): which, what it produced, and when. */
export interface LastCommit {
  readonly key: string;
  readonly doc: DesignDoc;
  readonly at: number;
}

/** Commits of one source closer together than this (with no other change between) form one undo step. */
export const COALESCE_MS = 1500;

/**
 * Whether a commit by `key` at `now` joins the previous undo step: the same source committed a moment ago
 * and nothing else changed the document since (its result is still the current document).
 */
export function coalesces(last: LastCommit | null, key: string, current: DesignDoc, now: number): boolean {
  return last !== null && last.key === key && last.doc === current && now - last.at < COALESCE_MS;
}

/** How a document undone to or redone to arrives: named after the step, and a load when the step was one. */
export function arrivalByHistory(
  verb: 'Undo' | 'Redo',
  step: DocCause | null | undefined,
  loads: number,
): DocArrival {
  return {
    label: step ? `${verb} ${step.label}` : verb,
    loads: step?.loads ? loads + 1 : loads,
  };
}

/** "Undo Allow traffic (Ctrl+Z)": the button's title names the step it undoes or redoes. */
export function historyTitle(
  verb: 'Undo' | 'Redo',
  step: DocCause | null | undefined,
  shortcut: string,
): string {
  return `${step ? `${verb} ${step.label}` : verb} (${shortcut})`;
}
