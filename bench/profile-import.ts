// Profiling aid for the import bench: imports the 10 MB manifest into a build (default dist-5214, best built with
// `--minify false` for readable names) under the V8 sampling profiler and prints, per long main-thread task, the
// functions with the most self and total time inside it. Usage: tsx bench/profile-import.ts --port=5214
import { clusterManifest } from './cluster';
import { bigManifest } from './import.bench';
import {
  analysisVersion,
  dropStashedText,
  launchChromium,
  recordLongTasks,
  startPreview,
  stashText,
  waitForAnalysisAfter,
} from './pageTools';

const args = process.argv.slice(2);
const PORT = Number(args.find((a) => a.startsWith('--port='))?.slice(7) ?? 5214);
const MB = Number(args.find((a) => a.startsWith('--mb='))?.slice(5) ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
/** The sampling interval (ms); the figures printed are CPU time, samples × this. */
const SAMPLE_MS = 0.5;

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

async function main() {
  const stopServer = await startPreview(`dist-${PORT}`, PORT);
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await recordLongTasks(page);
    await page.goto(BASE);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000);
    const UI = Number(args.find((a) => a.startsWith('--workloads='))?.slice(12) ?? 0);
    const NS = Number(
      args.find((a) => a.startsWith('--namespaces='))?.slice(13) ?? Math.max(5, Math.round(UI / 33)),
    );
    const text = UI > 0 ? clusterManifest(UI, NS) : bigManifest(MB);
    await stashText(page, text);
    await page.waitForTimeout(2000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_MS * 1000 });
    await cdp.send('Profiler.start');
    // An anchor the profile can see: a 30 ms busy function, whose first sample is at `t0` on the page's clock.
    const t0 = await page.evaluate(() => {
      const at = performance.now();
      function profileAnchor() {
        while (performance.now() < at + 30) {
          // busy
        }
      }
      profileAnchor();
      return at;
    });
    const version = await analysisVersion(page);
    await dropStashedText(page, 'cluster.yaml');
    await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 300_000 });
    await waitForAnalysisAfter(page, version);
    await page.waitForTimeout(3000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const tasks = (
      await page.evaluate(
        () => (window as unknown as { __tasks: { start: number; duration: number }[] }).__tasks,
      )
    ).filter((t) => t.start >= t0);
    // performance.now() of the profile's start: the first sample is taken right after Profiler.start.
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const byIdEarly = byId;
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    // Profile times are µs on the trace clock; aligned by the anchor's first sample.
    let anchor = profile.startTime;
    {
      let at = profile.startTime;
      for (let i = 0; i < profile.samples.length; i++) {
        at += profile.timeDeltas[i]!;
        if (byIdEarly.get(profile.samples[i]!)?.callFrame.functionName === 'profileAnchor') {
          anchor = at;
          break;
        }
      }
    }
    let t = profile.startTime;
    const samples: { at: number; node: number }[] = [];
    for (let i = 0; i < profile.samples.length; i++) {
      t += profile.timeDeltas[i]!;
      samples.push({ at: (t - anchor) / 1000 + t0, node: profile.samples[i]! });
    }
    const name = (n: ProfileNode) =>
      `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    console.log(`tasks over 50 ms: ${tasks.length} (figures below: CPU ms, samples × ${SAMPLE_MS} ms)`);
    // --over=MS: the tasks shown are those over MS of wall clock (default 150).
    const over = Number(args.find((a) => a.startsWith('--over='))?.slice(7) ?? 150);
    for (const task of tasks.filter((x) => x.duration > over)) {
      const inside = samples.filter((s) => s.at >= task.start && s.at <= task.start + task.duration);
      const self = new Map<string, number>();
      const total = new Map<string, number>();
      for (let i = 0; i < inside.length; i++) {
        // Each sample is one sampling interval of CPU: on a busy machine the gaps between samples are time the
        // thread did not run, so counting samples gives CPU time where the clock would blame whatever ran last.
        const dt = SAMPLE_MS;
        const n = byId.get(inside[i]!.node)!;
        self.set(name(n), (self.get(name(n)) ?? 0) + dt);
        const seen = new Set<string>();
        for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
          const k = name(byId.get(id)!);
          if (seen.has(k)) continue;
          seen.add(k);
          total.set(k, (total.get(k) ?? 0) + dt);
        }
      }
      const top = (m: Map<string, number>, k: number) =>
        [...m]
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([f, ms]) => `      ${ms.toFixed(0).padStart(6)} ms  ${f}`)
          .join('\n');
      console.log(
        `\ntask at ${(task.start - t0).toFixed(0)} ms, ${task.duration.toFixed(0)} ms (${inside.length} samples)`,
      );
      console.log(`   self:\n${top(self, 8)}`);
      console.log(`   total:\n${top(total, 40)}`);
    }
    await browser.close();
  } finally {
    stopServer();
  }
}
void main();
