// From the canvas to git and CI: the three-tier example exported as a .zip from the designer, unpacked into a
// folder, and checked by the real `netpol` CLI — `check` against expectations saved from the designer (and one
// flipped), `diff` against the example's source YAML (same connectivity) and against a changed tree. Then the
// round trip: re-importing the exported files and exporting again gives the same bytes; and an import holding
// what the designer cannot keep makes every export ask first.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, screenshot, test } from './fixtures';

const ROOT = process.cwd();
const EXAMPLE = join(ROOT, 'examples/three-tier.yaml');

/** Runs the CLI from the checkout, as CI would (`npm run netpol -- …` is the same entry point). */
function netpol(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

async function openExample(page: Page, title: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: title }).click();
}

async function download(page: Page, menuItem: string, confirm?: string): Promise<Buffer> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: menuItem }).click();
  if (confirm)
    await page.getByRole('dialog', { name: confirm }).getByRole('button', { name: /^Save/ }).click();
  const d = await waiting;
  const path = await d.path();
  return readFileSync(path);
}

function unzipText(bytes: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) out[path] = strFromU8(data);
  return out;
}

test('export the three-tier example as a .zip and run check and diff on it', async ({ page }) => {
  test.setTimeout(180_000);
  const tmp = mkdtempSync(join(tmpdir(), 'netpol-export-'));
  try {
    await page.goto('/');
    await openExample(page, /^Three-tier app/);
    await expect(page.getByTestId('workload-shop/database')).toBeVisible();

    const zip = await download(page, 'Export as .zip');
    const files = unzipText(zip);
    expect(Object.keys(files)).toContain('shop/backend-ingress.yaml');
    expect(files['kustomization.yaml']).toContain('- shop/backend-ingress.yaml');
    // Everything is exported: the inventory the policies were designed against comes with them.
    expect(files['kustomization.yaml']).toContain('- inventory.yaml');
    expect(files['inventory.yaml']).toContain('name: database');
    writeTree(join(tmp, 'policies'), files);

    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Save expectations…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save expectations' });
    await expect(dialog).toBeVisible();
    await screenshot(page, '40-save-expectations');
    const saving = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Save / }).click();
    const expectations = readFileSync(await (await saving).path(), 'utf8');
    expect(expectations).toContain('allowed: true');
    expect(expectations).toContain('allowed: false');
    writeFileSync(join(tmp, 'expectations.yaml'), expectations);

    const tree = [join(tmp, 'policies')];
    const pass = netpol('check', ...tree, '--expect', join(tmp, 'expectations.yaml'));
    expect(pass.stderr).not.toMatch(/error/i);
    expect(pass.status).toBe(0);

    // One expectation flipped: the frontend → backend flow is pinned as denied.
    const flipped = expectations.replace(
      /(from: shop\/frontend\[Deployment\]\n\s+to: shop\/backend\[Deployment\]\n(?:\s+\w+: .*\n)*?\s+allowed:) true/,
      '$1 false',
    );
    expect(flipped).not.toBe(expectations);
    writeFileSync(join(tmp, 'flipped.yaml'), flipped);
    const fail = netpol('check', ...tree, '--expect', join(tmp, 'flipped.yaml'));
    expect(fail.status).toBe(1);
    expect(fail.stdout).toContain('shop/frontend');
    expect(fail.stdout).toMatch(/allowed by/);

    // The unpacked tree has the connectivity of the example it came from.
    const same = netpol('diff', EXAMPLE, '--', ...tree, '--format', 'md');
    expect(same.status).toBe(0);

    // A tree without backend-ingress loses the frontend → backend flow, and the Markdown says so.
    const changed = { ...files };
    delete changed['shop/backend-ingress.yaml'];
    writeTree(join(tmp, 'changed'), changed);
    const diff = netpol('diff', ...tree, '--', join(tmp, 'changed'), '--format', 'md');
    expect(diff.status).toBe(1);
    expect(diff.stdout).toMatch(/shop\/frontend.*shop\/backend/);
    expect(diff.stdout).toMatch(/removed/i);

    // Chosen probes: the question asked in the Probe panel, kept, becomes a one-line expectations file.
    await page.getByRole('tab', { name: 'Probe' }).click();
    await page.getByLabel('Probe source').fill('shop/frontend');
    await page.getByLabel('Probe destination').fill('shop/database');
    await page.getByLabel('Probe port').fill('5432');
    await page.getByRole('button', { name: 'Probe', exact: true }).click();
    await expect(page.getByTestId('probe-result')).toContainText('denied');
    await page.getByRole('button', { name: 'Keep for expectations' }).click();
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Save expectations…' }).click();
    await dialog.getByRole('radio', { name: /chosen probes \(1\)/ }).check();
    await expect(dialog.getByRole('list', { name: 'Chosen probes' })).toContainText(
      'shop/frontend → shop/database TCP 5432',
    );
    const savingProbes = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /^Save / }).click();
    const probesFile = readFileSync(await (await savingProbes).path(), 'utf8');
    expect(probesFile.match(/- from:/g)).toHaveLength(1);
    expect(probesFile).toContain('to: shop/database[Deployment]');
    expect(probesFile).toContain('allowed: false');
    writeFileSync(join(tmp, 'probes.yaml'), probesFile);
    expect(netpol('check', ...tree, '--expect', join(tmp, 'probes.yaml')).status).toBe(0);

    // The same probe as a NetAssert v2 test, to try in a live cluster: blocked means exit code 1.
    await page.getByRole('button', { name: 'Export', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Save expectations…' }).click();
    await dialog.getByRole('radio', { name: /NetAssert v2 tests/ }).check();
    await dialog.getByRole('radio', { name: /chosen probes \(1\)/ }).check();
    const savingNetassert = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save netassert-tests.yaml' }).click();
    const netassert = await savingNetassert;
    expect(netassert.suggestedFilename()).toBe('netassert-tests.yaml');
    const netassertText = readFileSync(await netassert.path(), 'utf8');
    expect(netassertText).toContain('- name: shop-frontend-to-shop-database-tcp-5432');
    expect(netassertText).toMatch(/targetPort: 5432\n(.*\n)*?\s*exitCode: 1\n/);
    expect(netassertText).toContain('kind: deployment');

    // Round trip: a blank designer importing the exported files exports the same bytes.
    await openExample(page, /^Blank/);
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    await page.getByTestId('import-file-input').setInputFiles(
      Object.entries(files)
        .filter(([path]) => path !== 'kustomization.yaml')
        .map(([path, text]) => ({ name: path, mimeType: 'application/yaml', buffer: Buffer.from(text) })),
    );
    await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
    const again = await download(page, 'Export as .zip');
    expect(again.equals(zip)).toBe(true);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

const NESTED_UNKNOWN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
  annotations:
    owner: team-web
spec:
  podSelector:
    matchLabels:
      app: frontend
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: backend
          experimentalField: true
`;

test('an export that cannot keep everything asks first, and the user decides', async ({ page }) => {
  await page.goto('/');
  await openExample(page, /^Three-tier app/);
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste manifests' });
  await paste.getByRole('textbox', { name: 'Manifests YAML' }).fill(NESTED_UNKNOWN);
  await paste.getByRole('button', { name: 'Import pasted YAML' }).click();
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();

  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Export as .zip' }).click();
  const warn = page.getByRole('dialog', { name: 'Before exporting' });
  await expect(warn).toBeVisible();
  await expect(warn).toContainText('NetworkPolicy shop/web');
  await expect(warn).toContainText('spec.ingress[0].from[0].experimentalField');
  await screenshot(page, '41-export-warnings');

  // Cancel: nothing is downloaded.
  let downloads = 0;
  page.on('download', () => downloads++);
  await warn.getByRole('button', { name: 'Cancel' }).click();
  await expect(warn).toBeHidden();

  // Export anyway: the file keeps the annotation, and only the named field is gone.
  await page.getByRole('button', { name: 'Export design.yaml' }).click();
  await expect(warn).toBeVisible();
  const waiting = page.waitForEvent('download');
  await warn.getByRole('button', { name: 'Export anyway' }).click();
  const text = readFileSync(await (await waiting).path(), 'utf8');
  expect(downloads).toBe(1);
  expect(text).toContain('owner: team-web');
  expect(text).not.toContain('experimentalField');
});
