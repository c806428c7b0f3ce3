// The Lint part of issue 4, as a user meets it: the three-tier example is clean; removing its DNS edge makes
// every shop workload lose DNS, which the Lint panel lists (with a badge on each workload and on the tab), the
// link opens the Policies YAML at the place and the marker sits there, and the quick fix adds the DNS policy
// in one undo step. Screenshots: lint-panel and lint-badges in test-results-<port>/screenshots/.
import type { Page } from '@playwright/test';
import {
  documentAt,
  editorSelection,
  expect,
  INVENTORY_URI,
  POLICIES_URI,
  screenshot,
  test,
  waitForModelText,
} from './fixtures';

const DNS_EDGE = 'ns:shop->kube-system/coredns';
const finding = (workload: string) => `lint-finding-missing-dns-egress|workload:shop/${workload}`;

interface MonacoGlobal {
  editor: {
    getModelMarkers(f: { resource?: unknown; owner?: string }): {
      startLineNumber: number;
      message: string;
      severity: number;
      code?: string;
    }[];
  };
  Uri: { parse(s: string): unknown };
}

async function lintMarkers(page: Page) {
  return page.evaluate((uri) => {
    const m = (globalThis as unknown as { __monaco: MonacoGlobal }).__monaco;
    return m.editor
      .getModelMarkers({ resource: m.Uri.parse(uri), owner: 'netpol-lint' })
      .map((x) => ({ line: x.startLineNumber, message: x.message, severity: x.severity, code: x.code }));
  }, POLICIES_URI);
}

/** 1-based line of `podSelector:` inside the NetworkPolicy document named `name`. */
function podSelectorLine(text: string, name: string): number {
  const lines = text.split('\n');
  const at = lines.indexOf(`  name: ${name}`);
  expect(at, `policy ${name} in the YAML`).toBeGreaterThanOrEqual(0);
  let i = at;
  while (!lines[i]!.startsWith('  podSelector:')) i++;
  return i + 1;
}

