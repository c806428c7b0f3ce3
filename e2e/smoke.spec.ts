// The page loads, names the product, paints the canvas, and then the lazily loaded YAML editor arrives. Also
// checks the offsite guard of fixtures.ts itself (it sees requests to other hosts, from a page and from a
// worker, and every spec runs under it) and the app's second line of defence, its Content-Security-Policy.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, isLocal, test } from './fixtures';

test('the first page loads, shows the canvas, then the YAML editor', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'netpol-designer' })).toBeVisible();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('yaml-editor-policies').locator('.monaco-editor')).toBeVisible();
});

test('the offsite guard records requests to other hosts, from the page and from a worker', async ({
  page,
  context,
  offsite,
}) => {
  // `.invalid` never resolves, and the route aborts the requests anyway: nothing leaves the machine. The app's
  // own page forbids such requests by its Content-Security-Policy (next test), so this one is a bare local page.
  await context.route(
    (url) => !isLocal(url.href),
    (route) => route.abort(),
  );
  await context.route('**/__offsite-guard__', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>guard</title>' }),
  );
  await page.goto('/__offsite-guard__');
  await page.evaluate(async () => {
    await fetch('https://cdn.example.invalid/monaco.js').catch(() => undefined);
    const source = "fetch('https://worker.example.invalid/x').catch(() => 0).finally(() => postMessage(1));";
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
    await new Promise((resolve) => {
      worker.onmessage = resolve;
    });
  });
  await expect
    .poll(() => [...offsite].sort())
    .toEqual(['https://cdn.example.invalid/monaco.js', 'https://worker.example.invalid/x']);
  // These two were deliberate: forget them, so the guard's own check at the end of this test passes.
  offsite.length = 0;
});

test("the app's Content-Security-Policy refuses connections to other hosts", async ({ page, offsite }) => {
  await page.goto('/');
  await expect(page.getByTestId('canvas')).toBeVisible();
  const outcome = await page.evaluate(() =>
    fetch('https://cdn.example.invalid/x.js').then(
      () => 'fetched',
      () => 'refused',
    ),
  );
  expect(outcome).toBe('refused');
  expect(offsite).toEqual([]);
});

test('every spec takes `test` from fixtures.ts, so the offsite guard runs for every test', () => {
  const dir = join(process.cwd(), 'e2e');
  const specs = readdirSync(dir).filter((f) => f.endsWith('.spec.ts'));
  expect(specs.length).toBeGreaterThan(1);
  for (const file of specs) {
    const text = readFileSync(join(dir, file), 'utf8');
    // Type-only imports from Playwright are fine; a value import of `test` would bypass the guard.
    const fromPlaywright = [...text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'@playwright\/test'/g)];
    for (const m of fromPlaywright) {
      const names = m[1] ? [] : m[2]!.split(',').map((s) => s.trim());
      expect(names, `${file} imports test from @playwright/test`).not.toContain('test');
    }
    expect(text, `${file} does not import from ./fixtures`).toMatch(/from '\.\/fixtures'/);
  }
});
