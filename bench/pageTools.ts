// What the browser benches do, written once: serve a build with `vite preview`, launch Debian's chromium, record
// long tasks, drop a file on the page as a user's drop would, wait for the analysis, and read the main thread's
// CPU time from a trace.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';

/**
 * Serves the build in `outDir` with `vite preview` on 127.0.0.1:`port` and resolves once it answers; the
 * function it gives stops the server. A port that already answers is refused (another preview or a Playwright
 * run), rather than measuring someone else's build.
 */
export async function startPreview(outDir: string, port: number): Promise<() => void> {
  const base = `http://127.0.0.1:${port}`;
  try {
    await fetch(base);
    throw new Error(`port ${port} is already in use (another preview or a Playwright run?)`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('port')) throw e;
  }
  // The local vite binary (not npx: its start-up alone can take seconds on a busy machine), in its own
  // process group so the whole group can be stopped.
  const child: ChildProcess = spawn(
    join('node_modules', '.bin', 'vite'),
    ['preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const stop = () => {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    } catch {
      // The server's group has already ended.
    }
  };
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 200));
    try {
      if ((await fetch(base)).ok) return stop;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) break;
  }
  stop();
  throw new Error(`vite preview did not start: ${stderr}`);
}

/** Debian's chromium (`npx playwright install` cannot download browsers on our machines). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** From the page's first script on, its long tasks are kept in `window.__tasks` (start and duration, ms). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __tasks: { start: number; duration: number }[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Hands `text` to the page ahead of a measurement, as the contents of a file: moving megabytes over the DevTools
 * protocol, and turning a JavaScript string into file data (a 10 MB string took a 45 ms task), is the harness's
 * work, not the app's: a user's drop hands the page a file the browser already holds. `dropStashedText` then
 * drops it.
 */
export async function stashText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    (window as unknown as { __big: Blob }).__big = new Blob([t], { type: 'application/yaml' });
  }, text);
}

/** Drops the text given to `stashText` on the page as a file called `name`. */
export async function dropStashedText(page: Page, name: string): Promise<void> {
  await page.evaluate((fileName) => {
    const dt = new DataTransfer();
    // A File over the stashed Blob shares its data: nothing is copied here.
    dt.items.add(
      new File([(window as unknown as { __big: Blob }).__big], fileName, { type: 'application/yaml' }),
    );
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, name);
}

/** The page's analysis version (`data-analysis-version`), which each finished analysis raises. */
export function analysisVersion(page: Page): Promise<number> {
  return page.evaluate(() =>
    Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-analysis-version')),
  );
}

/** Waits until an analysis newer than `version` is in and nothing on the page is busy. */
export async function waitForAnalysisAfter(page: Page, version: number, timeout = 300_000): Promise<void> {
  await page.waitForFunction(
    (v) =>
      Number(document.querySelector('[data-testid="app"]')?.getAttribute('data-analysis-version')) > v &&
      !document.querySelector('[aria-busy="true"]'),
    version,
    { timeout },
  );
}

// ---- CPU time (robust to a busy machine) ------------------------------------------------------------------------

// Wall-clock figures depend on how many other processes want the CPU: on a shared 2-core machine a 10 ms frame
// can take 200 ms. The renderer's own CPU time does not, so it is reported beside them, from a trace.

export interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { name?: string; data?: Record<string, unknown> };
}

/** Top-level task events: their name depends on the trace categories. */
export const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/** A task's CPU time (µs), its wall time where the trace has no thread time. */
const cpuOf = (e: TraceEvent) => e.tdur ?? e.dur ?? 0;

/**
 * The complete events (`ph: X`) of the page's main thread in a trace: several renderers may be traced, and the
 * page's main thread is the renderer main thread whose top-level tasks took the most CPU.
 */
export function mainThreadEvents(trace: Buffer): TraceEvent[] {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, { events: TraceEvent[]; cpu: number }>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || !mains.has(key)) continue;
    const thread = byThread.get(key) ?? { events: [], cpu: 0 };
    thread.events.push(e);
    if (TASK_NAMES.has(e.name)) thread.cpu += cpuOf(e);
    byThread.set(key, thread);
  }
  let busiest = { events: [] as TraceEvent[], cpu: -1 };
  for (const thread of byThread.values()) if (thread.cpu > busiest.cpu) busiest = thread;
  return busiest.events;
}

/** Runs `action` under a trace; returns the longest main-thread task by CPU time and the main thread's CPU total. */
export async function withTaskTrace<T>(
  browser: Browser,
  page: Page,
  action: () => Promise<T>,
): Promise<{ result: T; longestTaskCpuMs: number; mainCpuMs: number }> {
  await browser.startTracing(page, { categories: ['toplevel'] });
  const result = await action();
  const tasks = mainThreadEvents(await browser.stopTracing())
    .filter((e) => TASK_NAMES.has(e.name))
    .map((e) => cpuOf(e) / 1000);
  return { result, longestTaskCpuMs: Math.max(0, ...tasks), mainCpuMs: tasks.reduce((a, b) => a + b, 0) };
}
