// The cluster-scoped layer: the "Cluster policies" tab lists AdminNetworkPolicies (priority, subject, rules with
// their actions) and the BaselineAdminNetworkPolicy; one button makes the cluster-wide default deny (a BANP)
// and takes it away again; admin rules show on the canvas in their own edge style; probe explanations name the
// tier that decided; and the YAML view and the export write whichever API form the user picks.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { expect, screenshot, test, waitForModelText } from './fixtures';

const ANPS = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: allow-dns
spec:
  priority: 10
  subject:
    pods:
      namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: kube-system
      podSelector:
        matchLabels:
          k8s-app: kube-dns
  ingress:
    - name: dns-from-everyone
      action: Allow
      from:
        - namespaces: {}
      ports:
        - portNumber:
            protocol: UDP
            port: 53
        - portNumber:
            protocol: TCP
            port: 53
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: deny-x
spec:
  priority: 20
  subject:
    pods:
      namespaceSelector: {}
      podSelector:
        matchLabels:
          app: backend
  ingress:
    - name: no-frontend
      action: Deny
      from:
        - pods:
            namespaceSelector: {}
            podSelector:
              matchLabels:
                app: frontend
`;

async function probe(page: Page, from: string, to: string, port: string, protocol: string) {
  await page.getByRole('tab', { name: 'Probe' }).click();
  await page.getByLabel('Probe source').fill(from);
  await page.getByLabel('Probe destination').fill(to);
  await page.getByLabel('Probe port').fill(port);
  await page.getByLabel('Probe protocol').selectOption(protocol);
  await page.getByRole('button', { name: 'Probe', exact: true }).click();
  return page.getByTestId('probe-result');
}

async function zipFiles(page: Page): Promise<Record<string, string>> {
  const waiting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Export as .zip' }).click();
  const bytes = readFileSync(await (await waiting).path());
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(unzipSync(new Uint8Array(bytes)))) out[path] = strFromU8(data);
  return out;
}

function writeTree(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

test('cluster policies: default deny as a BANP, admin rules on the canvas, tiers in explanations', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('menuitem', { name: /^Three-tier app/ }).click();
  await expect(page.getByTestId('workload-shop/database')).toBeVisible();

  await page.getByRole('tab', { name: 'Cluster policies' }).click();
  const panel = page.getByRole('region', { name: 'Cluster policies' });
  const toggle = panel.getByRole('button', { name: 'Cluster-wide default deny (BANP)' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(panel).toContainText('None: pods no NetworkPolicy isolates are open.');

  // coredns is isolated by no NetworkPolicy: open, until the baseline denies.
  let result = await probe(page, 'shop/frontend', 'kube-system/coredns', '53', 'UDP');
  await expect(result.locator('.verdict').first()).toContainText('allowed');
  await expect(result.getByTestId('verdict-plain')).toHaveText(
    'UDP 53 from shop/frontend to kube-system/coredns is allowed: egress rule 1 of allow-dns-egress lets it ' +
      'out, and kube-system/coredns is not isolated for ingress.',
  );

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByTestId('admin-policy-default')).toContainText('subject: all namespaces');
  await expect(panel.getByTestId('admin-policy-default')).toContainText('Deny');
  await expect(page.getByTestId('admin-edge-Baseline:default:ns:shop->ns:kube-system')).toBeAttached();
  await expect(page.getByTestId('admin-edge-label-Baseline:default:ns:shop->ns:shop')).toHaveText(
    'BANP default: Deny',
  );
  await expect(result.locator('.verdict').first()).toContainText('denied');
  await expect(result.getByTestId('verdict-plain')).toContainText(
    /is denied: kube-system\/coredns is not isolated for ingress, and ingress rule 1 ("[^"]*" )?of BaselineAdminNetworkPolicy default keeps it out\./,
  );
  await screenshot(page, '49-cluster-default-deny');

  // Admin policies decide before NetworkPolicies and the baseline.
  await page.getByRole('button', { name: 'Paste YAML' }).click();
  const paste = page.getByRole('dialog', { name: 'Paste manifests' });
  await paste.getByRole('textbox', { name: 'Manifests YAML' }).fill(ANPS);
  await paste.getByRole('button', { name: 'Import pasted YAML' }).click();
  await page.getByRole('dialog', { name: 'Import report' }).getByRole('button', { name: 'Close' }).click();
  await expect(panel.getByTestId('admin-policy-allow-dns')).toContainText('priority 10');
  await expect(panel.getByTestId('admin-policy-allow-dns')).toContainText(
    'pods k8s-app=kube-dns in namespaces kubernetes.io/metadata.name=kube-system',
  );
  await expect(panel.getByTestId('admin-policy-deny-x')).toContainText('priority 20');
  await expect(panel.getByTestId('admin-policy-deny-x')).toContainText('Deny ingress no-frontend from');

  await expect(result.locator('.verdict').first()).toContainText('allowed');
  await expect(result.getByTestId('verdict-plain')).toContainText(
    /ingress rule \d+ ("[^"]*" )?of AdminNetworkPolicy allow-dns \(priority 10\) lets it in, before any NetworkPolicy/,
  );
  result = await probe(page, 'shop/frontend', 'shop/backend', '8080', 'TCP');
  await expect(result.locator('.verdict').first()).toContainText('denied');
  await expect(result.getByTestId('verdict-plain')).toContainText(
    /ingress rule 1 "no-frontend" of AdminNetworkPolicy deny-x \(priority 20\) keeps it out, before any NetworkPolicy/,
  );
  await expect(page.getByTestId('admin-edge-label-Admin:deny-x:shop/frontend->shop/backend')).toHaveText(
    'ANP deny-x (20): Deny',
  );
  await page.getByRole('tab', { name: 'Matrix' }).click();
  await expect(page.getByTestId('matrix-cell-shop/frontend->shop/backend')).toHaveText('—');
  await page.getByTestId('matrix-cell-shop/frontend->shop/backend').click();
  const cellWords = page.getByTestId('matrix-explanation').getByTestId('verdict-plain').first();
  await expect(cellWords).toContainText(
    /ingress rule 1 "no-frontend" of AdminNetworkPolicy deny-x \(priority 20\) keeps it out, before any NetworkPolicy/,
  );
  await expect(cellWords).not.toContainText('`');
  await screenshot(page, '50-cluster-panel');

  // The API form: v1alpha2 ClusterNetworkPolicy in the YAML view and the export, same connectivity.
  const v1 = await zipFiles(page);
  expect(v1['_cluster/banp-default.yaml']).toContain('kind: BaselineAdminNetworkPolicy');
  await panel.getByLabel('Admin policy API version').selectOption('v1alpha2');
  await page.getByRole('tab', { name: 'Policies YAML' }).click();
  await waitForModelText(
    page,
    (t) => t.includes('kind: ClusterNetworkPolicy') && t.includes('tier: Baseline'),
  );
  // The schema knows v1alpha2 (tier, priority, subject, protocols): the view's text, with one unknown field
  // added at its end, gets exactly one schema warning, on that field (a probe model, so the design is untouched).
  const schemaCheck = await page.evaluate(async () => {
    type Marker = { message: string; startLineNumber: number };
    const m = (
      globalThis as {
        __monaco?: {
          Uri: { parse(s: string): unknown };
          editor: {
            getModel(u: unknown): { getValue(): string } | null;
            createModel(text: string, language: string, u: unknown): { dispose(): void };
            getModelMarkers(f: { resource: unknown }): Marker[];
          };
        };
      }
    ).__monaco;
    if (!m) return null;
    const text = `${m.editor.getModel(m.Uri.parse('inmemory://netpol/policies.yaml'))?.getValue()}`;
    const lines = `${text.trimEnd()}\n  colour: blue\n`;
    const uri = m.Uri.parse('inmemory://probe/policies.yaml');
    const model = m.editor.createModel(lines, 'yaml', uri);
    for (let i = 0; i < 300; i++) {
      const markers = m.editor.getModelMarkers({ resource: uri });
      if (markers.length > 0) {
        model.dispose();
        return { markers, line: lines.trimEnd().split('\n').length };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    model.dispose();
    return { markers: [], line: 0 };
  });
  expect(schemaCheck?.markers.map((x) => x.startLineNumber)).toEqual([schemaCheck?.line]);
  const v2 = await zipFiles(page);
  expect(v2['_cluster/banp-default.yaml']).toContain('kind: ClusterNetworkPolicy');
  expect(v2['_cluster/anp-deny-x.yaml']).toContain('apiVersion: policy.networking.k8s.io/v1alpha2');
  const tmp = mkdtempSync(join(tmpdir(), 'netpol-cluster-'));
  try {
    writeTree(join(tmp, 'v1'), v1);
    writeTree(join(tmp, 'v2'), v2);
    // The example's namespaces and workloads (its NetworkPolicies are in both exports already).
    const app = join(tmp, 'app.yaml');
    const example = readFileSync(join(process.cwd(), 'examples/three-tier.yaml'), 'utf8');
    writeFileSync(
      app,
      example
        .split(/^---$/m)
        .filter((d) => !/^kind: NetworkPolicy$/m.test(d))
        .join('---'),
    );
    const r = spawnSync(
      join(process.cwd(), 'node_modules/.bin/tsx'),
      ['src/cli/main.ts', 'diff', app, join(tmp, 'v1'), '--', app, join(tmp, 'v2')],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  // The form is part of the saved document: a reload keeps it.
  await page.reload();
  await page.getByRole('tab', { name: 'Cluster policies' }).click();
  await expect(panel.getByLabel('Admin policy API version')).toHaveValue('v1alpha2');

  // Off again: only the toggle's rules go; with nothing else in it, the BANP goes too.
  await panel.getByRole('button', { name: 'Cluster-wide default deny (BANP)' }).click();
  await expect(panel.getByTestId('admin-policy-default')).toHaveCount(0);
  await expect(page.getByTestId('admin-edge-Baseline:default:ns:shop->ns:kube-system')).toHaveCount(0);
  await expect(panel.getByTestId('admin-policy-deny-x')).toBeVisible();
});
