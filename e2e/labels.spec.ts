// Edge labels read clearly at fit view: in every built-in example and every lesson's final state, also in the
// presenter view, no label covers another label, a workload or external node, or a namespace's header, and
// every label is drawn at a legible size. Checked on the bounding boxes the browser reports; screenshots at
// 1600×1000 go to test-results[-<port>]/screenshots/labels-*.png.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });
test.beforeEach(() => test.setTimeout(300_000));

/** Pairs that overlap, as readable strings, and the smallest label height on screen. */
async function labelOverlaps(page: Page): Promise<{ labels: number; overlaps: string[]; minHeight: number }> {
  return page.evaluate(() => {
    const box = (e: Element) => e.getBoundingClientRect();
    const shown = (e: Element) => box(e).width > 0 && getComputedStyle(e).display !== 'none';
    const labels = [...document.querySelectorAll('.edge-label, .admin-edge-label')].filter(shown);
    const nodes = [...document.querySelectorAll('.wl-node, .ext-node, .ns-header')].filter(shown);
    const hit = (a: DOMRect, b: DOMRect) =>
      a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const name = (e: Element) =>
      e.getAttribute('data-testid') ?? e.closest('[data-testid]')?.getAttribute('data-testid') ?? e.className;
    const overlaps: string[] = [];
    labels.forEach((l, i) => {
      for (const m of labels.slice(i + 1)) if (hit(box(l), box(m))) overlaps.push(`${name(l)} × ${name(m)}`);
      for (const n of nodes) if (hit(box(l), box(n))) overlaps.push(`${name(l)} × ${name(n)}`);
    });
    return {
      labels: labels.length,
      overlaps,
      minHeight: labels.length ? Math.min(...labels.map((l) => box(l).height)) : Number.POSITIVE_INFINITY,
    };
  });
}

async function fitView(page: Page) {
  // elk places a new document first; a loaded machine takes its time.
  await expect(page.getByTestId('canvas')).toHaveAttribute('aria-busy', 'false', { timeout: 120_000 });
  await page.getByRole('button', { name: 'Fit View' }).click();
  // React Flow animates nothing here, but the label placement follows the measured nodes a frame later.
  await page.waitForTimeout(500);
}

async function expectClearLabels(page: Page, shot: string) {
  await fitView(page);
  await screenshot(page, `labels-${shot}`);
  const r = await labelOverlaps(page);
  expect(r.overlaps, shot).toEqual([]);
  // 10 px type with its padding: at least 12 px on screen, or it cannot be read.
  expect(r.minHeight, shot).toBeGreaterThanOrEqual(12);
  return r;
}

const EXAMPLES = ['Three-tier app', 'Namespace isolation', 'Database isolation'];

test('examples: no edge label covers another label or a node at fit view', async ({ page }) => {
  await page.goto('/');
  for (const title of EXAMPLES) {
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: new RegExp(`^${title}`) }).click();
    await expect(page.locator('.edge-label').first()).toBeVisible();
    const r = await expectClearLabels(page, title.toLowerCase().replace(/ /g, '-'));
    expect(r.labels, title).toBeGreaterThan(2);
  }
});

test('lessons: the final step of every lesson, and the presenter view, keep labels clear', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  const picks = page.locator('.lesson-pick');
  await expect(picks).toHaveCount(7);
  const titles = await picks.allTextContents();
  for (let i = 0; i < titles.length; i++) {
    await page.locator('.lesson-pick').nth(i).click();
    const next = page.getByRole('button', { name: /^Next/ });
    while (await next.isEnabled()) await next.click();
    await expectClearLabels(page, `lesson-${i + 1}`);
    // Presenter view (larger type, so larger labels) of every lesson's final state.
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(page.locator('.app.presenter, .presenter').first()).toBeAttached();
    await expectClearLabels(page, `lesson-${i + 1}-presenter`);
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(page.locator('.app.presenter')).toHaveCount(0);
    await page.getByRole('button', { name: 'All lessons' }).click();
  }
});
