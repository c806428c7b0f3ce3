// Files: import by paste (kind: List and multi-document, with skipped kinds reported at file:line:column), by
// the file picker (several files at once) and by dropping a file on the page; copy the YAML; a share link
// that opens the same document in a fresh browser; and the three-tier example on a first visit.
import { expect, INVENTORY_URI, modelText, screenshot, test, waitForModelText } from './fixtures';

const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Namespace
    metadata:
      name: pay
      labels:
        team: payments
  - apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: api
      namespace: pay
    spec:
      selector:
        matchLabels:
          app: api
      template:
        metadata:
          labels:
            app: api
        spec:
          containers:
            - name: api
              image: example/api
              ports:
                - containerPort: 8443
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: pay
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-from-web
  namespace: pay
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: web
      ports:
        - port: 8443
`;

const WEB_POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: pay
  labels:
    app: web
spec:
  containers:
    - name: web
      image: example/web
---
this is: [not valid
`;

async function startBlank(page: import('@playwright/test').Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Blank/ }).click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
}

test('the three-tier example opens on a first visit', async ({ page }) => {
  await page.goto('/');
  for (const name of ['frontend', 'backend', 'database']) {
    await expect(page.locator(`[data-testid^="workload-"][data-testid$="/${name}"]`)).toBeVisible();
  }
  const yaml = await waitForModelText(page, (t) => t.includes('kind: NetworkPolicy'));
  expect(yaml).toContain('default-deny');
  await screenshot(page, '10-first-visit');
});

test('paste, pick and drop manifests; problems are listed with their positions', async ({ page }) => {
  await startBlank(page);

  // Paste a `kind: List` with a Namespace, a Deployment and a ConfigMap (not modelled: reported).
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste manifests' });
  await dialog.getByRole('textbox', { name: 'Manifests YAML' }).fill(LIST);
  await dialog.getByRole('button', { name: 'Import pasted YAML' }).click();
  await expect(page.getByTestId('workload-pay/api')).toBeVisible();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('Imported 1 namespace and 1 workload from pasted YAML');
  await expect(report).toContainText(/pasted YAML:\d+:\d+/);
  await expect(report).toContainText('ConfigMap');
  // Each fact once: the count in the summary only (not again as a line below it), the skipped ConfigMap in the
  // report only (not again as a notice over the canvas).
  expect((await report.textContent())?.match(/Imported/g)).toHaveLength(1);
  await expect(page.getByTestId('notices').filter({ hasText: /Imported|ConfigMap/ })).toHaveCount(0);
  await screenshot(page, '11-import-report');
  await report.getByRole('button', { name: 'Close' }).click();

  // Pick two files at once: a policy, and a Pod followed by a broken document.
  await page.getByTestId('import-file-input').setInputFiles([
    { name: 'policy.yaml', mimeType: 'application/yaml', buffer: Buffer.from(POLICY) },
    { name: 'pods.yaml', mimeType: 'application/yaml', buffer: Buffer.from(WEB_POD) },
  ]);
  await expect(page.getByTestId('workload-pay/web')).toBeVisible();
  await expect(report).toContainText('1 workload and 1 policy');
  await expect(report).toContainText(/pods\.yaml:1[3-4]:\d+/);
  await expect(page.getByTestId('edge-label-pay/web->pay/api')).toContainText('TCP 8443');
  await report.getByRole('button', { name: 'Close' }).click();

  // Drop a file on the page: a Namespace and a cluster-wide policy for it, which the report counts apart.
  const drop = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    const text =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dropped\n---\n' +
      'apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata:\n  name: seal-dropped\n' +
      'spec:\n  tier: Baseline\n  priority: 1\n' +
      '  subject: {namespaces: {matchLabels: {kubernetes.io/metadata.name: dropped}}}\n' +
      '  ingress: [{action: Deny, from: [{namespaces: {}}]}]\n';
    dt.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
    return dt;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: drop });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: drop });
  await page.dispatchEvent('body', 'drop', { dataTransfer: drop });
  await expect(page.getByTestId('namespace-dropped')).toBeVisible();
  await expect(report).toContainText('Imported 1 namespace and 1 cluster-wide policy from dropped.yaml');
  // `dropped` sorts before `pay`: the grid's spot for it was on top of `pay`, placed before the drop.
  const [a, b] = await Promise.all(
    ['namespace-dropped', 'namespace-pay'].map((id) => page.getByTestId(id).boundingBox()),
  );
  if (!a || !b) throw new Error('a namespace has no box');
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap).toBe(false);
});

