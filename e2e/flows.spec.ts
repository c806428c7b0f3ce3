// Observed traffic: a Hubble capture dropped on the three-tier example is read in the worker, its broken lines
// are reported with their line numbers, each flow is judged by the simulator and drawn on the canvas (allowed,
// denied), an unknown workload is added with the labels its flows carried, and the flows come back after a
// reload; saved flows that are damaged are refused with a notice.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

const CAPTURE = readFileSync(new URL('./fixtures/flows/three-tier.jsonl', import.meta.url), 'utf8');

test.use({ viewport: { width: 1600, height: 1000 } });

async function dropCapture(page: Page, name: string, text: string) {
  const drop = await page.evaluateHandle(
    ([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      return dt;
    },
    [name, text] as const,
  );
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: drop });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: drop });
  await page.dispatchEvent('body', 'drop', { dataTransfer: drop });
}

test('a dropped capture is judged against the policies and drawn on the canvas', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await dropCapture(page, 'hubble.jsonl', CAPTURE);

  const panel = page.getByTestId('flows-panel');
  await expect(panel.getByTestId('capture-summary')).toContainText(
    'hubble.jsonl: 10 records, 7 distinct flows',
  );
  const report = panel.getByTestId('capture-report');
  await expect(report).toContainText('2 lines not read');
  await expect(report).toContainText('line 6: l4.TCP.destination_port must be a port number');
  await expect(report).toContainText('line 9: expected 4 comma-separated fields');

  await expect(panel.getByTestId('flows-count-allowed')).toHaveText('5 observed and allowed');
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');
  await expect(panel.getByTestId('flows-coverage')).toContainText('3 of 5 workloads isolated for ingress');
  await expect(page.getByRole('tab', { name: /Flows/ })).toContainText('2');

  // The layer: the denied Redis port between backend and database, the allowed web traffic.
  await expect(page.getByTestId('observed-shop/backend->shop/database')).toHaveAttribute(
    'data-class',
    'denied',
  );
  await expect(page.getByTestId('observed-shop/frontend->shop/backend')).toHaveAttribute(
    'data-class',
    'allowed',
  );
  await screenshot(page, 'flows-01-imported');

  // The unused permissions, on request.
  await panel.getByTestId('flows-count-unused').click();
  await expect(panel.getByTestId('flows-count-unused')).toHaveAttribute('aria-pressed', 'true');

  // The scraper the inventory lacks: added with the labels the capture carried, its flow now drawn.
  await expect(panel.getByTestId('flows-unknown')).toContainText('StatefulSet monitoring/prometheus');
  await expect(panel.getByTestId('flows-unknown')).toContainText('app.kubernetes.io/name=prometheus');
  await panel.getByRole('button', { name: 'Add to inventory' }).click();
  await expect(page.getByTestId('workload-monitoring/prometheus')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute(
    'title',
    /Add monitoring\/prometheus seen in flows/,
  );
  // Its new namespace lands inside the visible canvas, as the Add forms place one.
  const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
  const nsBox = (await page.getByTestId('namespace-monitoring').boundingBox())!;
  expect(nsBox.x).toBeGreaterThanOrEqual(canvasBox.x);
  expect(nsBox.y).toBeGreaterThanOrEqual(canvasBox.y);
  expect(nsBox.x + nsBox.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width);
  expect(nsBox.y + nsBox.height).toBeLessThanOrEqual(canvasBox.y + canvasBox.height);
  await expect(page.getByTestId('observed-monitoring/prometheus->shop/backend')).toHaveAttribute(
    'data-class',
    'denied',
  );
  await expect(panel.getByTestId('flows-unknown')).toHaveCount(0);
  await screenshot(page, 'flows-02-added');

  // The flows are kept beside the document: back after a reload.
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByRole('tab', { name: /Flows/ }).click();
  await expect(panel.getByTestId('capture-summary')).toContainText('hubble.jsonl: 10 records');
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');
});

