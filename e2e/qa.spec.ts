// QA pass: what a professional user does that the journey does not — the context menu, the DNS preset, a rule
// drawn "both sides", auto layout more than once, a large import and labels that look like HTML. Each test
// also fails on any uncaught page error or console error.
import type { Page } from '@playwright/test';
import { canvasSettled, dragHandle, expect, screenshot, test } from './fixtures';

interface Hook {
  getState(): {
    doc: {
      layout: Record<string, unknown>;
      workloads: { id: string; labels: Record<string, string>; hostNetwork?: true }[];
      policies: { name: string; namespace: string; egress?: unknown[]; ingress?: { ports?: unknown[] }[] }[];
    };
    dispatch(name: string, args: unknown): unknown;
  };
}

/** Collects uncaught errors and console errors for the whole test. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return errors;
}

async function startBlank(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

/** The document, once the page has finished starting (the hook is set after the saved document is read). */
const doc = async (page: Page) => {
  await page.waitForFunction(() => '__netpol' in window);
  return page.evaluate(() => (window as unknown as { __netpol: Hook }).__netpol.getState().doc);
};

async function dispatch(page: Page, name: string, args: unknown) {
  await page.evaluate(
    ([n, a]) => (window as unknown as { __netpol: Hook }).__netpol.getState().dispatch(n as string, a),
    [name, args] as const,
  );
}

async function paste(page: Page, yaml: string) {
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste manifests' });
  await dialog.getByRole('textbox', { name: 'Manifests YAML' }).fill(yaml);
  await dialog.getByRole('button', { name: 'Import pasted YAML' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toBeVisible();
  return report;
}

function deployments(namespaces: number, each: number): string {
  const docs: string[] = [];
  for (let n = 0; n < namespaces; n++) {
    docs.push(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-${n}\n`);
    for (let w = 0; w < each; w++)
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${w}\n  namespace: team-${n}\nspec:\n  template:\n    metadata:\n      labels:\n        app: svc-${w}\n    spec:\n      containers:\n      - name: c\n        ports:\n        - containerPort: ${8000 + w}\n`,
      );
  }
  return docs.join('---\n');
}

test('context menu: rename, edit labels (focused even when already inspected), delete', async ({ page }) => {
  const errors = watchErrors(page);
  await startBlank(page);
  await dispatch(page, 'addNamespace', { name: 'shop', position: { x: 0, y: 0 } });
  await dispatch(page, 'addWorkload', { namespace: 'shop', name: 'web', position: { x: 24, y: 56 } });
  await dispatch(page, 'addWorkload', { namespace: 'shop', name: 'api', position: { x: 280, y: 56 } });

  await page.getByTestId('workload-shop/web').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Rename…' }).click();
  await expect(page.getByRole('textbox', { name: 'Workload name' })).toBeFocused();
  await page.keyboard.type('frontend');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();

  // The inspector already shows shop/frontend: "Edit labels…" must still put the cursor in the labels.
  await page.getByTestId('workload-shop/frontend').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Edit labels…' }).click();
  const key = page
    .getByRole('region', { name: 'Inspector' })
    .getByRole('textbox', { name: 'Label key' })
    .first();
  await expect(key).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('web');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await doc(page)).workloads.find((w) => w.id === 'shop/frontend')?.labels)
    .toEqual({ app: 'web' });

  await page.getByTestId('workload-shop/api').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.getByTestId('workload-shop/api')).toHaveCount(0);
  // Ctrl+Z on the canvas brings it back, Ctrl+Y removes it again.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('workload-shop/api')).toBeVisible();
  await page.keyboard.press('Control+y');
  await expect(page.getByTestId('workload-shop/api')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('deleting the "anywhere" node removes the rules that allow anywhere', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await canvasSettled(page);
  await expect(page.getByTestId('external-any')).toBeVisible();
  const edges = page.locator('[data-testid^="edge-label-any->"]');
  await expect(edges.first()).toBeVisible();
  await page.getByTestId('external-any').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(page.getByTestId('external-any')).toHaveCount(0);
  await expect(edges).toHaveCount(0);
  await expect(page.getByText('There is no external endpoint')).toHaveCount(0);
  const peerless = (await doc(page)).policies.flatMap((p) =>
    (p.ingress ?? []).filter((r) => !(r as { from?: unknown[] }).from?.length),
  );
  expect(peerless).toEqual([]);
  // One undo step brings the rule back.
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('external-any')).toBeVisible();
  expect(errors).toEqual([]);
});

