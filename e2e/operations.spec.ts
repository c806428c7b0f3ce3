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
