// What the import's progress bar says (pure, tested beside it): the share of the files parsed, and the words.
import type { ImportProgressInfo } from '../analysis';

export interface ImportProgressView {
  /** 0–100, whole percent. */
  readonly percent: number;
  readonly text: string;
}

const mb = (chars: number) => (chars / 2 ** 20).toFixed(1);

/** `null` progress: the import has started and nothing is parsed yet. */
export function importProgressView(what: string, progress: ImportProgressInfo | null): ImportProgressView {
  if (!progress || progress.total === 0) return { percent: 0, text: `Reading ${what}…` };
  const percent = Math.min(100, Math.floor((progress.read / progress.total) * 100));
  if (progress.read >= progress.total)
    return {
      percent,
      text: `Adding ${what} to the design (${progress.documents.toLocaleString('en')} documents)…`,
    };
  const docs = `${progress.documents.toLocaleString('en')} ${progress.documents === 1 ? 'document' : 'documents'}`;
  return { percent, text: `Reading ${what}: ${mb(progress.read)} of ${mb(progress.total)} MB, ${docs}` };
}

/** What an import of `paths` is called on the bar: its file, or how many files. */
export function importedWhat(paths: readonly string[]): string {
  return paths.length === 1 ? paths[0]! : `${paths.length} files`;
}
