// UI benchmark (`npm run bench:ui`): builds the app, serves the production bundle on 127.0.0.1:4173 and drives
// Debian's chromium with Playwright. For 50/200/500 workloads it reports
// - first render: navigation start → every workload node of a shared document is on the canvas;
// - YAML edit → overlay: a port edited in the Monaco model → the simulator overlay repainted (with and without
//   the pane's 300 ms typing debounce);
// - drag frames: the longest and the 95th-percentile frame while a workload is dragged across the canvas;
// and, once, the JS sent before Monaco loads (gzip sizes of the dist files requested before the editor chunk).
// Targets (issue 3): initial JS ≤ 300 KB gzip; edit→overlay ≤ 100 ms at 200; no frame > 50 ms at 500.
// Options: --no-build (reuse dist/), --sizes=50,200 (subset).
import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from '@playwright/test';
import { emptyDoc } from '../src/design/model';
import { applyOp } from '../src/design/ops';
import { encodeShare } from '../src/design/persist';
import type { DesignDoc, OpArgs, OpName } from '../src/design/types';

const PORT = 4173;
const BASE = `http://127.0.0.1:${PORT}`;
const DIST = join(process.cwd(), 'dist');
const args = process.argv.slice(2);
const SIZES = (args.find((a) => a.startsWith('--sizes='))?.slice(8) ?? '50,200,500').split(',').map(Number);
const TARGET_INITIAL_KB = 300;
const TARGET_EDIT_MS = 100;
const TARGET_FRAME_MS = 50;

// ---- documents ------------------------------------------------------------------------------------------------

function op<N extends OpName>(doc: DesignDoc, name: N, a: OpArgs[N]): DesignDoc {
  const r = applyOp(doc, name, a);
  const err = r.notices.find((n) => n.severity === 'error');
  if (err) throw new Error(`${name}: ${err.message}`);
  return r.doc;
}

/**
 * `n` workloads in namespaces of 25, each namespace default-deny for ingress, every workload allowing TCP 8080
 * from the previous one in its namespace (a chain), and the first workload of each namespace reachable from
 * the first one of the previous namespace on TCP 5432. Positions on a grid so nothing overlaps.
 */
export function generateDoc(n: number): DesignDoc {
  let doc = emptyDoc();
  const perNs = 25;
  const nsCount = Math.ceil(n / perNs);
  for (let k = 0; k < nsCount; k++) {
    const ns = `team-${String(k).padStart(2, '0')}`;
    doc = op(doc, 'addNamespace', {
      name: ns,
      labels: { team: `t${k}` },
      position: { x: (k % 4) * 1100, y: Math.floor(k / 4) * 900 },
    });
    const count = Math.min(perNs, n - k * perNs);
    for (let i = 0; i < count; i++) {
      doc = op(doc, 'addWorkload', {
        namespace: ns,
        name: `svc-${String(i).padStart(2, '0')}`,
        labels: { app: `svc-${k}-${i}`, tier: i % 3 === 0 ? 'web' : i % 3 === 1 ? 'api' : 'db' },
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        position: { x: 20 + (i % 5) * 210, y: 60 + Math.floor(i / 5) * 160 },
      });
    }
    doc = op(doc, 'setDefaultDeny', { namespace: ns, mode: 'ingress' });
    for (let i = 1; i < count; i++) {
      doc = op(doc, 'connect', {
        from: `${ns}/svc-${String(i - 1).padStart(2, '0')}`,
        to: `${ns}/svc-${String(i).padStart(2, '0')}`,
        ports: [{ protocol: 'TCP', port: 8080 }],
      });
    }
    if (k > 0) {
      doc = op(doc, 'connect', {
        from: `team-${String(k - 1).padStart(2, '0')}/svc-00`,
        to: `${ns}/svc-00`,
        ports: [{ protocol: 'TCP', port: 5432 }],
      });
    }
  }
  return doc;
}

// ---- server ---------------------------------------------------------------------------------------------------

async function startServer(): Promise<ChildProcess> {
  try {
    await fetch(BASE);
    throw new Error(`port ${PORT} is already in use (another preview or a Playwright run?)`);
  } catch (e) {
    if (e instanceof Error && e.message.startsWith('port')) throw e;
  }
  const child = spawn(
    'npx',
    ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
    {
      detached: true,
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 200));
    try {
      if ((await fetch(BASE)).ok) return child;
    } catch {
      // not up yet
    }
  }
  stopServer(child);
  throw new Error('vite preview did not start');
}

