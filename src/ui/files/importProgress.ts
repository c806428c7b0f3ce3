// What the import's progress bar says (pure, tested beside it): how far the files are parsed, then how far the
// document is built from them, and the words.
import type { ImportProgressInfo } from '../analysis';

export interface ImportProgressView {
  /** 0–100, whole percent. */
  readonly percent: number;
  readonly text: string;
}

const mb = (chars: number) => (chars / 2 ** 20).toFixed(1);

/**
 * The bar's share of the parsing: the rest is building the document from the parsed objects, which takes about
 * as long (4 MB of manifests, 5,000 workloads: 0.3–0.6 s each in Node). A `kind: List` parses as one piece, so
 * its bar moves only while the document is built.
 */
const PARSE_SHARE = 0.5;

/** `null` progress: the import has started and nothing is parsed yet. */
export function importProgressView(what: string, progress: ImportProgressInfo | null): ImportProgressView {
  if (!progress || progress.total === 0) return { percent: 0, text: `Reading ${what}…` };
  const docs = `${progress.documents.toLocaleString('en')} ${progress.documents === 1 ? 'document' : 'documents'}`;
  if (progress.built !== undefined || progress.read >= progress.total) {
    const built = Math.min(1, Math.max(0, progress.built ?? 0));
    return {
      percent: Math.min(100, Math.floor((PARSE_SHARE + (1 - PARSE_SHARE) * built) * 100)),
      text: `Adding ${what} to the design (${docs})…`,
    };
  }
  const percent = Math.min(100, Math.floor((progress.read / progress.total) * PARSE_SHARE * 100));
  return { percent, text: `Reading ${what}: ${mb(progress.read)} of ${mb(progress.total)} MB, ${docs}` };
}

/** What an import of `paths` is called on the bar: its file, or how many files. */
export function importedWhat(paths: readonly string[]): string {
  return paths.length === 1 ? paths[0]! : `${paths.length} files`;
}
