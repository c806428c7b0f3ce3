// Workshop mode on the three-tier example: the policy list's what-if switches show the additive model as
// flows lost and gained (listed and drawn on the canvas), workloads say why they are isolated, verdicts read
// in plain words, and a CNI that does not enforce NetworkPolicy (Flannel) opens every flow behind a banner.
import type { Page } from '@playwright/test';
import { documentAt, editorSelection, expect, screenshot, test, waitForModelText } from './fixtures';

async function openThreeTier(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /Three-tier app/ }).click();
  await expect(page.getByTestId('workload-shop/backend')).toBeVisible();
  await expect(page.getByTestId('flow-shop/frontend->shop/backend')).toBeAttached();
}

// Each test plays several simulations in a row; shared machines run them slowly.
test.beforeEach(() => test.setTimeout(150_000));

const row = (page: Page, pair: string) => page.getByTestId(`change-row-${pair}`);
const drawn = (page: Page, pair: string) => page.getByTestId(`change-${pair}`);

test('what-if switches show flows lost and gained, on the list and on the canvas', async ({ page }) => {
  await openThreeTier(page);
  await page.getByRole('tab', { name: 'Policies', exact: true }).click();
  const list = page.getByRole('region', { name: 'Policy list' });
  await expect(list.getByTestId('policy-row-shop/default-deny-ingress')).toContainText(
    'selects all pods of shop',
  );
  await expect(list.getByTestId('policy-row-shop/backend-ingress')).toContainText('Ingress');

  // Hovering a row lights up the workloads it selects.
  await list.getByTestId('policy-row-shop/backend-ingress').hover();
  await expect(page.getByTestId('workload-shop/backend')).toHaveClass(/policy-target/);
  await expect(page.getByTestId('workload-shop/frontend')).not.toHaveClass(/policy-target/);
  await screenshot(page, 'workshop-hover');

  // 1. The allow off: backend stays isolated by the default deny, so frontend → backend is lost.
  await page.getByRole('switch', { name: 'shop/backend-ingress' }).click();
  const summary = page.getByTestId('changes-summary');
  await expect(summary).toHaveText('Switch off shop/backend-ingress: 1 flow lost');
  await expect(row(page, 'shop/frontend->shop/backend')).toContainText('− TCP 8080');
  await expect(drawn(page, 'shop/frontend->shop/backend')).toHaveAttribute('data-kind', 'lost');
  await expect(page.getByTestId('flow-shop/frontend->shop/backend')).toHaveCount(0);
  await expect(page.getByTestId('whatif-banner')).toContainText('1 policy is switched off');
  // The drawn rule stays; its egress half is now blocked by backend's default deny.
  await expect(page.getByTestId('blocked-shop/frontend->shop/backend')).toBeVisible();
  await screenshot(page, 'workshop-allow-off');

  // 2. The default deny off too: backend is open for ingress again, so flows are gained.
  await page.getByRole('switch', { name: 'shop/default-deny-ingress' }).click();
  await expect(summary).toContainText('Switch off shop/default-deny-ingress: ');
  await expect(summary).toContainText('gained');
  await expect(summary).not.toContainText('lost');
  await expect(row(page, 'shop/frontend->shop/backend')).toContainText('+ TCP 8080');
  await expect(drawn(page, 'shop/frontend->shop/backend')).toHaveAttribute('data-kind', 'gained');
  await expect(page.getByTestId('isolation-shop/backend')).toHaveText('egress-isolated');

  // 3. The default deny back on isolates backend again: the same flows are lost.
  await page.getByRole('switch', { name: 'shop/default-deny-ingress' }).click();
  await expect(summary).toContainText('Switch on shop/default-deny-ingress: ');
  await expect(summary).not.toContainText('gained');
  await expect(drawn(page, 'shop/frontend->shop/backend')).toHaveAttribute('data-kind', 'lost');

  // 4. The allow back on only adds: exactly frontend → backend on TCP 8080 is gained.
  await page.getByRole('switch', { name: 'shop/backend-ingress' }).click();
  await expect(summary).toHaveText('Switch on shop/backend-ingress: 1 flow gained');
  await expect(row(page, 'shop/frontend->shop/backend')).toContainText('+ TCP 8080');
  await expect(drawn(page, 'shop/frontend->shop/backend')).toHaveAttribute('data-kind', 'gained');
  await expect(page.getByTestId('whatif-banner')).toHaveCount(0);
  await screenshot(page, 'workshop-allow-on');

  // A rule whose only policy is switched off is drawn faint.
  await page.getByRole('switch', { name: 'shop/frontend-ingress' }).click();
  await expect(page.getByTestId('edge-any->shop/frontend')).toHaveClass(/whatif-off/);
  await page.getByRole('switch', { name: 'shop/frontend-ingress' }).click();
  await expect(page.getByTestId('edge-any->shop/frontend')).not.toHaveClass(/whatif-off/);

  // Dismiss clears the highlight.
  await page.getByRole('region', { name: 'Changes' }).getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.locator('[data-testid^="change-shop/"]')).toHaveCount(0);
});

