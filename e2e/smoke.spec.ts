// The page loads, names the product, paints the canvas, and then the lazily loaded YAML editor arrives.
import { expect, test } from './fixtures';

test('the first page loads, shows the canvas, then the YAML editor', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'netpol-designer' })).toBeVisible();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('yaml-editor-policies').locator('.monaco-editor')).toBeVisible();
});