function stopServer(child: ChildProcess): void {
  // The preview runs in its own process group (detached): stop the group, not just npx.
  if (child.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

// ---- measurements ---------------------------------------------------------------------------------------------

const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

function gzipKb(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length / 1024;
}

/** Which dist file holds the Monaco editor: the one that defines MonacoEnvironment lookups. */
function isEditorChunk(file: string): boolean {
  const text = readFileSync(file, 'utf8');
  return text.includes('MonacoEnvironment') && text.length > 500_000;
}

interface InitialJs {
  readonly kb: number;
  readonly files: readonly { name: string; kb: number }[];
  readonly editorChunk: string | undefined;
}

async function measureInitialJs(browser: Browser): Promise<InitialJs> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  const requested: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.endsWith('.js')) requested.push(url.pathname);
  });
  await page.goto(BASE);
  await page.waitForFunction(() => Boolean((globalThis as { __monaco?: unknown }).__monaco), null, {
    timeout: 60_000,
  });
  await context.close();
  const files: { name: string; kb: number }[] = [];
  let editorChunk: string | undefined;
  for (const path of requested) {
    const file = join(DIST, path);
    if (isEditorChunk(file)) {
      editorChunk = path;
      break;
    }
    if (!files.some((f) => f.name === path)) files.push({ name: path, kb: gzipKb(file) });
  }
  return { kb: files.reduce((s, f) => s + f.kb, 0), files, editorChunk };
}

interface SizeResult {
  readonly n: number;
  readonly firstRenderMs: number;
  readonly editTotalMs: number;
  readonly editAfterDebounceMs: number;
  readonly dragMaxMs: number;
  readonly dragP95Ms: number;
}

async function openDoc(
  browser: Browser,
  doc: DesignDoc,
): Promise<{ page: Page; firstRenderMs: number; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  const page = await context.newPage();
  const n = doc.workloads.length;
  await page.goto(`${BASE}/#doc=${encodeShare(doc)}`);
  await page.waitForFunction(
    (count) => document.querySelectorAll('.react-flow__node-workload').length >= count,
    n,
    { timeout: 120_000, polling: 'raf' },
  );
  const firstRenderMs = await page.evaluate(() => performance.now());
  return { page, firstRenderMs, close: () => context.close() };
}

