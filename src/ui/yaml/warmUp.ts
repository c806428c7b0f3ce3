// Parses a view's text into its chunk cache while the page is idle, a few milliseconds at a time: after a large
// import the pane shows thousands of policies that nothing has parsed yet, and the first edit would parse them
// all on the main thread (0.3–0.4 s of CPU at 5,000 policies) before the simulator even hears of it. Warmed,
// that edit parses the one document it changed. Latest wins per cache: a new text stops the warm-up of the last.
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

/** Starts parsing `text` into `cache` in idle time; resolves when done or replaced by a newer warm-up. */
export function warmUp(cache: YamlChunkCache, text: string): Promise<void> {
  const run = nextRun++;
  runs.set(cache, run);
  const { chunks } = cacheChunks({ path: '', text }, cache);
  let i = 0;
  return new Promise((resolve) => {
    const step = (deadline: { timeRemaining(): number }) => {
      if (runs.get(cache) !== run) return resolve();
      while (i < chunks.length && deadline.timeRemaining() > 1) {
        try {
          cache.parse(chunks[i]!.text);
        } catch {
          // A broken document: the edit's parse reports it.
        }
        i++;
      }
      if (i < chunks.length) idle(step);
      else resolve();
    };
    idle(step);
  });
}
