// Issue 4, lessons: a learner plays lesson 6 (the three-tier exercise) to the end on the canvas, and every
// check turns green exactly when the document satisfies it; then the presenter view steps through the quiz
// with the keyboard and a quiz answer loads its live demonstration. Screenshots of a lesson in progress and
// of the presenter view go to test-results[-<port>]/screenshots/.
import type { Page } from '@playwright/test';
import { dragHandle, expect, screenshot, test } from './fixtures';

type Status = 'pass' | 'fail';

/** Waits until the checks describe the current document, then compares every check's status. */
async function expectChecks(page: Page, expected: readonly Status[]) {
  const list = page.getByTestId('lesson-checks');
  await expect
    .poll(async () => {
      const appVersion = await page.getByTestId('app').getAttribute('data-doc-version');
      const listVersion = await list.getAttribute('data-doc-version');
      if (appVersion !== listVersion)
        return `checks describe version ${listVersion}, document is ${appVersion}`;
      const items = list.locator('[data-testid^="lesson-check-"]');
      return (await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))).join(',');
    })
    .toBe(expected.join(','));
}

/**
 * Draws an edge. In this lesson both ends are isolated already once egress is denied (CoreDNS by the lesson's
 * own policy), so nothing is left to decide: the edge is written at once and a confirmation says what.
 */
async function drawRule(page: Page, from: string, to: string, written: string) {
  await dragHandle(page, `handle-src-${from}`, `handle-dst-${to}`);
  await expect(page.getByTestId('notices').locator('[data-key="drawn-edge"]')).toContainText(written);
  await expect(page.getByRole('dialog', { name: 'New rule' })).toHaveCount(0);
}

test('a learner plays the three-tier exercise to the end; each check turns green only when it should', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: /6\. The three-tier exercise/ }).click();
  await expect(page.getByTestId('workload-shop/database')).toBeVisible();
  await expect(page.getByTestId('external-any')).toBeVisible();
  await expect(page.getByTestId('lesson-step')).toContainText('Build the three tiers');

  // frontend open / backend only from frontend / database only from backend / no unrestricted egress / DNS.
  // At the start shop denies ingress only: the tiers are closed, egress is open (so DNS works).
  await expectChecks(page, ['fail', 'fail', 'fail', 'fail', 'pass']);
  await expect(page.getByTestId('lesson-check-1')).toContainText(/is denied: \S+ is isolated for ingress by/);

  // Deny egress too: egress is locked down, and DNS breaks.
  await page.getByLabel('Default deny for shop').selectOption('both');
  await expect(page.getByTestId('isolation-shop/frontend')).toHaveText('both');
  await expectChecks(page, ['fail', 'fail', 'fail', 'pass', 'fail']);
  await expect(page.getByTestId('lesson-check-4')).toContainText(/egress/);

  // frontend reachable from anywhere: a rule from the anywhere node allows every port, as the exercise's
  // solution does (`ingress: - {}`).
  await drawRule(page, 'external-any', 'workload-shop/frontend', 'anywhere → shop/frontend on every port');
  await expect(page.getByTestId('edge-label-any->shop/frontend')).toContainText('any');
  await expectChecks(page, ['pass', 'fail', 'fail', 'pass', 'fail']);

  // backend only from frontend: drawing from an egress-isolated pod adds both sides.
  await drawRule(page, 'workload-shop/frontend', 'workload-shop/backend', 'TCP 8080, on both sides');
  await expect(page.getByTestId('edge-label-shop/frontend->shop/backend')).toContainText('TCP 8080');
  await expectChecks(page, ['pass', 'pass', 'fail', 'pass', 'fail']);
  await screenshot(page, 'lessons-01-in-progress');

  // database only from backend.
  await drawRule(page, 'workload-shop/backend', 'workload-shop/database', 'TCP 5432, on both sides');
  await expectChecks(page, ['pass', 'pass', 'pass', 'pass', 'fail']);
  await expect(page.getByTestId('lesson-step-status')).toContainText('4 of 5');

  // DNS from every pod of shop to kube-dns on UDP 53.
  await drawRule(
    page,
    'namespace-shop',
    'workload-kube-system/coredns',
    'namespace shop → kube-system/coredns UDP 53',
  );
  await expectChecks(page, ['pass', 'pass', 'pass', 'pass', 'pass']);
  await expect(page.getByTestId('lesson-step-status')).toHaveText('Step complete: every check is satisfied.');
  await expect(page.getByTestId('lesson-step-status')).toBeInViewport();
  await screenshot(page, 'lessons-02-complete');

  // A mistake turns exactly the check it breaks red again: database may now reach backend.
  await drawRule(
    page,
    'workload-shop/database',
    'workload-shop/backend',
    'shop/database → shop/backend TCP 8080',
  );
  await expectChecks(page, ['pass', 'fail', 'pass', 'pass', 'pass']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expectChecks(page, ['pass', 'pass', 'pass', 'pass', 'pass']);
});