/** Edits the first `port: 8080` of the policies model and waits for the overlay to repaint. */
async function measureEdit(page: Page): Promise<{ total: number; afterDebounce: number }> {
  await page.waitForFunction(
    () => {
      const m = (
        globalThis as {
          __monaco?: { editor: { getEditors(): { getModel(): { getValue(): string } | null }[] } };
        }
      ).__monaco;
      return Boolean(m?.editor.getEditors().some((e) => e.getModel()?.getValue().includes('port: 8080')));
    },
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(async () => {
    type Ed = {
      getModel(): {
        getValue(): string;
        getPositionAt(o: number): { lineNumber: number; column: number };
        uri: { toString(): string };
      } | null;
      executeEdits(source: string, edits: { range: unknown; text: string }[]): boolean;
    };
    const m = (
      globalThis as unknown as {
        __monaco: {
          editor: { getEditors(): Ed[] };
          Range: new (a: number, b: number, c: number, d: number) => unknown;
        };
      }
    ).__monaco;
    const editor = m.editor.getEditors().find((e) => e.getModel()?.uri.toString().includes('policies'));
    const model = editor?.getModel();
    if (!editor || !model) throw new Error('no policies editor');
    const root = document.querySelector('[data-analysis-version]');
    const versionBefore = root?.getAttribute('data-analysis-version');
    const offset = model.getValue().indexOf('port: 8080') + 'port: '.length;
    const start = model.getPositionAt(offset);
    const done = new Promise<number>((resolve) => {
      const check = () => {
        const v = document.querySelector('[data-analysis-version]')?.getAttribute('data-analysis-version');
        const labelled = [...document.querySelectorAll('.react-flow__edge, .edge-label')].some((el) =>
          (el.textContent ?? '').includes('8081'),
        );
        if (v !== versionBefore && labelled) {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now()));
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    performance.clearMarks('netpol:yaml-applied');
    const t0 = performance.now();
    editor.executeEdits('bench', [
      {
        range: new m.Range(start.lineNumber, start.column, start.lineNumber, start.column + 4),
        text: '8081',
      },
    ]);
    const t1 = await Promise.race([
      done,
      new Promise<number>((_, rej) => setTimeout(() => rej(new Error('overlay never updated')), 20_000)),
    ]);
    const applied = performance.getEntriesByName('netpol:yaml-applied')[0]?.startTime ?? t0;
    return { total: t1 - t0, afterDebounce: t1 - applied };
  });
}

/** Drags one workload node for ~1 s and returns the frame intervals seen by requestAnimationFrame. */
async function measureDrag(page: Page): Promise<{ max: number; p95: number }> {
  const node = page.locator('.react-flow__node-workload').first();
  const box = await node.boundingBox();
  if (!box) throw new Error('no workload node on screen');
  const x = box.x + box.width / 2;
  const y = box.y + 12; // the header, away from handles and chips
  await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__recording) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 60; i++) {
    await page.mouse.move(x + i * 5, y + Math.sin(i / 6) * 40);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const frames = await page.evaluate(() => {
    const w = globalThis as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const deltas = frames.slice(1).map((t, i) => t - frames[i]);
  deltas.sort((a, b) => a - b);
  return { max: deltas[deltas.length - 1] ?? 0, p95: deltas[Math.floor(deltas.length * 0.95)] ?? 0 };
}

// ---- main -----------------------------------------------------------------------------------------------------

function fmt(n: number, digits = 0): string {
  return n.toFixed(digits).padStart(8);
}

async function main() {
  if (!args.includes('--no-build')) execSync('npx vite build', { stdio: 'inherit' });
  readdirSync(DIST); // fail early without a build
  const docs = SIZES.map((n) => ({ n, doc: generateDoc(n) }));
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: LAUNCH_ARGS });
  try {
    const initial = await measureInitialJs(browser);
    const results: SizeResult[] = [];
    for (const { n, doc } of docs) {
      const { page, firstRenderMs, close } = await openDoc(browser, doc);
      const edit = await measureEdit(page);
      const drag = await measureDrag(page);
      await close();
      results.push({
        n,
        firstRenderMs,
        editTotalMs: edit.total,
        editAfterDebounceMs: edit.afterDebounce,
        dragMaxMs: drag.max,
        dragP95Ms: drag.p95,
      });
      console.log(`measured ${n} workloads`);
    }
    console.log('\nJS sent before Monaco loads (gzip):');
    for (const f of initial.files) console.log(`  ${f.name.padEnd(48)} ${f.kb.toFixed(1)} KB`);
    console.log(
      `  total ${initial.kb.toFixed(1)} KB (target ≤ ${TARGET_INITIAL_KB} KB: ${initial.kb <= TARGET_INITIAL_KB ? 'met' : 'MISSED'}); editor chunk ${initial.editorChunk ?? 'not seen'}`,
    );
    console.log(
      '\nworkloads | first render ms | edit→overlay ms (total) | after debounce ms | drag max ms | drag p95 ms',
    );
    for (const r of results) {
      console.log(
        `${String(r.n).padStart(9)} | ${fmt(r.firstRenderMs)}        | ${fmt(r.editTotalMs)}                | ${fmt(r.editAfterDebounceMs)}          | ${fmt(r.dragMaxMs, 1)}    | ${fmt(r.dragP95Ms, 1)}`,
      );
    }
    const at200 = results.find((r) => r.n === 200);
    const at500 = results.find((r) => r.n === 500);
    if (at200) {
      console.log(
        `edit→overlay at 200 (after the debounce): ${at200.editAfterDebounceMs.toFixed(0)} ms (target ≤ ${TARGET_EDIT_MS}: ${at200.editAfterDebounceMs <= TARGET_EDIT_MS ? 'met' : 'MISSED'})`,
      );
    }
    if (at500) {
      console.log(
        `longest drag frame at 500: ${at500.dragMaxMs.toFixed(1)} ms (target ≤ ${TARGET_FRAME_MS}: ${at500.dragMaxMs <= TARGET_FRAME_MS ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    await browser.close();
    stopServer(server);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
