// Issue 11, as a new user: the three-tier exercise built from the Blank example with the canvas alone (no YAML
// typed), every user action counted; the export compared with the exercise's solution by `netpol diff` (same
// inventory, kept in e2e/fixtures/three-tier/ so the test runs without ../shared). Then one test per finding
// of the issue that is about what the user sees.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { dump, loadAll } from 'js-yaml';
import { expect, screenshot, test, waitForModelText } from './fixtures';

/** As fixtures.ts's, with room for a loaded machine: elk places each new document before it can be aimed at. */
async function canvasSettled(page: Page): Promise<void> {
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false', { timeout: 90_000 });
}

async function centre(page: Page, testId: string): Promise<{ x: number; y: number }> {
  await canvasSettled(page);
  const box = await page.getByTestId(testId).boundingBox();
  if (!box) throw new Error(`${testId} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const FIXTURES = join(import.meta.dirname, 'fixtures', 'three-tier');
/** Issue 11's budget for the whole exercise. */
const MAX_ACTIONS = 20;

test.use({ viewport: { width: 1600, height: 1000 } });

/** Every click, fill, selection, drag and key press of the user goes through here and is counted. */
class Actions {
  count = 0;
  readonly log: string[] = [];
  constructor(private readonly page: Page) {}
  private note(what: string) {
    this.count++;
    this.log.push(what);
  }
  async click(l: Locator, what: string) {
    this.note(`click ${what}`);
    await l.click();
  }
  async fill(l: Locator, text: string, what: string) {
    this.note(`fill ${what}: ${text}`);
    await l.fill(text);
  }
  async select(l: Locator, value: string, what: string) {
    this.note(`select ${what}: ${value}`);
    await l.selectOption(value);
  }
  async press(key: string) {
    this.note(`press ${key}`);
    await this.page.keyboard.press(key);
  }
  async drag(fromTestId: string, toTestId: string) {
    this.note(`drag ${fromTestId} → ${toTestId}`);
    const from = await centre(this.page, fromTestId);
    const to = await centre(this.page, toTestId);
    await this.page.mouse.move(from.x, from.y);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x, to.y, { steps: 15 });
    await this.page.mouse.up();
  }
}

async function startBlank(page: Page) {
  await page.goto('/');
  await canvasSettled(page);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

interface PolicyDoc {
  kind?: string;
  metadata: { name: string; namespace: string };
}

function netpol(args: string[]): { status: number; out: string } {
  try {
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: 0, out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

test('the three-tier exercise from Blank, by canvas alone, within the action budget, equals the solution', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await startBlank(page);
  const act = new Actions(page);

  // A namespace and three labelled workloads with their ports, in one Add workload dialog.
  await act.click(page.getByRole('button', { name: 'Add workload' }), 'Add workload');
  const form = page.getByRole('dialog', { name: 'Add workload' });
  await act.fill(form.getByRole('combobox', { name: 'Namespace' }), 'app', 'namespace');
  const tiers: [string, string][] = [
    ['frontend', '80'],
    ['backend', '8080'],
    ['database', '5432'],
  ];
  for (const [i, [name, port]] of tiers.entries()) {
    await act.fill(form.getByRole('textbox', { name: 'Name' }), name, 'name');
    // The first sets the label key; the others follow it (tier=<name>), as the field says.
    if (i === 0) await act.fill(form.getByRole('textbox', { name: 'Labels' }), `tier=${name}`, 'labels');
    else await expect(form.getByText('empty: tier=<name>')).toBeVisible();
    await act.fill(form.getByRole('textbox', { name: 'Container ports' }), port, 'ports');
    if (i < tiers.length - 1)
      await act.click(form.getByRole('button', { name: 'Add another' }), 'Add another');
    else await act.press('Enter');
  }
  await expect(form).toBeHidden();
  for (const [name] of tiers) await expect(page.getByTestId(`workload-app/${name}`)).toBeVisible();

  // Default deny both ways.
  await act.select(page.getByRole('combobox', { name: 'Default deny for app' }), 'both', 'default deny');

  // Each edge below has nothing to decide (the sides it needs are isolated already, or the other side's rule is
  // enough): it is written at once, and a confirmation says what was written.
  const rule = page.getByRole('dialog', { name: 'New rule' });
  const allowed = page.getByTestId('notices').locator('[data-key="drawn-edge"]');
  // Frontend receives from anywhere: a rule without peers and ports (`- {}`).
  await act.click(page.getByRole('button', { name: 'Add anywhere' }), 'Add anywhere');
  await act.drag('handle-src-external-any', 'handle-dst-workload-app/frontend');
  await expect(allowed).toContainText(
    'Allowed anywhere → app/frontend on every port, at the ingress of app/frontend.',
  );

  // frontend → backend and backend → database: the ports come from the destination, both sides are written.
  for (const [from, to, port] of [
    ['frontend', 'backend', '8080'],
    ['backend', 'database', '5432'],
  ]) {
    await act.drag(`handle-src-workload-app/${from}`, `handle-dst-workload-app/${to}`);
    await expect(allowed).toContainText(`Allowed app/${from} → app/${to} TCP ${port}, on both sides.`);
  }

  // DNS for frontend and backend: to CoreDNS on UDP 53, enforced on the sources' egress only.
  await act.click(page.getByRole('button', { name: 'Add DNS preset' }), 'Add DNS preset');
  for (const from of ['frontend', 'backend']) {
    await act.drag(`handle-src-workload-app/${from}`, 'handle-dst-workload-kube-system/coredns');
    await expect(allowed).toContainText(
      `Allowed app/${from} → kube-system/coredns UDP 53, at the egress of app/${from}.`,
    );
  }
  await expect(rule).toBeHidden();
  await screenshot(page, 'first-use-built');

  // Export.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design.yaml' }).click();
  const exported = readFileSync((await (await download).path()) as string, 'utf8');
  console.log(`first use: ${act.count} actions\n  ${act.log.join('\n  ')}`);
  const exportedDocs = loadAll(exported) as PolicyDoc[];
  // The export holds everything designed: the three workloads, then the policies.
  expect(
    exportedDocs
      .filter((d) => d?.metadata?.namespace === 'app' && d.kind !== 'NetworkPolicy')
      .map((d) => d.metadata.name)
      .sort(),
  ).toEqual(['backend', 'database', 'frontend']);
  const policies = exportedDocs.filter((d) => d?.kind === 'NetworkPolicy');
  // Diffed with the same inventory on both sides (the terms): the export's policies only, since the canvas
  // made the database a Deployment where the exercise's inventory has a StatefulSet (another object to diff).
  const dir = mkdtempSync(join(tmpdir(), 'first-use-'));
  const exportFile = join(dir, 'policies.yaml');
  writeFileSync(exportFile, policies.map((p) => dump(p)).join('---\n'));
  // Nothing in kube-system is isolated.
  expect(policies.filter((p) => p.metadata.namespace === 'kube-system')).toEqual([]);
  const inventory = join(FIXTURES, 'inventory.yaml');
  const diff = netpol(['diff', inventory, join(FIXTURES, 'solution.yaml'), '--', inventory, exportFile]);
  expect(diff.out).toMatch(/no connectivity change/i);
  expect(diff.status).toBe(0);
  expect(act.count).toBeLessThanOrEqual(MAX_ACTIONS);
});

function overlap(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

test('forms take what is typed, new nodes land in view, fading is explained, names rename on double click', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await canvasSettled(page);
  const canvas = (await page.getByTestId('canvas').boundingBox())!;

  // 1: the name field is empty (a placeholder, not a value): typing gives exactly what was typed.
  await page.getByRole('button', { name: 'Add namespace' }).click();
  const nsName = page.getByRole('dialog', { name: 'Add namespace' }).getByRole('textbox', { name: 'Name' });
  await nsName.pressSequentially('team');
  await expect(nsName).toHaveValue('team');
  await page.keyboard.press('Enter');
  // 2: the new namespace is drawn inside the visible canvas and over no other namespace.
  const team = page.getByTestId('namespace-team');
  await expect(team).toBeVisible();
  // With no free room in view the canvas zooms out to show the new node: measure once that move is over.
  await canvasSettled(page);
  const box = (await team.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(canvas.x);
  expect(box.y).toBeGreaterThanOrEqual(canvas.y);
  expect(box.x + box.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(box.y + box.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  for (const other of ['shop', 'kube-system'])
    expect(overlap(box, (await page.getByTestId(`namespace-${other}`).boundingBox())!)).toBe(false);

  // 15: Add workload starts in the namespace just used, not the alphabetically first (kube-system).
  await page.getByRole('button', { name: 'Add workload' }).click();
  const wl = page.getByRole('dialog', { name: 'Add workload' });
  await expect(wl.getByRole('combobox', { name: 'Namespace' })).toHaveValue('team');
  await page.keyboard.press('Escape');
  await expect(wl).toBeHidden();

  // 1 and 2: the CIDR field is empty too, and the new block lands in view.
  await page.getByRole('button', { name: 'Add external CIDR' }).click();
  const cidr = page.getByRole('dialog', { name: 'Add external CIDR' }).getByRole('textbox', { name: 'CIDR' });
  await cidr.pressSequentially('10.0.0.0/8');
  await expect(cidr).toHaveValue('10.0.0.0/8');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('external-ext:10.0.0.0/8')).toBeVisible();
  await canvasSettled(page);
  const ext = (await page.getByTestId('external-ext:10.0.0.0/8').boundingBox())!;
  expect(ext.x).toBeGreaterThanOrEqual(canvas.x);
  expect(ext.x + ext.width).toBeLessThanOrEqual(canvas.x + canvas.width);
  expect(ext.y + ext.height).toBeLessThanOrEqual(canvas.y + canvas.height);
  // 11: the new node is selected for the inspector, but nothing fades: the user is about to draw to the others.
  await expect(page.getByTestId('external-ext:10.0.0.0/8')).toHaveClass(/selected/);
  await expect(page.locator('.react-flow__node.dimmed')).toHaveCount(0);
  await expect(page.getByTestId('dim-note')).toBeHidden();
  if (process.env.SHOT) await page.screenshot({ path: process.env.SHOT });

  // 11: a selected node fades the others, and the canvas says so, with a way back.
  await page.getByTestId('workload-shop/frontend').click();
  await expect(page.getByTestId('dim-note')).toContainText('shop/frontend');
  await expect(page.locator('.react-flow__node.dimmed').first()).toBeVisible();
  await page.getByTestId('dim-note').getByRole('button', { name: 'Show all' }).click();
  await expect(page.getByTestId('dim-note')).toBeHidden();
  await expect(page.locator('.react-flow__node.dimmed')).toHaveCount(0);

  // 16: double-clicking a name opens it for renaming, selected, so typing replaces it.
  await page.getByTestId('workload-shop/backend').locator('.wl-name').dblclick();
  const nameField = page.getByRole('textbox', { name: 'Workload name' });
  await expect(nameField).toBeFocused();
  await page.keyboard.type('api');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('workload-shop/api')).toBeVisible();
  // 16: the undo button says whether its history survives a reload.
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /reload/);

  // 13: Paste YAML is centred and asks whether to merge or replace.
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste manifests' });
  await expect(paste).toBeVisible();
  const pb = (await paste.boundingBox())!;
  const vp = page.viewportSize()!;
  expect(Math.abs(pb.x + pb.width / 2 - vp.width / 2)).toBeLessThan(20);
  expect(Math.abs(pb.y + pb.height / 2 - vp.height / 2)).toBeLessThan(40);
  await screenshot(page, 'first-use-paste');
  await paste
    .getByRole('textbox')
    .fill('kind: Pod\nmetadata:\n  name: solo\n  namespace: lab\n  labels: {app: solo}\n');
  await paste.getByRole('radio', { name: /Replace/ }).check();
  await paste.getByRole('button', { name: 'Import pasted YAML' }).click();
  await expect(page.getByTestId('workload-lab/solo')).toBeVisible();
  await expect(page.getByTestId('workload-shop/frontend')).toHaveCount(0);
});

/**
 * Drags from one handle to another (not a counted action: these tests are not about the budget). The press must
 * start a connection: a press the canvas ignores fails here, not later at the drop.
 */
async function drawEdge(page: Page, fromTestId: string, toTestId: string) {
  await page.getByTestId(fromTestId).hover();
  const from = await centre(page, fromTestId);
  const to = await centre(page, toTestId);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + (to.x - from.x) / 4, from.y + (to.y - from.y) / 4, { steps: 5 });
  await expect(
    page.locator('.react-flow__connectionline'),
    `a press on ${fromTestId} draws a line`,
  ).toBeVisible();
  await page.mouse.move(to.x, to.y, { steps: 10 });
  await page.mouse.up();
}

test('an edge with nothing to decide is written at once, and its enforcement is edited in the inspector, naming who loses access', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await canvasSettled(page);
  // 3: in the three-tier example shop is egress-isolated and kube-system open: frontend's egress rule is enough,
  // and CoreDNS is not isolated as a side effect; no dialog, a confirmation.
  await drawEdge(page, 'handle-src-workload-shop/frontend', 'handle-dst-workload-kube-system/coredns');
  const allowed = page.getByTestId('notices').locator('[data-key="drawn-edge"]');
  await expect(allowed).toContainText(
    'Allowed shop/frontend → kube-system/coredns UDP 53, at the egress of shop/frontend.',
  );
  await expect(page.getByRole('dialog', { name: 'New rule' })).toHaveCount(0);
  // 11: the node the drag started on is not left selected.
  await expect(page.getByTestId('dim-note')).toBeHidden();
  await screenshot(page, 'first-use-drawn-edge');

  // Edit: the rule in the inspector, with the TCP fallback of DNS one click away.
  await allowed.getByRole('button', { name: 'Edit' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector).toContainText('shop/frontend → kube-system/coredns');
  await inspector.getByRole('button', { name: 'Also allow TCP 53' }).click();
  await expect(inspector).toContainText('Allows UDP 53, TCP 53');
  await expect(inspector.getByTestId('dns-tcp')).toHaveCount(0);
  // 3 and 12: moving the rule to CoreDNS's ingress says it isolates CoreDNS, and who loses access.
  const enforcement = inspector.getByTestId('edge-enforcement');
  await expect(enforcement.getByRole('radio', { name: /Egress of shop\/frontend/ })).toBeChecked();
  await enforcement.getByRole('radio', { name: /Ingress of kube-system\/coredns/ }).check();
  await expect(enforcement.getByTestId('connect-writes')).toContainText('an ingress rule in a new policy');
  await expect(enforcement.getByTestId('connect-isolates')).toContainText('kube-system/coredns for ingress');
  await expect(enforcement.getByTestId('connect-isolates')).toContainText('lose access');
  await expect(enforcement.getByRole('button', { name: 'Move and isolate' })).toBeVisible();
  await screenshot(page, 'first-use-inspector-enforcement');
  await enforcement.getByRole('button', { name: 'Move and isolate' }).click();
  await expect(inspector).toContainText('rules on ingress of the target.');
  // Undo takes the move back: the rule is on frontend's egress again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(inspector).toContainText('rules on egress of the source.');
});

test('the New rule dialog asks when every choice isolates something, says what it writes and who loses access', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await canvasSettled(page);
  await pasteLab(page);

  // Nothing in lab is isolated: whichever side holds the rule becomes isolated, so the dialog asks.
  await drawEdge(page, 'handle-src-workload-lab/web', 'handle-dst-workload-lab/api');
  const rule = page.getByRole('dialog', { name: 'New rule' });
  await expect(rule.getByRole('radio', { name: /Ingress of lab\/api/ })).toBeChecked();
  await expect(rule.getByRole('textbox', { name: 'Port', exact: true })).toHaveValue('8080');
  await expect(rule.getByTestId('connect-writes')).toContainText(
    'an ingress rule in a new policy lab/api-ingress',
  );
  // 12: the dialog names who else loses access, and the button says it isolates.
  await expect(rule.getByTestId('connect-isolates')).toContainText('lab/api for ingress');
  await expect(rule.getByTestId('connect-isolates')).toContainText('lab/probe → lab/api');
  await expect(rule.getByRole('button', { name: 'Allow and isolate' })).toBeVisible();
  await screenshot(page, 'first-use-connect-isolates');
  await rule.getByRole('radio', { name: /Egress of lab\/web/ }).check();
  await expect(rule.getByTestId('connect-writes')).toContainText('an egress rule');
  await expect(rule.getByTestId('connect-isolates')).toContainText('lab/web for egress');
  await rule.getByRole('button', { name: 'Allow and isolate' }).click();
  await expect(rule).toBeHidden();
  await expect(page.getByTestId('dim-note')).toBeHidden();
});

/** Pastes three pods into namespace lab in place of the document, and closes the import report. */
async function pasteLab(page: Page) {
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste manifests' });
  const pod = (name: string) =>
    `kind: Pod\nmetadata:\n  name: ${name}\n  namespace: lab\n  labels: {app: ${name}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n`;
  await paste.getByRole('textbox').fill(['web', 'api', 'probe'].map(pod).join('---\n'));
  await paste.getByRole('radio', { name: /Replace/ }).check();
  await paste.getByRole('button', { name: 'Import pasted YAML' }).click();
  await expect(page.getByTestId('workload-lab/api')).toBeVisible();
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await canvasSettled(page);
}

type Hooked = { __afterResize?: (entries: ResizeObserverEntry[]) => void; __replaced?: boolean };

test('a node whose object is replaced in the frame that first measured it still starts a connection', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // React Flow measures a node's handles when the node first shows, and keeps them for each new object of the node
  // that carries `measured`. In CI (a729cc2, 4dcfb4f) the object of lab/web was replaced twice in the frame of
  // that first measurement, before React drew the node again: without `measured` (elk's placement of the pasted
  // document, from a state that had not yet received the measurement), then with it. The node kept its size and
  // lost its handles' bounds, and every press on them was ignored (handleBounds.ts). Here those two replacements
  // are made at that moment, through React Flow's store, as its own prop sync made them.
  await page.addInitScript(() => {
    const Native = window.ResizeObserver;
    window.ResizeObserver = class extends Native {
      constructor(callback: ResizeObserverCallback) {
        super((entries, observer) => {
          callback(entries, observer);
          (window as unknown as Hooked).__afterResize?.(entries);
        });
      }
    };
  });
  await page.goto('/');
  await canvasSettled(page);
  await page.evaluate(() => {
    type Flow = {
      getState(): {
        nodes: { id: string; measured?: unknown }[];
        nodeLookup: Map<string, { measured: unknown }>;
        setNodes(nodes: unknown[]): void;
      };
    };
    /** React Flow's store, from the context its renderer reads (React's fiber of the renderer element). */
    const flowStore = (): Flow | null => {
      const el = document.querySelector('.react-flow__renderer');
      const key = el && Object.keys(el).find((k) => k.startsWith('__reactFiber$'));
      type Fiber = { memoizedProps?: { value?: Partial<Flow> }; return: Fiber | null };
      let f = key ? ((el as unknown as Record<string, Fiber>)[key] ?? null) : null;
      for (; f; f = f.return) {
        const v = f.memoizedProps?.value;
        if (typeof v?.getState === 'function' && v.getState().nodeLookup) return v as Flow;
      }
      return null;
    };
    const w = window as unknown as Hooked;
    w.__afterResize = (entries) => {
      if (w.__replaced || !entries.some((e) => e.target.getAttribute('data-id') === 'lab/web')) return;
      const store = flowStore();
      if (!store) return;
      const { nodes, nodeLookup, setNodes } = store.getState();
      const measured = nodeLookup.get('lab/web')?.measured;
      setNodes(nodes.map((n) => (n.id === 'lab/web' ? { ...n, measured: undefined } : n)));
      setNodes(nodes.map((n) => (n.id === 'lab/web' ? { ...n, measured } : n)));
      w.__replaced = true;
    };
  });
  await pasteLab(page);
  expect(await page.evaluate(() => (window as unknown as Hooked).__replaced)).toBe(true);

  await drawEdge(page, 'handle-src-workload-lab/web', 'handle-dst-workload-lab/api');
  const rule = page.getByRole('dialog', { name: 'New rule' });
  await expect(rule).toBeVisible();
  await rule.getByRole('button', { name: 'Cancel' }).click();
  await expect(rule).toBeHidden();
});

test('4: "all namespaces" and "all pods of namespace X" are on the canvas, compile to their peers and come back from YAML', async ({
  page,
}) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await canvasSettled(page);
  // The three-tier example: shop is isolated both ways. "All namespaces" is one click on the toolbar.
  await page.getByRole('button', { name: 'Add all namespaces' }).click();
  const all = page.getByTestId('external-all-namespaces');
  await expect(all).toBeVisible();
  await expect(all).toContainText('namespaceSelector: {}');
  await drawEdge(page, 'handle-src-external-all-namespaces', 'handle-dst-workload-shop/backend');
  const allowed = page.getByTestId('notices').locator('[data-key="drawn-edge"]');
  await expect(allowed).toContainText(
    'Allowed all namespaces → shop/backend TCP 8080, at the ingress of shop/backend.',
  );
  const peer = (yaml: string, policy: string) =>
    yaml.slice(yaml.indexOf(`name: ${policy}\n`)).split('---')[0];
  let yaml = await waitForModelText(page, (t) =>
    peer(t, 'backend-ingress').includes('namespaceSelector: {}'),
  );
  expect(peer(yaml, 'backend-ingress')).toMatch(/- from:\n\s+- namespaceSelector: \{\}\n\s+ports:/);

  // All pods of one namespace: its frame's handles say so, and drawing from it names that namespace.
  await expect(page.getByTestId('handle-src-namespace-kube-system')).toHaveAttribute(
    'title',
    /all pods of namespace kube-system/,
  );
  await drawEdge(page, 'handle-src-namespace-kube-system', 'handle-dst-workload-shop/database');
  await expect(allowed).toContainText(
    'Allowed namespace kube-system → shop/database TCP 5432, at the ingress of shop/database.',
  );
  yaml = await waitForModelText(page, (t) => peer(t, 'database-ingress').includes('name: kube-system'));
  expect(peer(yaml, 'database-ingress')).toContain('kubernetes.io/metadata.name: kube-system');
  await screenshot(page, 'first-use-all-namespaces');

  // Round trip: YAML with these peers draws them as the same nodes.
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste manifests' });
  await paste
    .getByRole('textbox')
    .fill(
      [
        'kind: Pod\nmetadata: {name: web, namespace: lab, labels: {app: web}}\nspec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n',
        'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web, namespace: lab}\nspec:\n  podSelector: {matchLabels: {app: web}}\n  ingress:\n    - from: [{namespaceSelector: {}}]\n      ports: [{port: 8080}]\n    - ports: [{port: 443}]\n',
      ].join('---\n'),
    );
  await paste.getByRole('radio', { name: /Replace/ }).check();
  await paste.getByRole('button', { name: 'Import pasted YAML' }).click();
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('edge-all-namespaces->lab/web')).toBeAttached();
  await expect(page.getByTestId('edge-any->lab/web')).toBeAttached();
  await expect(page.getByTestId('external-all-namespaces')).toBeVisible();
  await expect(page.getByTestId('external-any')).toBeVisible();
});