test('an edit shows the observed flows it breaks; policies generated from the flows deny none, in one undo step', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await dropCapture(page, 'hubble.jsonl', CAPTURE);
  const panel = page.getByTestId('flows-panel');
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');

  // Live: isolating kube-system for ingress cuts the DNS lookups the capture shows.
  await page.getByLabel('Default deny for kube-system').selectOption('ingress');
  const banner = page.getByTestId('broken-flows-banner');
  await expect(banner).toContainText('Breaks 2 observed flows seen in hubble.jsonl');
  await expect(banner).toContainText('shop/frontend[Deployment] → kube-system/coredns[Deployment] UDP 53');
  await expect(panel.getByTestId('flows-broken')).toContainText('would break 2 observed flows');
  await screenshot(page, 'flows-03-broken');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(banner).toHaveCount(0);

  // Generate for the shop: a what-if first, then one operation.
  const gen = panel.getByTestId('flows-generate');
  await expect(gen.getByLabel('kube-system/coredns')).not.toBeChecked();
  await expect(gen.getByLabel('shop/backend')).toBeChecked();
  await gen.getByRole('button', { name: 'Preview (what-if)' }).click();
  const preview = gen.getByTestId('generate-preview');
  await expect(preview).toContainText(
    'Writes shop/backend-from-flows, shop/database-from-flows, shop/frontend-from-flows.',
  );
  await expect(preview).toContainText('No observed flow would be denied.');
  await expect(preview).toContainText('shop/backend → shop/database: gains TCP 6379');
  await screenshot(page, 'flows-04-generate-preview');
  await gen.getByRole('button', { name: 'Apply 3 policies' }).click();
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('0 observed and denied');
  await expect(page.getByTestId('observed-shop/backend->shop/database')).toHaveAttribute(
    'data-class',
    'allowed',
  );
  await expect(page.getByRole('button', { name: /Undo/ })).toHaveAttribute(
    'title',
    /Generate policies from flows/,
  );

  // Exported with the rest of the design (inventory, then policies).
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export design.yaml' }).click();
  const save = page.getByRole('dialog').getByRole('button', { name: /^Save/ });
  await Promise.race([
    waiting,
    save
      .waitFor()
      .then(() => save.click())
      .catch(() => {}),
  ]);
  const exported = readFileSync(await (await waiting).path(), 'utf8');
  expect(exported).toContain('name: database-from-flows');
  expect(exported).toMatch(/port: 6379/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');
});