test('what an import adds beside a drawn document is brought into view, readable, overlapping nothing', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false');
  // A new namespace, and a workload for `shop`, which is drawn already.
  const text = [
    'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n',
    'kind: Pod\nmetadata: {name: ledger, namespace: payments, labels: {app: ledger}}\n',
    'kind: Pod\nmetadata: {name: audit, namespace: shop, labels: {app: audit}}\n',
  ].join('---\n');
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const dialog = page.getByRole('dialog', { name: 'Paste manifests' });
  await dialog.getByRole('textbox', { name: 'Manifests YAML' }).fill(text);
  await dialog.getByRole('button', { name: 'Import pasted YAML' }).click();
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('Imported 1 namespace and 2 workloads from pasted YAML');
  await report.getByRole('button', { name: 'Close' }).click();
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('no canvas');
  const inCanvas = async (testId: string) => {
    const b = await page.getByTestId(testId).boundingBox();
    return (
      b !== null &&
      b.x >= canvas.x &&
      b.y >= canvas.y &&
      b.x + b.width <= canvas.x + canvas.width &&
      b.y + b.height <= canvas.y + canvas.height
    );
  };
  await expect.poll(() => inCanvas('namespace-payments'), { timeout: 20_000 }).toBe(true);
  await expect.poll(() => inCanvas('workload-shop/audit')).toBe(true);
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false');
  // Not zoomed out to unreadable: the viewport's scale.
  const zoom = await page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  expect(zoom).toBeGreaterThanOrEqual(0.6);
  // The workload added to `shop` lies on none of the workloads there.
  const boxes = await page
    .locator('[data-testid^="workload-shop/"]')
    .evaluateAll((els) =>
      els.map((e) => ({ id: e.getAttribute('data-testid'), ...e.getBoundingClientRect().toJSON() })),
    );
  const audit = boxes.find((b) => b.id === 'workload-shop/audit');
  if (!audit) throw new Error('audit is not drawn');
  for (const b of boxes)
    if (b !== audit)
      expect(
        audit.x < b.x + b.width &&
          b.x < audit.x + audit.width &&
          audit.y < b.y + b.height &&
          b.y < audit.y + audit.height,
        `audit over ${b.id}`,
      ).toBe(false);
  await screenshot(page, '11c-import-revealed');
});

