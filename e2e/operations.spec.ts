// What the user sees of the document's named operations and of the probe's forgiving input: undo and redo say
// what they will undo ("Undo Allow traffic"), loading an example starts the flow-change list afresh instead of
// reading two unrelated documents as one edit, and the probe takes a container port name and a bare name.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

async function openThreeTier(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/backend')).toBeVisible();
  await expect(page.getByTestId('flow-shop/frontend->shop/backend')).toBeAttached();
}

// Several simulations per test; shared machines run them slowly.
test.beforeEach(() => test.setTimeout(150_000));

test('the probe takes a named port and a workload name without its namespace', async ({ page }) => {
  await openThreeTier(page);
  await page.getByRole('tab', { name: 'Probe' }).click();
  await page.getByLabel('Probe source').fill('frontend');
  await page.getByLabel('Probe destination').fill('shop/backend');
  await page.getByLabel('Probe port').fill('http');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  const result = page.getByTestId('probe-result');
  await expect(result.getByRole('alert')).toHaveCount(0);
  await expect(result.locator('.verdict').first()).toContainText('allowed');
  await expect(result).toContainText('8080');
  await screenshot(page, 'probe-named-port');

  // A name the destination has no port for is refused with the destination and the name.
  await page.getByLabel('Probe destination').fill('database');
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  await expect(result).toContainText('shop/database[Deployment] has no TCP container port named http');
});

/** Runs `act` and waits until the simulation answered for the document it made. */
async function afterAnalysis(page: Page, act: () => Promise<void>) {
  const app = page.getByTestId('app');
  const before = Number(await app.getAttribute('data-analysis-version'));
  await act();
  await expect
    .poll(async () => Number(await app.getAttribute('data-analysis-version')))
    .toBeGreaterThan(before);
  await expect(page.getByTestId('analysis-status')).toHaveText('Simulation up to date');
}

test('undo and redo name the step; opening an example or a lesson starts the change list afresh', async ({
  page,
}) => {
  await openThreeTier(page);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  const chip = page.getByTestId('changes-chip');
  const changeEdges = page.locator('[data-testid^="change-shop/"]');
  await page.getByRole('tab', { name: 'Policies', exact: true }).click();

  // An edit: the change list and the undo button carry the operation's label.
  await afterAnalysis(page, () => page.getByRole('switch', { name: 'shop/backend-ingress' }).click());
  await expect(chip).toContainText('Switch off shop/backend-ingress: 1 flow lost');
  await expect(undo).toHaveAttribute('title', /^Undo Switch off shop\/backend-ingress \(Ctrl\+Z\)/);
  await afterAnalysis(page, () => undo.click());
  await expect(chip).toContainText('Undo Switch off shop/backend-ingress: 1 flow gained');
  await expect(redo).toHaveAttribute('title', /^Redo Switch off shop\/backend-ingress \(Ctrl\+Shift\+Z\)/);

  // Opening the Blank document, then the three-tier example again: two openings, not two edits.
  for (const name of [/Blank/, /Three-tier app/]) {
    await afterAnalysis(page, async () => {
      await page.getByRole('button', { name: 'Examples' }).click();
      await page.getByRole('menuitem', { name }).click();
    });
    await expect(chip).toHaveCount(0);
    await expect(page.getByTestId('changes-summary')).toHaveCount(0);
    await expect(changeEdges).toHaveCount(0);
  }
  await expect(undo).toHaveAttribute('title', /^Undo Open Three-tier app \(Ctrl\+Z\)/);
  await screenshot(page, 'operations-example-opened');

  // A lesson whose workloads share names with the example: still an opening, nothing gained or lost.
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await afterAnalysis(page, () => page.getByRole('button', { name: /2\. Default deny/ }).click());
  await expect(chip).toHaveCount(0);
  await expect(changeEdges).toHaveCount(0);
  await expect(undo).toHaveAttribute('title', /^Undo Start 2\. Default deny/);

  // Undoing the opening is an opening too; the next edit lists its changes again.
  await afterAnalysis(page, () => undo.click());
  await expect(chip).toHaveCount(0);
  await page.getByRole('tab', { name: 'Policies', exact: true }).click();
  await afterAnalysis(page, () => page.getByRole('switch', { name: 'shop/backend-ingress' }).click());
  await expect(chip).toContainText('Switch off shop/backend-ingress: 1 flow lost');
  await screenshot(page, 'operations-edit-after-opening');
});