test('lint: missing DNS egress is listed, badged, shown in the YAML and fixed in one undo step', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Three-tier app/ }).click();
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await page.getByRole('tab', { name: /^Lint/ }).click();
  await expect(page.getByText('No findings')).toBeVisible();
  await expect(page.getByTestId('lint-badge-shop/frontend')).toHaveCount(0);

  // Remove the DNS edge (select it, Delete): allow-dns-egress stays, with no rule left.
  // Its label sits under another one in the example's layout, so the click is dispatched to it directly.
  await page.getByTestId(`edge-label-${DNS_EDGE}`).dispatchEvent('click');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId(`edge-label-${DNS_EDGE}`)).toHaveCount(0);

  // The panel lists one finding per shop workload, with severity, rule id, message, why and a fix.
  const frontend = page.getByTestId(finding('frontend'));
  await expect(frontend).toBeVisible();
  for (const w of ['backend', 'database']) await expect(page.getByTestId(finding(w))).toBeVisible();
  await expect(page.getByTestId('lint-summary')).toHaveText('3 findings: 3 warnings');
  await expect(page.getByRole('tab', { name: /^Lint/ })).toContainText('3');
  // Warnings only: the tab's count is in the warning colour, not the error red.
  await expect(page.getByRole('tab', { name: /^Lint/ }).locator('.count')).toHaveClass(/\bwarning\b/);
  await expect(frontend.getByRole('img', { name: 'warning' })).toBeVisible();
  await expect(frontend).toContainText('missing-dns-egress');
  await expect(frontend).toContainText('shop/frontend may not reach DNS');
  await expect(frontend).toContainText('Why it matters:');
  await expect(frontend.getByRole('button', { name: 'Fix' })).toBeVisible();

  // Each workload carries a badge: count 1, warning colour, the message as tooltip.
  const badge = page.getByTestId('lint-badge-shop/frontend');
  await expect(badge).toHaveText('1');
  await expect(badge).toHaveAttribute('data-severity', 'warning');
  await expect(badge).toHaveAttribute('title', /may not reach DNS/);
  await expect(page.getByTestId('lint-badge-shop/database')).toHaveText('1');
  await screenshot(page, 'lint-panel');
  await page.getByTestId('workload-shop/frontend').scrollIntoViewIfNeeded();
  await page.locator('.canvas-wrap').screenshot({ path: screenshotPath('lint-badges') });

  // Clicking a badge selects its finding in the panel.
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await page.getByTestId('lint-badge-shop/database').click();
  await expect(page.getByRole('tab', { name: /^Lint/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId(finding('database'))).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('lint-badge-shop/database')).toHaveAttribute('data-current', 'true');
  await expect(page.getByTestId('lint-badge-shop/frontend')).not.toHaveAttribute('data-current', 'true');
  await page.getByTestId('workload-shop/database').screenshot({ path: screenshotPath('lint-badge-node') });

  // The link opens the Policies YAML at the policy isolating frontend for egress, where the marker is.
  await page.getByRole('tab', { name: 'Inspector' }).click();
  await frontend.getByRole('button', { name: 'Show in Policies YAML' }).click();
  await expect(page.getByRole('tab', { name: 'Policies YAML' })).toHaveAttribute('aria-selected', 'true');
  const text = await waitForModelText(page, (t) => !t.includes('k8s-app: kube-dns'));
  const line = podSelectorLine(text, 'allow-dns-egress');
  await expect.poll(() => editorSelection(page)).toEqual({ line, column: 3 });
  await expect
    .poll(async () => (await lintMarkers(page)).filter((m) => m.line === line).map((m) => m.code))
    .toEqual(['missing-dns-egress', 'missing-dns-egress', 'missing-dns-egress']);
  const markers = await lintMarkers(page);
  expect(markers.every((m) => m.severity === 4)).toBe(true); // Monaco's Warning
  await screenshot(page, 'lint-yaml-marker');

  // The workload itself is in the inventory: the second link opens it there.
  await frontend.getByRole('button', { name: 'Show in Inventory YAML' }).click();
  await expect(page.getByRole('tab', { name: 'Inventory YAML' })).toHaveAttribute('aria-selected', 'true');
  const inventory = await waitForModelText(page, (t) => t.includes('name: frontend'), INVENTORY_URI);
  await expect
    .poll(async () => {
      const at = await editorSelection(page, 'inventory');
      return at ? documentAt(inventory, at.line) : '';
    })
    .toMatch(/kind: Deployment\nmetadata:\n {2}name: frontend\n {2}namespace: shop\n/);

  // The quick fix adds the DNS policy; every DNS finding goes, and one undo brings them back.
  await frontend.getByRole('button', { name: 'Fix' }).click();
  await expect(page.getByText('No findings')).toBeVisible();
  await expect(page.getByTestId('lint-badge-shop/frontend')).toHaveCount(0);
  const fixed = await waitForModelText(page, (t) => t.includes('name: allow-dns-egress-2'));
  expect(fixed).toContain('k8s-app: kube-dns');
  await expect.poll(async () => (await lintMarkers(page)).length).toBe(0);
  await screenshot(page, 'lint-fixed');

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId(finding('frontend'))).toBeVisible();
  await expect(page.getByTestId('lint-badge-shop/frontend')).toHaveText('1');
  await waitForModelText(page, (t) => !t.includes('allow-dns-egress-2'));
});

function screenshotPath(name: string): string {
  const results = process.env.E2E_PORT ? `test-results-${process.env.E2E_PORT}` : 'test-results';
  return `${results}/screenshots/${name}.png`;
}

test('lint: an edge the other side blocks is drawn blocked and listed as blocked-by-other-side', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Three-tier app/ }).click();
  await expect(page.getByTestId('workload-shop/backend')).toBeVisible();
  // Drop backend's ingress policy (as a YAML edit would): frontend's egress rule towards backend stays.
  await page.evaluate(() => {
    type Store = {
      getState(): {
        doc: { policies: { name: string }[] };
        dispatch(name: string, args: unknown): unknown;
      };
    };
    const store = (window as unknown as { __netpol: { store: Store } }).__netpol.store;
    const { doc, dispatch } = store.getState();
    dispatch('replacePolicies', { policies: doc.policies.filter((p) => p.name !== 'backend-ingress') });
  });
  await expect(page.getByTestId('blocked-shop/frontend->shop/backend')).toBeVisible();
  await page.getByRole('tab', { name: /^Lint/ }).click();
  const item = page.locator('[data-rule="blocked-by-other-side"]');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('shop/frontend-egress');
  await expect(item).toContainText('shop/backend does not accept it');
  // The finding is about frontend's egress rule: frontend carries the badge.
  await expect(page.getByTestId('lint-badge-shop/frontend')).toHaveAttribute(
    'title',
    /blocked-by-other-side/,
  );
  await item.getByRole('button', { name: 'Show in Policies YAML' }).click();
  const text = await waitForModelText(page, (t) => !t.includes('name: backend-ingress'));
  await expect
    .poll(async () => {
      const at = await editorSelection(page);
      return at ? documentAt(text, at.line) : '';
    })
    .toContain('name: frontend-egress\n');
});