test('outside addresses become external nodes at the prefix the user picks, in one undo step, and generated policies name the same blocks', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  // The fixture's world address, one more in its /24, and an IPv6 service the backend calls (lines of the plain format).
  // Two flows the cluster only dropped: frontend → database (the policies deny it too) and database → DNS
  // (the policies allow it: the cluster and the policies disagree).
  const lines = CAPTURE.split('\n');
  const dropped = [
    lines[4]
      .replace('"FORWARDED"', '"DROPPED"')
      .replace(
        '"pod_name":"backend-5f6d8b7c9-abcde","labels":["k8s:app=backend"',
        '"pod_name":"frontend-7d4b9c8f5-x2x9z","labels":["k8s:app=frontend"',
      ),
    lines[6]
      .replace('"FORWARDED"', '"DROPPED"')
      .replace(
        '"pod_name":"frontend-7d4b9c8f5-x2x9z","labels":["k8s:app=frontend"',
        '"pod_name":"database-0","labels":["k8s:app=database"',
      )
      .replace('"workloads":[{"name":"frontend"', '"workloads":[{"name":"database"'),
  ];
  const capture = `${CAPTURE.trimEnd()}\n203.0.113.200,shop/frontend,TCP,8080\nshop/backend,2001:db8:1:2::5,TCP,443\n${dropped.join('\n')}\n`;
  await dropCapture(page, 'hubble.jsonl', capture);
  const panel = page.getByTestId('flows-panel');
  await expect(panel.getByTestId('capture-summary')).toContainText('hubble.jsonl: 14 records');
  await expect(panel.getByTestId('flows-count-dropped-allowed')).toHaveText('1 dropped, though allowed');
  await expect(panel.getByTestId('flows-count-dropped-denied')).toHaveText('1 dropped, as denied');
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');
  await expect(
    panel
      .getByTestId('flows-table')
      .locator('tr', { hasText: 'shop/database[Deployment]' })
      .filter({ hasText: 'UDP 53' }),
  ).toContainText('dropped, though allowed');
  await expect(page.getByTestId('observed-shop/database->kube-system/coredns')).toHaveAttribute(
    'data-class',
    'dropped-allowed',
  );
  await panel
    .getByTestId('flows-count-dropped-allowed')
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'flows-05-dropped');
  await expect(page.getByTestId('observed-shop/frontend->shop/backend')).toHaveAttribute(
    'data-class',
    'allowed',
  );

  // The flows to and from outside say so, and on which node they are drawn.
  const table = panel.getByTestId('flows-table');
  await expect(table.locator('tr', { hasText: '203.0.113.200' })).toContainText('from outside, on ');
  await expect(table.locator('tr', { hasText: '2001:db8:1:2::5' })).toContainText('to outside, on ');

  const outside = panel.getByTestId('flows-outside');
  await expect(outside).toContainText('3 addresses outside the cluster');
  await expect(outside.getByTestId('outside-block-203.0.113.0/24')).toContainText('2 addresses, 2 flows in');
  await expect(outside.getByTestId('outside-block-2001:db8:1:2::/64')).toContainText('1 address, 1 flow out');

  // Hostile prefixes are refused where they are typed, and nothing can be added or generated meanwhile.
  const v4 = outside.getByTestId('outside-prefix-4');
  await v4.fill('33');
  await expect(v4).toHaveAttribute('aria-invalid', 'true');
  await expect(outside.getByTestId('outside-prefix-4-error')).toHaveText(
    'IPv4 prefix must be a prefix length from 0 to 32, got "33"',
  );
  await outside.getByTestId('outside-prefix-6').fill('-1');
  await expect(outside.getByTestId('outside-prefix-6-error')).toContainText('from 0 to 128');
  await expect(outside.getByRole('button', { name: /Add \d+ block/ })).toHaveCount(0);
  await expect(
    panel.getByTestId('flows-generate').getByRole('button', { name: 'Preview (what-if)' }),
  ).toBeDisabled();
  await outside.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'flows-06-prefix-refused');
  await v4.fill('24');
  await outside.getByTestId('outside-prefix-6').fill('64');
  await expect(outside.getByTestId('outside-prefix-4-error')).toHaveCount(0);

  // One operation adds both blocks; the outside flows are then drawn on them.
  await outside.getByRole('button', { name: 'Add 2 blocks as external nodes' }).click();
  await expect(page.getByTestId('external-ext:203.0.113.0/24')).toBeVisible();
  await expect(page.getByTestId('external-ext:2001:db8:1:2::/64')).toBeVisible();
  await expect(page.getByTestId('observed-ext:203.0.113.0/24->shop/frontend')).toBeVisible();
  // The nodes only split the outside addresses: no flow is gained or lost.
  await expect(page.getByTestId('changes-chip')).toContainText(
    'Add 2 outside blocks seen in flows: no flow changed',
  );
  await expect(outside.getByTestId('outside-block-203.0.113.0/24')).toContainText('its own node');
  await expect(table.locator('tr', { hasText: '203.0.113.200' })).toContainText(
    'from outside, on 203.0.113.0/24',
  );
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute(
    'title',
    /Add 2 outside blocks seen in flows/,
  );
  await outside.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await screenshot(page, 'flows-07-outside-added');

  // Generate: the ipBlocks it writes are the blocks just added.
  const gen = panel.getByTestId('flows-generate');
  await expect(gen).toContainText('outside addresses as /24 and /64 blocks');
  await gen.getByRole('button', { name: 'Preview (what-if)' }).click();
  await expect(gen.getByTestId('generate-preview')).toContainText('No observed flow would be denied.');
  await gen.getByRole('button', { name: /^Apply \d+ polic/ }).click();
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('0 observed and denied');
  const ipBlocks = await page.evaluate(() => {
    type Peer = { ipBlock?: { cidr: string } };
    type Policy = { name: string; ingress?: { from?: Peer[] }[]; egress?: { to?: Peer[] }[] };
    const w = window as unknown as { __netpol: { getState(): { doc: { policies: Policy[] } } } };
    return w.__netpol
      .getState()
      .doc.policies.filter((p) => p.name.endsWith('-from-flows'))
      .flatMap((p) => [
        ...(p.ingress ?? []).flatMap((r) => r.from ?? []),
        ...(p.egress ?? []).flatMap((r) => r.to ?? []),
      ])
      .flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : []))
      .sort();
  });
  expect(ipBlocks).toEqual(['2001:db8:1:2::/64', '203.0.113.0/24']);
  await screenshot(page, 'flows-08-generated');

  // Undo: first the generated policies, then the added nodes, each in one step.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByTestId('flows-count-denied')).toHaveText('2 observed and denied');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('external-ext:203.0.113.0/24')).toHaveCount(0);
  await expect(page.getByTestId('external-ext:2001:db8:1:2::/64')).toHaveCount(0);
  await expect(outside.getByRole('button', { name: 'Add 2 blocks as external nodes' })).toBeVisible();
  await screenshot(page, 'flows-09-undone');
});

test('saved flows that cannot be read are refused with a notice, and the page still works', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await page.evaluate(async () => {
    const w = window as unknown as { __netpol: { storage: { writeObserved(t: string): Promise<void> } } };
    await w.__netpol.storage.writeObserved(
      JSON.stringify({
        format: 'netpol-designer-flows',
        version: 1,
        capture: { file: 'x', records: 1, replies: 0, unresolved: 0, peers: [{ ip: '1.2.3' }], flows: [] },
      }),
    );
  });
  await page.reload();
  await expect(
    page.getByText(/observed flows saved with this document could not be read \(peer 1/),
  ).toBeVisible();
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
});
