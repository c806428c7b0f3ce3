// Profiling aid for bench:ui's edit at cluster scale (issue 14): imports the bench's real-size cluster into a build
// (default dist-PORT; build it with `--minify false` for readable names), opens the first namespace as the bench
// does, then makes `--edits=N` YAML edits one after the other (bench/yamlEdit.ts, each waits for its overlay)
// under a Chrome trace and the V8 sampling profiler. Per edit it prints the main thread's CPU time (thread time of
// its top-level tasks: robust to a busy machine), its longest task, every task over `--over=MS` of CPU with the
// trace events inside it, and the functions with the most self time over the edit (samples × interval).
// Usage: tsx bench/profile-edit.ts --port=5205 [--dist=dist-5205] [--workloads=5000] [--edits=3] [--over=10] [--settle=300]
import { clusterManifest } from './cluster';
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
import { measureEdit } from './yamlEdit';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) =>
  args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const PORT = Number(opt('port', '5205'));
const DIST = opt('dist', `dist-${PORT}`);
const WORKLOADS = Number(opt('workloads', '5000'));
const EDITS = Number(opt('edits', '3'));
const OVER = Number(opt('over', '10'));
/** The wait after the namespace is opened and the view fitted, before the first edit (bench:ui: 300 ms). */
const SETTLE = Number(opt('settle', '300'));
const BASE = `http://127.0.0.1:${PORT}`;
const NAMESPACES = 150;
const SAMPLE_US = 200;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The profile's samples with their time (µs, the trace's clock). */
function timedSamples(profile: Profile): { at: number; node: number }[] {
  let t = profile.startTime;
  return profile.samples.map((node, i) => {
    t += profile.timeDeltas[i]!;
    return { at: t, node };
  });
}

function label(e: TraceEvent): string {
  const d = e.args?.data ?? {};
  const fn = d.functionName ?? d.type ?? d.timerId ?? '';
  const url = typeof d.url === 'string' ? `${d.url.split('/').pop()}:${d.lineNumber ?? ''}` : '';
  return [e.name, fn, url].filter((x) => x !== '').join(' ');
}

function printTasks(main: TraceEvent[], profile: Profile): void {
  const samples = timedSamples(profile);
  main.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const tasks = main.filter((e) => TASK_NAMES.has(e.name));
  const cpu = tasks.map((t) => (t.tdur ?? t.dur ?? 0) / 1000);
  const t0 = tasks[0]?.ts ?? 0;
  console.log(
    `  main thread: ${tasks.length} tasks, ${cpu.reduce((a, b) => a + b, 0).toFixed(0)} ms CPU, longest ${Math.max(0, ...cpu).toFixed(0)} ms CPU`,
  );
  // Every task by what it ran (its first script entry, or its own name), largest CPU first.
  const kinds = new Map<string, { cpu: number; count: number }>();
  let i = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    while (i < main.length && main[i]!.ts < task.ts) i++;
    let kind = task.name;
    for (let j = i; j < main.length && main[j]!.ts < end; j++) {
      const e = main[j]!;
      if (e.name === 'FunctionCall' || e.name === 'TimerFire' || e.name === 'FireIdleCallback') {
        kind = e.name === 'FunctionCall' ? label(e) : `${e.name} > ${label(main[j + 2] ?? e)}`;
        if (e.name === 'FunctionCall') break;
      }
    }
    const k = kinds.get(kind) ?? { cpu: 0, count: 0 };
    k.cpu += (task.tdur ?? task.dur ?? 0) / 1000;
    k.count++;
    kinds.set(kind, k);
  }
  for (const [kind, k] of [...kinds].sort((a, b) => b[1].cpu - a[1].cpu).slice(0, 15))
    console.log(`    ${k.cpu.toFixed(1).padStart(7)} ms in ${String(k.count).padStart(3)} tasks  ${kind}`);
  for (const task of tasks) {
    if ((task.tdur ?? 0) / 1000 < OVER) continue;
    const end = task.ts + (task.dur ?? 0);
    console.log(
      `\n  task at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${((task.tdur ?? 0) / 1000).toFixed(1)} ms CPU, ${((task.dur ?? 0) / 1000).toFixed(0)} ms wall`,
    );
    const stack: number[] = [];
    for (const e of main) {
      if (e === task || e.ts < task.ts || e.ts >= end) continue;
      const eEnd = e.ts + (e.dur ?? 0);
      while (stack.length > 0 && e.ts >= stack[stack.length - 1]!) stack.pop();
      stack.push(eEnd);
      const ms = (e.tdur ?? e.dur ?? 0) / 1000;
      if (ms >= 1 && stack.length <= 7)
        console.log(`  ${'  '.repeat(stack.length)}${ms.toFixed(1).padStart(6)} ms  ${label(e)}`);
    }
    const inside = samples.filter((x) => x.at >= task.ts && x.at <= end).map((x) => x.node);
    printProfile(profile, inside, 8, 20, '    ');
  }
}

function printProfile(
  profile: Profile,
  samples: readonly number[],
  selfCount: number,
  totalCount: number,
  indent: string,
): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const ms = SAMPLE_US / 1000;
  let busy = 0;
  for (const id of samples) {
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)' || n.callFrame.functionName === '(program)') continue;
    busy += ms;
    self.set(name(n), (self.get(name(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let p: number | undefined = n.id; p !== undefined; p = parent.get(p)) {
      const k = name(byId.get(p)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([f, t]) => `${indent}    ${t.toFixed(1).padStart(7)} ms  ${f}`)
      .join('\n');
  console.log(`${indent}JS samples: ${busy.toFixed(1)} ms (samples × ${ms} ms)`);
  console.log(`${indent} self:\n${top(self, selfCount)}`);
  console.log(`${indent} total:\n${top(total, totalCount)}`);
}

async function main() {
  const stopServer = await startPreview(DIST, PORT);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(BASE);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    await page.evaluate(() =>
      (
        window as unknown as { __netpol: { getState(): { dispatch(n: string, a: unknown): unknown } } }
      ).__netpol
        .getState()
        .dispatch('loadExample', { id: 'blank' }),
    );
    await page.waitForTimeout(2000);
    await stashText(page, clusterManifest(WORKLOADS, NAMESPACES));
    const version = await analysisVersion(page);
    await dropStashedText(page, 'cluster.yaml');
    await waitForAnalysisAfter(page, version, 600_000);
    await page.waitForTimeout(3000);
    const report = page.getByRole('dialog', { name: 'Import report' });
    if (await report.isVisible()) await report.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('namespace-team-000').click({ position: { x: 30, y: 40 } });
    await page.locator('.react-flow__node-workload').first().waitFor({ timeout: 60_000 });
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(SETTLE);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
    for (let i = 0; i < EDITS; i++) {
      // The profiler first: its start is a long task of its own, kept out of the trace.
      await cdp.send('Profiler.start');
      await browser.startTracing(page, {
        categories: ['toplevel', 'devtools.timeline', 'v8', 'blink.user_timing'],
      });
      const edit = await measureEdit(page, 8081 + i, 300_000);
      const main = mainThreadEvents(await browser.stopTracing());
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
      console.log(
        `\nedit ${i + 1}: overlay ${edit.afterDebounce.toFixed(0)} ms after the typing pause (${edit.total.toFixed(0)} ms in all)`,
      );
      printTasks(main, profile);
      console.log('\n  the whole edit:');
      printProfile(profile, profile.samples, 25, 50, '  ');
      await page.waitForTimeout(2000);
    }
  } finally {
    await browser.close();
    stopServer();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
