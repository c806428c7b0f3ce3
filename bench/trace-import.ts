// Profiling aid for the import bench, by Chrome's performance trace: imports the 10 MB manifest into a build
// (default dist-5214, best built with `--minify false` for readable names) and prints every main-thread task over
// `--over=MS` of CPU time (thread time, robust to a busy machine) with the trace events inside it (script entry
// points with their function and line, message and timer handlers, style, layout, paint, garbage collection), as
// a tree, by CPU time. Usage: tsx bench/trace-import.ts --port=5214 [--over=20] [--mb=10 | --workloads=5000]
import { clusterManifest } from './cluster';
import { bigManifest } from './import.bench';
import {
  analysisVersion,
  dropStashedText,
  launchChromium,
  mainThreadEvents,
  startPreview,
  stashText,
  TASK_NAMES,
  type TraceEvent,
  waitForAnalysisAfter,
} from './pageTools';

const args = process.argv.slice(2);
const PORT = Number(args.find((a) => a.startsWith('--port='))?.slice(7) ?? 5214);
const MB = Number(args.find((a) => a.startsWith('--mb='))?.slice(5) ?? 10);
const OVER = Number(args.find((a) => a.startsWith('--over='))?.slice(7) ?? 20);
const BASE = `http://127.0.0.1:${PORT}`;
/** `--workloads=N`: the real-size cluster of bench:ui (bench/cluster.ts, 150 namespaces) instead of `--mb`. */
const WORKLOADS = Number(args.find((a) => a.startsWith('--workloads='))?.slice(12) ?? 0);

function label(e: TraceEvent): string {
  const d = e.args?.data ?? {};
  const fn = d.functionName ?? d.type ?? d.timerId ?? '';
  const url = typeof d.url === 'string' ? `${d.url.split('/').pop()}:${d.lineNumber ?? ''}` : '';
  return [e.name, fn, url].filter((x) => x !== '').join(' ');
}

async function main() {
  const stopServer = await startPreview(`dist-${PORT}`, PORT);
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(BASE);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    // The cluster alone, as bench:ui imports it (an import adds to the open document): from the blank example.
    if (WORKLOADS > 0)
      await page.evaluate(() =>
        (
          window as unknown as { __netpol: { getState(): { dispatch(n: string, a: unknown): unknown } } }
        ).__netpol
          .getState()
          .dispatch('loadExample', { id: 'blank' }),
      );
    await page.waitForTimeout(2000);
    await stashText(page, WORKLOADS > 0 ? clusterManifest(WORKLOADS, 150) : bigManifest(MB));
    await page.waitForTimeout(2000);
    const version = await analysisVersion(page);
    await browser.startTracing(page, {
      categories: ['toplevel', 'devtools.timeline', 'v8', 'blink.user_timing'],
    });
    await dropStashedText(page, 'cluster.yaml');
    await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 300_000 });
    await waitForAnalysisAfter(page, version);
    await page.waitForTimeout(3000);
    const buffer = await browser.stopTracing();
    await browser.close();
    const main = mainThreadEvents(buffer);
    const cpu = (list: TraceEvent[]) =>
      list.filter((e) => TASK_NAMES.has(e.name)).reduce((a, e) => a + (e.tdur ?? 0), 0);
    main.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const tasks = main.filter((e) => TASK_NAMES.has(e.name));
    const t0 = tasks[0]?.ts ?? 0;
    console.log(
      `main thread: ${tasks.length} tasks, ${(cpu(main) / 1000).toFixed(0)} ms CPU; tasks over ${OVER} ms CPU:`,
    );
    for (const task of tasks) {
      if ((task.tdur ?? 0) / 1000 < OVER) continue;
      const end = task.ts + (task.dur ?? 0);
      console.log(
        `\ntask at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${((task.tdur ?? 0) / 1000).toFixed(0)} ms CPU, ${((task.dur ?? 0) / 1000).toFixed(0)} ms wall`,
      );
      const stack: number[] = [];
      for (const e of main) {
        if (e === task || e.ts < task.ts || e.ts >= end) continue;
        const eEnd = e.ts + (e.dur ?? 0);
        while (stack.length > 0 && e.ts >= stack[stack.length - 1]!) stack.pop();
        stack.push(eEnd);
        const ms = (e.tdur ?? e.dur ?? 0) / 1000;
        if (ms >= 2 && stack.length <= 6)
          console.log(`${'  '.repeat(stack.length)}${ms.toFixed(0).padStart(5)} ms  ${label(e)}`);
      }
    }
  } finally {
    stopServer();
  }
}
void main();
