// Import benchmark (`npm run bench:import`, issue 12 item 9): a 10 MB `kubectl get -o yaml`-like file (400
// Deployments with the managedFields and status a real cluster returns, 100 NetworkPolicies, ConfigMaps) is
// imported through the file picker; reported: the longest main-thread task (PerformanceObserver 'longtask')
// from the click to the simulation of the imported document on screen, the number of tasks over 200 ms, and
// the time until the import report and the simulation. Target: no task over 200 ms.
// Options: --no-build (reuse dist-4192/), --port=4192, --mb=10.
import { execSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  analysisVersion,
  dropStashedText,
  launchChromium,
  recordLongTasks,
  startPreview,
  stashText,
  waitForAnalysisAfter,
  withTaskTrace,
} from './pageTools';

const args = process.argv.slice(2);
const PORT = Number(args.find((a) => a.startsWith('--port='))?.slice(7) ?? 4192);
const MB = Number(args.find((a) => a.startsWith('--mb='))?.slice(5) ?? 10);
const BASE = `http://127.0.0.1:${PORT}`;
const OUT = `dist-${PORT}`;
const TARGET_TASK_MS = 200;

function deployment(ns: string, i: number): string {
  const fields = Array.from(
    { length: 60 },
    (_, k) => `        f:field${k}: {}\n        f:annotation-${k}-${'x'.repeat(120)}: {}`,
  ).join('\n');
  const conditions = Array.from(
    { length: 20 },
    (_, k) =>
      `    - type: Condition${k}\n      status: "True"\n      reason: ${'Reason'.repeat(8)}\n      message: ${'replica set has successfully progressed '.repeat(3)}\n      lastUpdateTime: "2026-01-01T00:00:00Z"`,
  ).join('\n');
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ${ns}
  uid: 00000000-0000-0000-0000-${String(i).padStart(12, '0')}
  resourceVersion: "${1000 + i}"
  labels: {app: app-${i}, tier: t${i % 5}}
  managedFields:
    - manager: kubectl
      operation: Update
      apiVersion: apps/v1
      fieldsType: FieldsV1
      fieldsV1:
${fields}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata:
      labels: {app: app-${i}, tier: t${i % 5}}
    spec:
      containers:
        - name: main
          image: registry.example/app-${i}:1.0
          ports: [{containerPort: ${8000 + (i % 50)}, name: http}]
status:
  replicas: 2
  conditions:
${conditions}
`;
}

function policy(ns: string, i: number): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p-${i}, namespace: ${ns}}
spec:
  podSelector: {matchLabels: {app: app-${i}}}
  policyTypes: [Ingress, Egress]
  ingress:
    - from: [{podSelector: {matchLabels: {tier: t${(i + 1) % 5}}}}]
      ports: [{port: ${8000 + (i % 50)}}]
  egress:
    - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
      ports: [{port: 53, protocol: UDP}]
`;
}

/** About `mb` megabytes of manifests. */
export function bigManifest(mb: number): string {
  const docs: string[] = [];
  let size = 0;
  let i = 0;
  while (size < mb * 1024 * 1024) {
    const ns = `team-${i % 10}`;
    const d = deployment(ns, i);
    docs.push(d);
    size += d.length;
    if (i % 4 === 0) {
      const p = policy(ns, i);
      docs.push(p);
      size += p.length;
    }
    i++;
  }
  return docs.join('---\n');
}

async function main() {
  if (!args.includes('--no-build')) execSync(`npx vite build --outDir ${OUT}`, { stdio: 'ignore' });
  const stop = await startPreview(OUT, PORT);
  try {
    const text = bigManifest(MB);
    const browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await recordLongTasks(page);
    await page.goto(BASE);
    await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
    await page.waitForTimeout(3000);
    // The text enters the page before the measurement (handing 10 MB to the page over the DevTools protocol is
    // the harness's work, not the app's); the import starts with a file dropped on the page, as a user's would.
    await stashText(page, text);
    await page.waitForTimeout(3000);
    const before = { at: await page.evaluate(() => performance.now()), version: await analysisVersion(page) };
    // Wall-clock task lengths stretch with the machine's load (another process holds the core); the CPU time of
    // the longest main-thread task, from a trace, is reported beside them.
    const traced = await withTaskTrace(browser, page, async () => {
      await dropStashedText(page, 'cluster.yaml');
      await page.getByRole('dialog', { name: 'Import report' }).waitFor({ timeout: 300_000 });
      const reportAt = await page.evaluate(() => performance.now());
      await waitForAnalysisAfter(page, before.version);
      const doneAt = await page.evaluate(() => performance.now());
      await page.waitForTimeout(3000);
      return { reportAt, doneAt };
    });
    const { reportAt, doneAt } = traced.result;
    const tasks = await page.evaluate(
      (from) =>
        (window as unknown as { __tasks: { start: number; duration: number }[] }).__tasks.filter(
          (t) => t.start >= from,
        ),
      before.at,
    );
    const longest = Math.max(0, ...tasks.map((t) => t.duration));
    const over = tasks.filter((t) => t.duration > TARGET_TASK_MS);
    console.log(
      `import of ${(text.length / (1024 * 1024)).toFixed(1)} MB (${text.split('\n---\n').length} documents)`,
    );
    console.log(`  import report after   ${((reportAt - before.at) / 1000).toFixed(2)} s`);
    console.log(`  simulation on screen  ${((doneAt - before.at) / 1000).toFixed(2)} s`);
    console.log(
      `  longest main-thread task ${longest.toFixed(0)} ms; tasks over ${TARGET_TASK_MS} ms: ${over.length} (${over.map((t) => t.duration.toFixed(0)).join(', ')})`,
    );
    console.log(
      `  longest main-thread task by CPU time ${traced.longestTaskCpuMs.toFixed(0)} ms; main-thread CPU in all ${traced.mainCpuMs.toFixed(0)} ms`,
    );
    console.log(
      `  target: no task over ${TARGET_TASK_MS} ms — ${longest <= TARGET_TASK_MS ? 'met' : 'NOT met'} (load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
    );
    await browser.close();
  } finally {
    stop();
  }
}

if (process.argv[1] && join(process.argv[1]).endsWith('import.bench.ts')) void main();
