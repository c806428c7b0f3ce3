// Parses a view's text into its chunk cache while the page is idle, a few milliseconds at a time: after a large
// import the pane shows thousands of policies that nothing has parsed yet, and the first edit would parse them
// all on the main thread (0.3–0.4 s of CPU at 5,000 policies) before the simulator even hears of it. Warmed,
// that edit parses the one document it changed. A view that reads its documents further (the policies view
// makes design policies of them, another 0.15 s) passes `readAhead`: it is then handed a run of whole documents
// of the text at a time instead, when the run holds a document the cache has not seen. Latest wins per cache: a new text stops the warm-up of the last.
import { cacheChunks, type YamlChunkCache } from '../../manifest';

type Idle = (run: (deadline: { timeRemaining(): number }) => void) => void;

/** Longest stretch of parsing in one go when the browser gives no idle deadline (timers). */
const SLICE_MS = 8;

const idle: Idle =
  typeof requestIdleCallback === 'function'
    ? (run) => requestIdleCallback(run, { timeout: 2000 })
    : (run) => {
        setTimeout(() => {
          const until = performance.now() + SLICE_MS;
          run({ timeRemaining: () => until - performance.now() });
        }, 0);
      };

const runs = new WeakMap<YamlChunkCache, number>();
let nextRun = 1;

/** Documents handed to `readAhead` at a time. */
const READ_AHEAD_DOCUMENTS = 16;

/**
 * Starts parsing `text` into `cache` in idle time; resolves when done or replaced by a newer warm-up. With
 * `readAhead`, each run of documents is given to it as a text (a part of `text` cut at document markers, which
 * splits into the same documents) instead of parsed here.
 */
export function warmUp(
  cache: YamlChunkCache,
  text: string,
  readAhead?: (part: string) => void,
): Promise<void> {
  const run = nextRun++;
  runs.set(cache, run);
  const { chunks, length } = cacheChunks({ path: '', text }, cache);
  // A text with a byte-order mark or CRLF is not cut by the chunks' offsets (they are the normalised text's).
  const ahead = length === text.length ? readAhead : undefined;
  let i = 0;
  return new Promise((resolve) => {
    const step = (deadline: { timeRemaining(): number }) => {
      if (runs.get(cache) !== run) return resolve();
      while (i < chunks.length && deadline.timeRemaining() > 1) {
        const next = ahead ? Math.min(chunks.length, i + READ_AHEAD_DOCUMENTS) : i + 1;
        try {
          // Documents parsed before were read by that parse (the pane's apply, or a read-ahead): kept, not read.
          if (ahead && chunks.slice(i, next).some((c) => !cache.holds(c.text)))
            ahead(text.slice(i === 0 ? 0 : chunks[i - 1]!.end + 1, chunks[next - 1]!.end));
          else for (let k = i; k < next; k++) cache.parse(chunks[k]!.text);
        } catch {
          // A broken document: the edit's parse reports it.
        }
        i = next;
      }
      if (i < chunks.length) idle(step);
      else resolve();
    };
    idle(step);
  });
}