test('a rule to the DNS preset starts with UDP 53, TCP 53 one click away; "both sides" is a visible choice', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await startBlank(page);
  await dispatch(page, 'addNamespace', { name: 'shop', position: { x: 320, y: 0 } });
  await dispatch(page, 'addWorkload', { namespace: 'shop', name: 'web', position: { x: 24, y: 56 } });
  await dispatch(page, 'addDnsPreset', { position: { x: 0, y: 260 } });
  await page.locator('.react-flow__controls-fitview').click();

  // Neither end is isolated, so whichever side holds the rule is isolated by it: the dialog asks.
  await dragHandle(page, 'handle-src-workload-shop/web', 'handle-dst-workload-kube-system/coredns');
  const dialog = page.getByRole('dialog', { name: 'New rule' });
  await expect(dialog).toBeVisible();
  const ports = dialog.getByRole('textbox', { name: 'Port', exact: true });
  await expect(ports).toHaveCount(1);
  await expect(ports.first()).toHaveValue('53');
  await expect(dialog.getByRole('combobox', { name: 'Protocol' })).toHaveValue('UDP');
  await dialog.getByRole('button', { name: 'Also allow TCP 53' }).click();
  await expect(ports).toHaveCount(2);
  const protocols = await dialog
    .getByRole('combobox', { name: 'Protocol' })
    .evaluateAll((els) => els.map((e) => (e as HTMLSelectElement).value));
  expect(protocols).toEqual(['UDP', 'TCP']);
  await expect(ports.nth(1)).toHaveValue('53');
  await expect(dialog.getByTestId('dns-tcp')).toHaveCount(0);
  const both = dialog.getByRole('radio', { name: /Both sides/ });
  await expect(both).toBeVisible();
  const box = await both.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(8);
  await both.check();
  await screenshot(page, 'qa-dns-rule');
  await dialog.getByRole('button', { name: 'Allow' }).click();
  await expect(page.getByTestId('edge-label-shop/web->kube-system/coredns')).toContainText('TCP 53');
  await expect(page.getByTestId('edge-label-shop/web->kube-system/coredns')).toContainText('UDP 53');
  // "Both sides", chosen explicitly, wrote the egress rule although shop is not egress-isolated.
  const d = await doc(page);
  expect(d.policies.map((p) => `${p.namespace}/${p.name}`).sort()).toEqual([
    'kube-system/coredns-ingress',
    'shop/web-egress',
  ]);
  expect(errors).toEqual([]);
});

test('auto layout works again after the first document, and a large import stays readable', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/');
  // The first visit places the example with elk: the layout worker has answered once already.
  await expect.poll(async () => Object.keys((await doc(page)).layout).length).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();

  // 3 namespaces of 10 open workloads: 870 flows gained, more than the overlay draws at once.
  const report = await paste(page, deployments(3, 10));
  await expect(report).toContainText('Imported 3 namespaces and 30 workloads');
  await report.getByRole('button', { name: 'Close' }).click();
  // Placed by elk without any click (a second request to the layout worker).
  await expect.poll(async () => Object.keys((await doc(page)).layout).length, { timeout: 30_000 }).toBe(33);
  // Auto layout on request: a third request, after moving a namespace by hand.
  await dispatch(page, 'setNodePosition', { id: 'ns:team-0', position: { x: 5000, y: 5000 } });
  await page.getByRole('button', { name: 'Auto layout' }).click();
  await expect
    .poll(async () => (await doc(page)).layout['ns:team-0'], { timeout: 30_000 })
    .not.toEqual({ x: 5000, y: 5000 });

  // The flows gained by the import are listed, but the canvas draws them only for a selected workload.
  await expect(page.locator('[data-testid^="change-team-"]')).toHaveCount(0);
  await page.getByTestId('workload-team-1/svc-2').click();
  await expect(page.locator('[data-testid^="change-team-"]').first()).toBeAttached();
  const drawn = await page
    .locator('[data-testid^="change-team-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  expect(drawn.length).toBeLessThanOrEqual(2 * 29 + 2);
  for (const id of drawn) expect(id).toContain('team-1/svc-2');
  await screenshot(page, 'qa-large-import');
  expect(errors).toEqual([]);
});

