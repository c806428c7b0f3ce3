// The analysis worker's import of manifests (the `importManifests` operation), loaded on the first import.
// Megabytes of YAML take seconds to parse: the documents are parsed ahead, a slice of time at a time (a large
// `kind: List`, one document, a piece of its items at a time), with the progress posted after each slice and the
// worker's other messages (an analysis, a cancel) served in between;
// the operation then reads the parsed documents from the cache instead of parsing them again.
import { applyOp } from '../../design/ops';
import type { DesignDoc } from '../../design/types';
import { cacheChunks, parseInSteps, YamlChunkCache } from '../../manifest';
import type { ImportRequest, ImportResponse } from './protocol';

/** Parse for this long, then post the progress and let other messages in. */
const SLICE_MS = 50;
/** Documents are parsed in pieces of about this many characters: one document at a time parsed a 4 MB file
 * in twice the time of one whole-file parse; pieces this size parse about as fast, and still often enough
 * for a moving progress bar. */
const PIECE_CHARS = 64 * 1024;

const cancelled = new Set<number>();

export function cancelImport(importId: number): void {
  cancelled.add(importId);
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `req`; posts its progress and then its answer; resolves to the imported document (null: none). */
export async function runImport(
  req: ImportRequest,
  post: (message: ImportResponse) => void,
): Promise<DesignDoc | null> {
  const { importId } = req;
  const stopped = () => {
    if (!cancelled.has(importId)) return false;
    cancelled.delete(importId);
    post({ importId, ok: false, error: 'the import was cancelled', cancelled: true });
    return true;
  };
  try {
    const cache = new YamlChunkCache({ pieceChars: PIECE_CHARS });
    const files = req.files.map((f) => cacheChunks(f, cache));
    const total = files.reduce((n, f) => n + f.length, 0);
    let before = 0;
    let documents = 0;
    let sliceStart = performance.now();
    for (const file of files) {
      for (const chunk of file.chunks) {
        const start = chunk.end - chunk.text.length;
        // One step for most chunks; a step per piece of items for a large `kind: List` (one document).
        const step = parseInSteps(cache, chunk.text);
        for (let share = 0; share < 1; ) {
          try {
            share = step();
          } catch {
            // The operation parses it again and reports where it is broken.
            share = 1;
          }
          if (share >= 1 && cache.holds(chunk.text)) documents += cache.parse(chunk.text).values.length;
          if (performance.now() - sliceStart >= SLICE_MS) {
            const read = before + start + Math.round(share * chunk.text.length);
            post({ importId, progress: { read, total, documents } });
            await nextTask();
            if (stopped()) return null;
            sliceStart = performance.now();
          }
        }
      }
      before += file.length;
    }
    post({ importId, progress: { read: total, total, documents, built: 0 } });
    await nextTask();
    if (stopped()) return null;
    // Building the document reads every object (thousands of them in one `kind: List` document, which parsed
    // as one piece): its progress is posted as it goes (the page hears it while the worker carries on), once
    // per whole percent.
    let postedPercent = 0;
    const onProgress = (built: number) => {
      const percent = Math.floor(built * 100);
      if (percent <= postedPercent) return;
      postedPercent = percent;
      post({ importId, progress: { read: total, total, documents, built: percent / 100 } });
    };
    const result = applyOp(req.doc, 'importManifests', { files: req.files, cache, onProgress });
    if (stopped()) return null;
    post({ importId, ok: true, doc: result.doc, notices: result.notices });
    return result.doc;
  } catch (err) {
    cancelled.delete(importId);
    post({ importId, ok: false, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