test('the presenter view: larger type, the YAML on demand, keyboard steps, and a quiz with its live demonstration', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByRole('button', { name: /7\. The quiz/ }).click();
  const app = page.getByTestId('app');

  // P toggles the presenter view (not while typing).
  await page.getByRole('heading', { name: '7. The quiz' }).click();
  await page.keyboard.press('p');
  await expect(app).toHaveClass(/\bpresenter\b/);
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute('aria-selected', 'true');
  const size = await page.locator('.lesson-panel h3').evaluate((e) => {
    const r = e.getBoundingClientRect();
    return r.height;
  });
  expect(size).toBeGreaterThan(20);

  // The arrows and PageDown/PageUp step through the lesson.
  const current = page.locator('.lesson-steps [aria-current="step"]');
  await expect(current).toHaveText('1');
  await page.keyboard.press('ArrowRight');
  await expect(current).toHaveText('2');
  await expect(page.getByTestId('lesson-step')).toContainText('Several policies');
  await page.keyboard.press('ArrowLeft');
  await expect(current).toHaveText('1');
  await page.keyboard.press('PageDown');
  await expect(current).toHaveText('2');

  // Y shows the YAML on demand, and hides it again.
  await page.keyboard.press('y');
  await expect(page.getByRole('tab', { name: 'Policies YAML' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('y');
  await expect(page.getByRole('tab', { name: 'Lessons' })).toHaveAttribute('aria-selected', 'true');

  // Answer: policies add up. The demonstration appears on the canvas with its live probe.
  await page.getByRole('radio', { name: /Both frontend and monitoring/ }).check();
  await page.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByTestId('quiz-result')).toContainText('Right.');
  await expect(page.getByTestId('workload-monitoring/prometheus')).toBeVisible();
  await expect(page.getByTestId('quiz-demo-probe').locator('.verdict')).toHaveText('allowed');
  await screenshot(page, 'lessons-03-presenter-quiz');

  // A wrong answer shows the right one, and the demo: Flannel lets everything through.
  await page.keyboard.press('PageDown');
  await page.keyboard.press('PageDown');
  await expect(page.getByTestId('lesson-step')).toContainText('Why policies may not work');
  await page.getByRole('radio', { name: /restarted/ }).check();
  await page.getByRole('button', { name: 'Answer' }).click();
  await expect(page.getByTestId('quiz-result')).toContainText('Not quite. The answer is: The network plugin');
  await expect(page.getByTestId('quiz-demo-probe').locator('.verdict')).toHaveText('allowed');
  await expect(page.getByTestId('workload-shop/backend')).toBeVisible();
  await screenshot(page, 'lessons-04-presenter-flannel');

  // The toolbar button leaves the presenter view.
  await page.getByRole('button', { name: 'Presenter' }).click();
  await expect(app).not.toHaveClass(/\bpresenter\b/);
});

test('a lesson file with mistakes lists them as file:line:column, a valid one opens', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await expect(page.locator('.lesson-pick')).toHaveCount(7);
  await screenshot(page, 'lessons-00-picker');
  const input = page.getByTestId('lesson-file-input');
  await input.setInputFiles({
    name: 'mine.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(
      'id: mine\ntitle: Mine\nstart: {example: nope}\nsteps:\n  - {title: One, text: Hi, checks: [{policyCount: x}]}\n',
    ),
  });
  const problems = page.getByTestId('lesson-problems');
  await expect(problems).toContainText('mine.yaml:5:');
  await expect(problems).toContainText('policyCount');
  await screenshot(page, 'lessons-05-file-problems');
  await input.setInputFiles({
    name: 'mine.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(
      'id: mine\ntitle: My <b>lesson</b>\nstart: {example: three-tier}\nsteps:\n  - title: Count\n    text: "<img src=x onerror=alert(1)> count the `policies`"\n    checks: [{policyCount: {namespace: shop, min: 1}}]\n',
    ),
  });
  await expect(page.getByRole('heading', { name: 'My <b>lesson</b>' })).toBeVisible();
  await expect(page.getByTestId('lesson-step').locator('img')).toHaveCount(0);
  await expect(page.getByTestId('lesson-step').locator('code')).toHaveText('policies');
  await expectChecks(page, ['pass']);
});
