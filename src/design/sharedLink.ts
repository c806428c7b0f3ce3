// Opening a share link: its fragment decoded (decodeShare: bounded inflate, then the saved-document checks) and
// the document read exactly as an import of its YAML (readAsImport). One function, so the page's worker and the
// main-thread fallback (and the tests) read a link the same way; a large link is seconds of work, done in the
// analysis worker.
import { decodeShare, serializeDoc } from './persist';
import { readAsImport } from './readAsImport';
import type { DesignDoc, Notice } from './types';

export type SharedRead =
  | {
      /** The document to open: as shared, or what the import kept of it. */
      readonly doc: DesignDoc;
      /** What the import refused or warned about (empty when nothing), at their lines in `files`. */
      readonly notices: readonly Notice[];
      readonly files: readonly string[];
      /** The shared document as JSON, to keep aside if a view then fails to show it. */
      readonly originalText: string;
    }
  | {
      readonly doc: undefined;
      /** Why the link cannot be opened, for a notice. */
      readonly message: string;
      /** The shared document as JSON when it could be decoded, to offer for download. */
      readonly originalText?: string;
    };

/** Reads the encoded document of a share link (the fragment after `#doc=`). */
export function readSharedLink(encoded: string): SharedRead {
  const shared = decodeShare(encoded);
  if (!shared.doc)
    return {
      doc: undefined,
      message: `The shared link could not be opened: ${shared.diagnostics[0]?.message ?? 'it is damaged'}`,
    };
  const read = readAsImport(shared.doc);
  const originalText = serializeDoc(shared.doc);
  if (read.doc) return { doc: read.doc, notices: read.notices, files: read.files, originalText };
  return {
    doc: undefined,
    message: `The shared link could not be opened: ${read.notices[0]?.message ?? 'it is damaged'}.`,
    originalText,
  };
}
