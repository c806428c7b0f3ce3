// The acceptance journey of issue 3, as a new user does it: blank document → a namespace and three labelled
// workloads → two drawn edges → default deny → the YAML and the simulator agree → an edit in Monaco moves the
// canvas and the matrix → a broken edit shows a marker and leaves the canvas alone → undo/redo → reload
// restores the work → the exported file equals the YAML pane. Screenshots of the main states go to
// test-results/screenshots/.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { loadAll } from 'js-yaml';
import {
  dragHandle,
  expect,
  INVENTORY_URI,
  modelMarkers,
  modelText,
  POLICIES_URI,
  screenshot,
  test,
  waitForModelText,
} from './fixtures';

interface PolicyDoc {
  kind: string;
  metadata: { name: string; namespace: string };
  spec: {
    podSelector: { matchLabels?: Record<string, string> };
    policyTypes?: string[];
    ingress?: {
      from?: { podSelector?: { matchLabels?: Record<string, string> } }[];
      ports?: { port: number; protocol?: string }[];
    }[];
  };
}

function policies(text: string): PolicyDoc[] {
  return (loadAll(text) as PolicyDoc[]).filter((d) => d && d.kind === 'NetworkPolicy');
}

async function addWorkload(page: Page, name: string, labels: string, port: string) {
  await page.getByRole('button', { name: 'Add workload' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add workload' });
  await dialog.getByRole('combobox', { name: 'Namespace' }).fill('shop');
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Labels' }).fill(labels);
  await dialog.getByRole('textbox', { name: 'Container ports' }).fill(port);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId(`workload-shop/${name}`)).toBeVisible();
}

async function drawRule(page: Page, from: string, to: string, port: string) {
  await dragHandle(page, `handle-src-workload-shop/${from}`, `handle-dst-workload-shop/${to}`);
  const dialog = page.getByRole('dialog', { name: 'New rule' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Port', exact: true }).first().fill(port);
  await dialog.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId(`edge-label-shop/${from}->shop/${to}`)).toContainText(`TCP ${port}`);
}

/** Selects characters `from`..`to` of the first occurrence of `find` in the policies editor. */
async function selectInEditor(page: Page, find: string, from = 0, to = find.length) {
  await page.getByTestId('yaml-editor-policies').locator('.view-lines').click();
  await page.evaluate(
    ([needle, start, end]) => {
      type Ed = {
        getModel(): {
          getValue(): string;
          getPositionAt(o: number): { lineNumber: number; column: number };
          uri: { toString(): string };
        } | null;
        setSelection(r: {
          startLineNumber: number;
          startColumn: number;
          endLineNumber: number;
          endColumn: number;
        }): void;
        revealLineInCenter(line: number): void;
        focus(): void;
      };
      const m = (globalThis as unknown as { __monaco: { editor: { getEditors(): Ed[] } } }).__monaco;
      const editor = m.editor.getEditors().find((e) => e.getModel()?.uri.toString().includes('policies'));
      const model = editor?.getModel();
      if (!editor || !model) throw new Error('no policies editor');
      const offset = model.getValue().indexOf(needle);
      if (offset < 0) throw new Error(`${needle} not in the YAML`);
      const a = model.getPositionAt(offset + start);
      const b = model.getPositionAt(offset + end);
      editor.setSelection({
        startLineNumber: a.lineNumber,
        startColumn: a.column,
        endLineNumber: b.lineNumber,
        endColumn: b.column,
      });
      editor.revealLineInCenter(a.lineNumber);
      editor.focus();
    },
    [find, from, to] as const,
  );
}

async function typeAtOnce(page: Page, text: string) {
  await page.evaluate((t) => {
    type Ed = { hasTextFocus(): boolean; trigger(source: string, handler: string, payload: unknown): void };
    const m = (globalThis as unknown as { __monaco: { editor: { getEditors(): Ed[] } } }).__monaco;
    const editor = m.editor.getEditors().find((e) => e.hasTextFocus());
    if (!editor) throw new Error('no focused editor');
    editor.trigger('keyboard', 'type', { text: t });
  }, text);
}

/** Runs Monaco's undo command in the focused editor until its text no longer contains `needle`. */
async function undoInEditorWhile(page: Page, needle: string) {
  await page.evaluate((n) => {
    type Ed = {
      hasTextFocus(): boolean;
      getModel(): { getValue(): string } | null;
      trigger(source: string, handler: string, payload: unknown): void;
    };
    const m = (globalThis as unknown as { __monaco: { editor: { getEditors(): Ed[] } } }).__monaco;
    const editor = m.editor.getEditors().find((e) => e.hasTextFocus());
    if (!editor) throw new Error('no focused editor');
    for (let i = 0; i < 10 && editor.getModel()?.getValue().includes(n); i++) {
      editor.trigger('keyboard', 'undo', null);
    }
  }, needle);
}

/** Our own diagnostics on the policies model (monaco-yaml's schema warnings have another owner). */
async function netpolMarkers(page: Page): Promise<{ line: number; column: number; severity: number }[]> {
  return page.evaluate((uri) => {
    type Marker = { startLineNumber: number; startColumn: number; severity: number };
    const m = (
      globalThis as unknown as {
        __monaco: {
          editor: { getModelMarkers(f: { resource: unknown; owner: string }): Marker[] };
          Uri: { parse(s: string): unknown };
        };
      }
    ).__monaco;
    return m.editor
      .getModelMarkers({ resource: m.Uri.parse(uri), owner: 'netpol' })
      .map((x) => ({ line: x.startLineNumber, column: x.startColumn, severity: x.severity }));
  }, POLICIES_URI);
}

const cell = (src: string, dst: string) => `matrix-cell-shop/${src}->shop/${dst}`;

test('a new user designs, edits, breaks, undoes, reloads and exports a three-tier policy set', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');

  // Start blank.
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  // The empty policy set is not an incomplete policy: no schema warnings on the blank document.
  await waitForModelText(page, (t) => t.trim() === '');
  await expect.poll(() => modelMarkers(page)).toEqual([]);
  await screenshot(page, '01-blank');

  // A namespace and three labelled workloads.
  await page.getByRole('button', { name: 'Add namespace' }).click();
  const nsDialog = page.getByRole('dialog', { name: 'Add namespace' });
  await nsDialog.getByRole('textbox', { name: 'Name' }).fill('shop');
  await nsDialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('namespace-shop')).toBeVisible();
  await addWorkload(page, 'frontend', 'app=frontend, tier=web', '80');
  await addWorkload(page, 'backend', 'app=backend, tier=api', '8080');
  await addWorkload(page, 'database', 'app=database, tier=db', '5432');
  await expect(page.getByTestId('isolation-shop/database')).toHaveText('open');
  await screenshot(page, '02-workloads');

  // Draw the two allowed flows, then isolate the namespace for ingress.
  await drawRule(page, 'frontend', 'backend', '8080');
  await drawRule(page, 'backend', 'database', '5432');
  await page.getByLabel('Default deny for shop').selectOption('ingress');
  await expect(page.getByTestId('isolation-shop/database')).toHaveText('ingress-isolated');
  await expect(page.getByTestId('isolation-shop/frontend')).toHaveText('ingress-isolated');

  // The YAML pane shows exactly these policies.
  const yaml = await waitForModelText(page, (t) => t.includes('5432') && t.includes('default-deny'));
  const byName = new Map(policies(yaml).map((p) => [p.metadata.name, p]));
  expect([...byName.keys()].sort()).toEqual(['backend-ingress', 'database-ingress', 'default-deny-ingress']);
  for (const p of byName.values()) expect(p.metadata.namespace).toBe('shop');
  expect(byName.get('default-deny-ingress')?.spec).toMatchObject({
    podSelector: {},
    policyTypes: ['Ingress'],
  });
  expect(byName.get('default-deny-ingress')?.spec.ingress ?? []).toEqual([]);
  expect(byName.get('backend-ingress')?.spec).toMatchObject({
    podSelector: { matchLabels: { app: 'backend' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ port: 8080 }] }],
  });
  expect(byName.get('database-ingress')?.spec).toMatchObject({
    podSelector: { matchLabels: { app: 'database' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'backend' } } }], ports: [{ port: 5432 }] }],
  });

  // The simulator: frontend → database denied, backend → database allowed on 5432 only.
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByTestId(cell('frontend', 'database'))).toHaveText('—');
  await expect(page.getByTestId(cell('backend', 'database'))).toHaveText('TCP 5432');
  await expect(page.getByTestId(cell('frontend', 'backend'))).toHaveText('TCP 8080');
  await page.getByRole('tab', { name: 'Probe' }).click();
  await page.getByLabel('Probe source').fill('shop/frontend');
  await page.getByLabel('Probe destination').fill('shop/database');
  await page.getByLabel('Probe port').fill('5432');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  await expect(page.getByTestId('probe-result').locator('.verdict').first()).toContainText('denied');
  await page.getByLabel('Probe source').fill('shop/backend');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  await expect(page.getByTestId('probe-result').locator('.verdict').first()).toContainText('allowed');
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await screenshot(page, '03-designed');

  // Edit the port in Monaco: the canvas edge and the matrix follow.
  // One keystroke over the last digit: typing digit by digit would pass through valid ports (5, 54, 543),
  // each applied after a pause on a slow machine.
  await selectInEditor(page, 'port: 5432', 9, 10);
  await page.keyboard.type('3');
  await expect(page.getByTestId('edge-label-shop/backend->shop/database')).toContainText('TCP 5433');
  await expect(page.getByTestId(cell('backend', 'database'))).toHaveText('TCP 5433');
  await expect(page.getByTestId('yaml-status-policies')).toHaveText(/In step/);
  const edited = (await modelText(page)) ?? '';
  expect(edited).toContain('port: 5433');
  await screenshot(page, '04-yaml-edited');

  // Break it: a marker at the bad line, an error listed, and the canvas keeps the last good document.
  // Typed as one edit (Monaco's own `type` command, what a paste does): key by key it would pass through
  // `foo: a`, which is valid (kept as an extra field) and would be applied on a slow machine.
  await page.keyboard.press('Control+End');
  await typeAtOnce(page, 'foo: a: b');
  const broken = (await modelText(page)) ?? '';
  const fooLine = broken.split('\n').findIndex((l) => l.startsWith('foo: a: b')) + 1;
  expect(fooLine).toBeGreaterThan(1);
  await expect.poll(() => netpolMarkers(page)).toContainEqual(expect.objectContaining({ line: fooLine }));
  const marker = (await netpolMarkers(page)).find((m) => m.line === fooLine);
  expect(marker?.severity).toBe(8); // MarkerSeverity.Error
  // The squiggle is drawn and stays in view although the problems list now takes room under the editor.
  const squiggle = page.getByTestId('yaml-editor-policies').locator('.squiggly-error').first();
  await expect(squiggle).toBeVisible();
  await expect(squiggle).toBeInViewport();
  const editorBox = await page.getByTestId('yaml-editor-policies').boundingBox();
  const squiggleBox = await squiggle.boundingBox();
  expect(
    squiggleBox && editorBox && squiggleBox.y + squiggleBox.height <= editorBox.y + editorBox.height,
  ).toBe(true);
  await expect(page.getByTestId('yaml-problems-policies')).toContainText(`${fooLine}:${marker?.column}`);
  await expect(page.getByTestId('yaml-status-policies')).toContainText('error');
  await expect(page.getByTestId('edge-label-shop/backend->shop/database')).toContainText('TCP 5433');
  await expect(page.getByTestId(cell('backend', 'database'))).toHaveText('TCP 5433');
  // Close Monaco's word suggestions (opened by the typing), which would cover the problems list.
  await page.keyboard.press('Escape');
  await expect(page.locator('.suggest-widget.visible')).toHaveCount(0);
  await screenshot(page, '05-yaml-broken');

  // Monaco's own undo removes the broken text; the pane is back in step without a document change. Monaco
  // undoes typed text a word at a time (`foo: a: b` → `foo: a:` → `foo:` → gone), and `foo:` is valid YAML: a
  // pause over 300 ms between two key presses (a loaded machine) would apply it as an edit of its own. So the
  // undo steps run in one go inside the page, as a quick succession of Ctrl+Z does.
  await undoInEditorWhile(page, 'foo:');
  expect(await modelText(page)).toBe(edited);
  await expect(page.getByTestId('yaml-status-policies')).toHaveText(/In step/);
  await expect(page.locator('.squiggly-error')).toHaveCount(0);

  // The document's undo/redo (toolbar): the YAML edit is one step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('edge-label-shop/backend->shop/database')).toContainText('TCP 5432');
  await waitForModelText(page, (t) => t.includes('port: 5432') && !t.includes('5433'));
  await expect(page.getByTestId(cell('backend', 'database'))).toHaveText('TCP 5432');
  // Redo with the keyboard shortcut (focus is on the toolbar button, outside the editor).
  await page.keyboard.press('Control+Shift+Z');
  await expect(page.getByTestId('edge-label-shop/backend->shop/database')).toContainText('TCP 5433');
  await expect(page.getByTestId(cell('backend', 'database'))).toHaveText('TCP 5433');
  const beforeReload = await waitForModelText(page, (t) => t.includes('port: 5433'));

  // Reload: the autosave brings everything back.
  await expect
    .poll(() =>
      page.evaluate(async () =>
        (
          (await (
            window as unknown as { __netpol: { storage: { readCurrent(): Promise<string | null> } } }
          ).__netpol.storage.readCurrent()) ?? ''
        ).includes('5433'),
      ),
    )
    .toBe(true);
  await page.reload();
  await expect(page.getByTestId('edge-label-shop/backend->shop/database')).toContainText('TCP 5433');
  await expect(page.getByTestId('edge-label-shop/frontend->shop/backend')).toContainText('TCP 8080');
  await expect(page.getByTestId('isolation-shop/database')).toHaveText('ingress-isolated');
  const afterReload = await waitForModelText(page, (t) => t.includes('5433'));
  expect(policies(afterReload)).toEqual(policies(beforeReload));
  await screenshot(page, '06-reloaded');

  // Export: the downloaded file is the whole design, the Inventory YAML pane's text then the Policies one.
  await page.getByRole('tab', { name: 'Inventory YAML' }).click();
  const inventory = await waitForModelText(page, (t) => t.includes('kind: Namespace'), INVENTORY_URI);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design.yaml' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('design.yaml');
  const exported = await readFile((await file.path()) ?? '', 'utf8');
  expect(exported).toMatch(/^# Exported by netpol-designer/);
  expect(exported.endsWith(`${inventory}---\n${afterReload}`)).toBe(true);
});