test('labels that look like HTML are shown as text, and the import counts in words', async ({ page }) => {
  const errors = watchErrors(page);
  await startBlank(page);
  const report = await paste(
    page,
    `apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: evil
  labels:
    app: "<img src=x onerror=alert(1)>"
spec:
  containers:
  - name: c
`,
  );
  await expect(report).toContainText('1 workload');
  // Such a value is no valid label (the API server would refuse it): the report names it, as text.
  await expect(report).toContainText('label value "<img src=x onerror=alert(1)>" is not valid');
  await expect(page.locator('#root img')).toHaveCount(0);
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('workload-evil/p')).toBeVisible();
  await expect(page.locator('#root img')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('the matrix of a large design draws only what is on screen, and scrolling or filtering reaches every cell', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();
  // 4 × 20 open workloads and the addresses outside the cluster: a 81 × 81 matrix, every pair allowed.
  const report = await paste(page, deployments(4, 20));
  await expect(report).toContainText('Imported 4 namespaces and 80 workloads');
  await report.getByRole('button', { name: 'Close' }).click();
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByTestId('matrix-extent')).toHaveText('81 sources × 81 destinations');
  const cells = page.locator('[data-testid^="matrix-cell-"]');
  await expect(cells.first()).toHaveText('All Connections');
  // A few hundred cells at most, not 6,561.
  expect(await cells.count()).toBeLessThan(400);
  const last = page.getByTestId('matrix-cell-team-3/svc-9->team-3/svc-8');
  await expect(last).toHaveCount(0);

  // Scrolled to the far corner, the last row and column are drawn, with their headers still in view.
  await page.locator('.matrix-scroll').evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
  await expect(last).toHaveText('All Connections');
  await expect(last).toBeInViewport();
  await expect(page.getByRole('rowheader', { name: 'team-3/svc-9' })).toBeInViewport();
  await expect(page.getByRole('columnheader', { name: 'team-3/svc-8' })).toBeInViewport();
  await last.click();
  const explanation = page.getByTestId('matrix-explanation');
  await expect(explanation).toContainText('Allowed: All Connections');
  await expect(explanation.getByRole('heading')).toHaveText('team-3/svc-9 → team-3/svc-8');
  // Deleting a workload listed before them moves every cell by one: the explanation stays on the pair picked.
  await dispatch(page, 'deleteWorkload', { id: 'team-0/svc-0' });
  await expect(page.getByTestId('matrix-extent')).toHaveText('80 sources × 80 destinations');
  await expect(explanation.getByRole('heading')).toHaveText('team-3/svc-9 → team-3/svc-8');
  await expect(last).toHaveAttribute('aria-pressed', 'true');

  // A filter narrows the axes; a scroll position past the new end is taken back.
  await page.getByRole('textbox', { name: 'Filter sources' }).fill('team-0/svc-1');
  await expect(page.getByTestId('matrix-extent')).toHaveText('11 sources × 80 destinations (of 80)');
  await expect(page.getByRole('rowheader', { name: 'team-0/svc-19' })).toBeInViewport();
  await page.locator('.matrix-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(page.getByRole('rowheader', { name: 'team-0/svc-1', exact: true })).toBeInViewport();
  await expect(page.getByTestId('matrix-cell-team-0/svc-1->team-0/svc-10')).toHaveText('All Connections');
  await screenshot(page, 'qa-matrix-large');
  expect(errors).toEqual([]);
});

test('a workload dropped outside every namespace goes back, and the canvas keeps its edges meanwhile', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await page.goto('/');
  // The example is placed by elk on a first visit, then fitted: wait until the nodes stop moving.
  await canvasSettled(page);
  const node = page.getByTestId('rf__node-shop/backend');
  const home = await node.boundingBox();
  if (!home) throw new Error('no node');
  const homeTransform = await node.evaluate((el) => (el as HTMLElement).style.transform);
  // Mark the drawn edges: a redraw of the canvas would replace these elements.
  const marked = await page.locator('.react-flow__edge').evaluateAll((els) => {
    for (const el of els) (el as unknown as { kept: boolean }).kept = true;
    return els.length;
  });
  expect(marked).toBeGreaterThan(0);

  const x = home.x + home.width / 2;
  const y = home.y + 12;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + 900, { steps: 20 });
  // Mid-drag it really moved.
  expect(await node.evaluate((el) => (el as HTMLElement).style.transform)).not.toBe(homeTransform);
  await page.mouse.up();

  // Back at its place in the namespace (React Flow writes a node's position into its transform; the view
  // itself may have auto-panned during the drag).
  await expect.poll(() => node.evaluate((el) => (el as HTMLElement).style.transform)).toBe(homeTransform);
  const kept = await page
    .locator('.react-flow__edge')
    .evaluateAll((els) => els.filter((el) => (el as unknown as { kept?: boolean }).kept).length);
  expect(kept).toBe(marked);
  expect(errors).toEqual([]);
});

test("the inspector's Host network box sets spec.hostNetwork, which the inventory YAML writes and Undo takes back", async ({
  page,
}) => {
  const errors = watchErrors(page);
  await startBlank(page);
  await dispatch(page, 'addNamespace', { name: 'ops', position: { x: 0, y: 0 } });
  await dispatch(page, 'addWorkload', { namespace: 'ops', name: 'agent', position: { x: 24, y: 56 } });
  await page.getByTestId('workload-ops/agent').click();
  await page.getByRole('tab', { name: 'Inspector' }).click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const box = inspector.getByRole('checkbox', { name: 'Host network' });
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(inspector.getByTestId('host-network-hint')).toBeVisible();
  await expect
    .poll(async () => (await doc(page)).workloads.find((w) => w.id === 'ops/agent')?.hostNetwork)
    .toBe(true);
  await screenshot(page, 'qa-host-network');
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect
    .poll(async () => (await doc(page)).workloads.find((w) => w.id === 'ops/agent')?.hostNetwork)
    .toBeUndefined();
  expect(errors).toEqual([]);
});