test('workloads and verdicts explain themselves in plain words', async ({ page }) => {
  await openThreeTier(page);
  await expect(page.getByTestId('isolation-why-shop/backend')).toContainText(
    'in: backend-ingress, default-deny-ingress',
  );
  await page.getByTestId('workload-shop/backend').dblclick();
  await expect(page.getByTestId('isolation-reason')).toContainText(
    'isolated for ingress by backend-ingress and default-deny-ingress; isolated for egress by',
  );

  await page.getByRole('tab', { name: 'Probe' }).click();
  await page.getByLabel('Probe source').fill('shop/frontend');
  await page.getByLabel('Probe destination').fill('shop/backend');
  await page.getByLabel('Probe port').fill('8080');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  const plain = page.getByTestId('probe-result').getByTestId('verdict-plain');
  // One or two plain sentences: the traffic once, each side's deciding rule as a link to its YAML line.
  await expect(plain).toHaveText(
    'TCP 8080 from shop/frontend to shop/backend is allowed: egress rule 1 of frontend-egress lets it out, ' +
      'and ingress rule 1 of backend-ingress lets it in.',
  );
  await screenshot(page, 'explain-allowed');
  await plain.getByRole('button', { name: 'ingress rule 1 of backend-ingress' }).click();
  await expect(page.getByRole('tab', { name: 'Policies YAML' })).toHaveAttribute('aria-selected', 'true');
  const policies = await waitForModelText(page, (t) => t.includes('name: backend-ingress'));
  await expect
    .poll(async () => {
      const at = await editorSelection(page);
      return at ? documentAt(policies, at.line) : '';
    })
    .toContain('name: backend-ingress');
  const line = (await editorSelection(page))!.line;
  // The selection is the rule itself: the first item of the policy's ingress list.
  expect(policies.split('\n')[line - 2]).toMatch(/^ {2}ingress:$/);
  await screenshot(page, 'explain-rule-link');

  await page.getByLabel('Probe source').fill('shop/frontend');
  await page.getByLabel('Probe destination').fill('shop/database');
  await page.getByLabel('Probe port').fill('5432');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  await expect(plain).toHaveText(
    'TCP 5432 from shop/frontend to shop/database is denied on both sides: shop/frontend is isolated for ' +
      'egress by allow-dns-egress, default-deny-egress and frontend-egress, and no rule of them lets it out; ' +
      'shop/database is ' +
      'isolated for ingress by database-ingress and default-deny-ingress, and no rule of them lets it in.',
  );
  await screenshot(page, 'explain-denied');

  // The matrix explains a cell at the ports worth asking, each with why: a one-sided denial names the rule
  // that would let it in; a pair with nothing allowed and no container port is asked about an example port.
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await page.getByTestId('matrix-cell-shop/database->shop/frontend').click();
  const cell = page.getByTestId('matrix-explanation');
  await expect(cell.getByTestId('probe-port-why').first()).toContainText('a container port of shop/frontend');
  await expect(cell.getByTestId('verdict-plain').first()).toContainText(
    'is denied: shop/database is isolated for egress by allow-dns-egress and default-deny-egress, and no rule ' +
      'of them lets it out. On the other side, ingress rule 1 of frontend-ingress lets it in.',
  );
  await screenshot(page, 'explain-one-sided');
  await page
    .locator('[data-testid^="matrix-cell-shop/database->"][data-testid$="[External]"]')
    .first()
    .click();
  await expect(cell.getByTestId('probe-port-why')).toHaveText(
    'TCP 80, as an example: nothing is allowed from this source to this destination, so every port gets this answer',
  );
  await expect(cell.getByTestId('verdict-plain')).toContainText(
    /^TCP 80 from shop\/database to [0-9a-f.:/]+ is denied: /,
  );
  await screenshot(page, 'explain-example-port');
  await screenshot(page, 'workshop-probe');
});

test('Flannel does not enforce NetworkPolicy: a banner says so and the matrix allows everything', async ({
  page,
}) => {
  await openThreeTier(page);
  await page.getByRole('tab', { name: 'Matrix' }).click();
  const cell = page.getByTestId('matrix-cell-shop/database->shop/frontend');
  await expect(cell).toHaveText('—');

  await page.getByRole('combobox', { name: 'CNI' }).selectOption('flannel');
  await expect(page.getByTestId('cni-banner')).toContainText(
    'Flannel does not enforce NetworkPolicy: every flow is allowed, whatever the policies say.',
  );
  await expect(cell).toHaveText('All Connections');
  const cells = page.locator('[data-testid^="matrix-cell-"]');
  expect(await cells.count()).toBeGreaterThan(10);
  for (const text of await cells.allInnerTexts()) expect(text).toBe('All Connections');
  await expect(page.getByTestId('isolation-shop/backend')).toHaveText('open');
  await cell.click();
  await expect(page.getByTestId('matrix-explanation').getByTestId('verdict-plain').first()).toContainText(
    'is allowed: Flannel does not enforce NetworkPolicy',
  );
  await screenshot(page, 'workshop-flannel');

  await page.getByRole('combobox', { name: 'CNI' }).selectOption('unspecified');
  await expect(page.getByTestId('cni-banner')).toHaveCount(0);
  await expect(cell).toHaveText('—');
  await expect(page.getByTestId('isolation-shop/backend')).toHaveText('both');
});
