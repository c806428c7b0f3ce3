// Shared Playwright fixtures: every test fails if the page asks any host other than the local preview server
// for anything (the app must work offline and never call a CDN), and helpers to read and drive Monaco.
import { test as base, expect, type Page } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for URLs that stay on this machine (data:, blob: and the local server). */
export function isLocal(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

export const test = base.extend<{ offsite: string[] }>({
  offsite: [
    async ({ context }, use) => {
      const offsite: string[] = [];
      // The context sees requests of every page, popup and worker it owns.
      context.on('request', (r) => {
        if (!isLocal(r.url())) offsite.push(r.url());
      });
      await use(offsite);
      expect(offsite, 'requests that left localhost').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Model URIs of the two YAML views (see src/ui/yaml/monacoSetup.ts). */
export const POLICIES_URI = 'inmemory://netpol/policies.yaml';
export const INVENTORY_URI = 'inmemory://netpol/inventory.yaml';

interface MonacoHandle {
  editor: {
    getModel(uri: unknown): { getValue(): string } | null;
    getModelMarkers(filter: { resource?: unknown; owner?: string }): { message: string; severity: number }[];
  };
  Uri: { parse(s: string): unknown };
}

/** The text of a YAML view's model, or null before the editor has loaded. */
export async function modelText(page: Page, uri = POLICIES_URI): Promise<string | null> {
  return page.evaluate((u) => {
    const m = (globalThis as { __monaco?: MonacoHandle }).__monaco;
    return m?.editor.getModel(m.Uri.parse(u))?.getValue() ?? null;
  }, uri);
}

/** The markers on a model (all owners: our diagnostics and monaco-yaml's schema checks). */
export async function modelMarkers(
  page: Page,
  uri = POLICIES_URI,
): Promise<{ message: string; severity: number }[]> {
  return page.evaluate((u) => {
    const m = (globalThis as { __monaco?: MonacoHandle }).__monaco;
    if (!m) return [];
    return m.editor
      .getModelMarkers({ resource: m.Uri.parse(u) })
      .map((x) => ({ message: x.message, severity: x.severity }));
  }, uri);
}

interface EditorHandle {
  getModel(): { uri: { toString(): string } } | null;
  getSelection(): { startLineNumber: number; startColumn: number } | null;
}

/** Line (1-based) and column of a YAML editor's selection start. */
export async function editorSelection(page: Page, view: 'policies' | 'inventory' = 'policies') {
  return page.evaluate((v) => {
    const m = (globalThis as { __monaco?: { editor: { getEditors(): EditorHandle[] } } }).__monaco;
    const ed = m?.editor.getEditors().find((e) => e.getModel()?.uri.toString().includes(v));
    const s = ed?.getSelection();
    return s ? { line: s.startLineNumber, column: s.startColumn } : null;
  }, view);
}

/** The YAML document (between `---` lines) holding 1-based `line`. */
export function documentAt(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && lines[start - 1] !== '---') start--;
  let end = line - 1;
  while (end < lines.length && lines[end] !== '---') end++;
  return `${lines.slice(start, end).join('\n')}\n`;
}

/** Waits until the editor shows text satisfying `pred`, and returns it. */
export async function waitForModelText(
  page: Page,
  pred: (text: string) => boolean,
  uri = POLICIES_URI,
  timeout = 15_000,
): Promise<string> {
  let last: string | null = null;
  await expect
    .poll(
      async () => {
        last = await modelText(page, uri);
        return last !== null && pred(last);
      },
      { timeout },
    )
    .toBe(true);
  return last ?? '';
}

/**
 * Waits until the canvas has placed its document: a new document is shown on a grid, then elk's layout and a
 * fit animation move every node (`aria-busy` on the canvas meanwhile). Anything aimed at a node's position
 * must wait for this, or it hits where the node was.
 */
export async function canvasSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false');
}

/** Centre of an element's bounding box, once the canvas has stopped placing its nodes. */
export async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  await canvasSettled(page);
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Draws an edge on the React Flow canvas by dragging from one handle to another. */
export async function dragHandle(page: Page, fromTestId: string, toTestId: string): Promise<void> {
  const from = await centre(page, fromTestId);
  const to = await centre(page, toTestId);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

const started = Date.now();
/** Matches playwright.config.ts: each E2E_PORT has its own results folder. */
const RESULTS = process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : 'test-results';

export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.E2E_TIMING) console.log(`${((Date.now() - started) / 1000).toFixed(1)} s: ${name}`);
  await page.screenshot({ path: `${RESULTS}/screenshots/${name}.png`, fullPage: false });
}