test("a `kind: List` import's progress bar moves while it is parsed and built, not 0 then 100", async ({
  page,
}) => {
  await startBlank(page);
  // Every value the bar shows, as the page draws it.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __barValues: number[] }).__barValues = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      const now = Number(bar?.getAttribute('aria-valuenow') ?? Number.NaN);
      if (bar && seen.at(-1) !== now) seen.push(now);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  // `kubectl get -A -o yaml`'s shape: one List document of 4,000 Deployments (about 2 MB).
  const dt = await page.evaluateHandle(() => {
    const items: string[] = [];
    for (let i = 0; i < 4000; i++)
      items.push(
        `- apiVersion: apps/v1\n  kind: Deployment\n  metadata:\n    name: svc-${i}\n    namespace: team-${i % 100}\n  spec:\n    template:\n      metadata:\n        labels: {app: svc-${i}, tier: backend}\n      spec:\n        containers:\n        - name: main\n          image: example/svc:1.0\n          ports: [{name: http, containerPort: 8080}]\n`,
      );
    const text = `apiVersion: v1\nitems:\n${items.join('')}kind: List\nmetadata:\n  resourceVersion: ""\n`;
    const d = new DataTransfer();
    d.items.add(new File([text], 'list.yaml', { type: 'application/yaml' }));
    return d;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('4000 workloads', { timeout: 120_000 });
  const values = await page.evaluate(() => (window as unknown as { __barValues: number[] }).__barValues);
  // The List (one document) is parsed a piece of its items at a time (the first half of the bar), then the
  // document is built from its objects (the second half).
  const reading = values.filter((v) => v > 0 && v < 50);
  const building = values.filter((v) => v > 50 && v < 100);
  expect(reading.length, `values shown: ${values.join(', ')}`).toBeGreaterThanOrEqual(1);
  expect(building.length, `values shown: ${values.join(', ')}`).toBeGreaterThanOrEqual(3);
  expect(values.filter((v) => !Number.isNaN(v))).toEqual(
    [...values.filter((v) => !Number.isNaN(v))].sort((a, b) => a - b),
  );
});

test('copy YAML and a share link that reopens the document elsewhere', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const yaml = await waitForModelText(page, (t) => t.includes('kind: NetworkPolicy'));

  await page.getByRole('button', { name: 'Copy YAML' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(yaml);
  // The Inventory tab's text on the Inventory tab; on a tab with no YAML, the whole design.
  await page.getByRole('tab', { name: 'Inventory YAML' }).click();
  const inventoryText = await waitForModelText(page, (t) => t.includes('kind: Namespace'), INVENTORY_URI);
  await page.getByRole('button', { name: 'Copy YAML' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(inventoryText);
  await page.getByRole('tab', { name: 'Cluster policies' }).click();
  await page.getByRole('button', { name: 'Copy YAML' }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toMatch(/^# Exported by netpol-designer/);
  const whole = await page.evaluate(() => navigator.clipboard.readText());
  expect(whole.endsWith(`${inventoryText}---\n${yaml}`)).toBe(true);
  await expect(page.getByText('Copied the whole design (inventory and policies).')).toBeVisible();
  await page.getByRole('tab', { name: 'Policies YAML' }).click();

  await page.getByRole('button', { name: 'Copy share link' }).click();
  const link = await page.getByRole('dialog', { name: 'Share link' }).getByRole('textbox').inputValue();
  // The page's own origin (each E2E_PORT run has its own server).
  expect(link.startsWith(`${new URL(page.url()).origin}/#doc=`)).toBe(true);
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  // Another browser profile (no autosave) opens the link and sees the same document.
  const other = await browser.newContext();
  const p2 = await other.newPage();
  const offsite: string[] = [];
  p2.on('request', (r) => {
    const host = new URL(r.url()).hostname;
    if (!r.url().startsWith('data:') && !r.url().startsWith('blob:') && host !== '127.0.0.1')
      offsite.push(r.url());
  });
  await p2.goto(link);
  // A new profile loads the editor's code afresh (no cache): on a loaded machine that takes longer than 15 s.
  await expect.poll(() => modelText(p2), { timeout: 60_000 }).toBe(yaml);
  await page.getByRole('tab', { name: 'Inventory YAML' }).click();
  await p2.getByRole('tab', { name: 'Inventory YAML' }).click();
  const inventory = await waitForModelText(page, (t) => t.includes('kind: Namespace'), INVENTORY_URI);
  await expect.poll(() => modelText(p2, INVENTORY_URI)).toBe(inventory);
  // The fragment is dropped after loading, so a reload shows the autosaved work, not the link again.
  await expect.poll(() => p2.evaluate(() => location.hash)).toBe('');
  expect(offsite).toEqual([]);
  await other.close();
});

test('a large import shows its progress and can be cancelled; run again, it ends with its report', async ({
  page,
}) => {
  await startBlank(page);
  // Namespaces and `n` Deployments (12,000: about 6 MB), built in the page and dropped as one file.
  const drop = (n: number) =>
    page.evaluateHandle((n) => {
      const parts: string[] = [];
      for (let i = 0; i < n; i++) {
        const ns = `team-${i % 100}`;
        if (i < 100)
          parts.push(
            `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels:\n    team: t${i}\n`,
          );
        parts.push(
          `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: svc-${i}\n  namespace: ${ns}\n  labels:\n    app: svc-${i}\nspec:\n  selector:\n    matchLabels:\n      app: svc-${i}\n  template:\n    metadata:\n      labels:\n        app: svc-${i}\n        tier: backend\n    spec:\n      containers:\n        - name: main\n          image: example/svc:1.0\n          ports:\n            - name: http\n              containerPort: 8080\n              protocol: TCP\n`,
        );
      }
      const dt = new DataTransfer();
      dt.items.add(new File([parts.join('---\n')], 'cluster.yaml', { type: 'application/yaml' }));
      return dt;
    }, n);
  const dropIt = async (n: number) => {
    const dt = await drop(n);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
    await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
    await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
  };

  await dropIt(12_000);
  const bar = page.getByRole('progressbar', { name: 'Importing cluster.yaml' });
  await expect(bar).toBeVisible();
  // It moves: read at one moment (value and words together), some of the file is read, not all of it.
  const reading = /^Reading cluster\.yaml: [\d.]+ of [\d.]+ MB, [\d,]+ documents$/;
  await expect
    .poll(
      async () => {
        const [now, text] = await bar.evaluate((el) => [
          Number(el.getAttribute('aria-valuenow')),
          el.getAttribute('aria-valuetext') ?? '',
        ]);
        return now > 0 && now < 100 && reading.test(String(text));
      },
      { timeout: 30_000, intervals: [50] },
    )
    .toBe(true);
  await screenshot(page, '11b-import-progress');
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(bar).toBeHidden();
  // Nothing was imported and nothing is reported.
  await page.waitForTimeout(1000);
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await expect(page.getByRole('dialog', { name: 'Import report' })).toBeHidden();

  // A smaller one, to the end: the bar goes when the import is in, with its report.
  await dropIt(1500);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('100 namespaces and 1500 workloads', { timeout: 120_000 });
  await expect(bar).toBeHidden();
});
