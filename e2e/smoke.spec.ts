import { expect, test } from '@playwright/test';

test('the first page loads and names the product', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'netpol-designer' })).toBeVisible();
});
