// A real-size cluster (issue 14): above 500 workloads the canvas opens with every namespace collapsed into one
// box, the edges between boxes folded and counted; a click opens a namespace, its toggle folds it again.
import { expect, screenshot, test } from './fixtures';

/** `perNs` Deployments in each of `namespaces` namespaces; each admits the previous one, and the first of each
 * namespace admits the first of the previous namespace. */
function cluster(namespaces: number, perNs: number): string {
  const docs: string[] = [];
  for (let k = 0; k < namespaces; k++) {
    const ns = `team-${k}`;
    docs.push(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n  labels: {kubernetes.io/metadata.name: ${ns}}\n`,
    );
    for (let i = 0; i < perNs; i++) {
      docs.push(
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: app-${i}, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: app-${i}}}\n  template:\n    metadata: {labels: {app: app-${i}}}\n    spec: {containers: [{name: c, image: x, ports: [{containerPort: 8080}]}]}\n`,
      );
      const from =
        i > 0
          ? `[{podSelector: {matchLabels: {app: app-${i - 1}}}}]`
          : k > 0
            ? `[{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-${k - 1}}}, podSelector: {matchLabels: {app: app-0}}}]`
            : null;
      if (from)
        docs.push(
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: allow-${i}, namespace: ${ns}}\nspec:\n  podSelector: {matchLabels: {app: app-${i}}}\n  ingress: [{from: ${from}, ports: [{port: 8080}]}]\n`,
        );
    }
  }
  return docs.join('---\n');
}

test('a cluster of more than 500 workloads opens with its namespaces collapsed, and opens one on click', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByTestId('workload-shop/frontend')).toBeVisible();
  await page
    .getByTestId('import-file-input')
    .setInputFiles([
      { name: 'cluster.yaml', mimeType: 'application/yaml', buffer: Buffer.from(cluster(12, 45)) },
    ]);
  const report = page.getByRole('dialog', { name: 'Import report' });
  await expect(report).toContainText('540 workloads', { timeout: 60_000 });
  await report.getByRole('button', { name: 'Close' }).click();

  // Every namespace is one box with its counts; no workload is drawn.
  const team3 = page.getByTestId('namespace-summary-team-3');
  await expect(team3).toHaveText('45 workloads · 44 rules · 44 flows inside', { timeout: 60_000 });
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(0);
  // The edge between two boxes counts the rules and flows it stands for.
  await expect(page.getByTestId('aggregate-ns:team-2->ns:team-3')).toBeAttached();
  await page.locator('.react-flow__controls-fitview').click();
  await screenshot(page, 'scale-collapsed');

  // The matrix starts at namespace level: a cell counts the connected pairs, and opens them on click.
  await page.getByLabel('Filter sources').fill('team-2');
  await page.getByLabel('Filter destinations').fill('team-3');
  await expect(page.getByTestId('matrix-extent')).toHaveText(/1 source namespace × 1 destination namespace/);
  const pairs = page.getByTestId('matrix-cell-team-2->team-3');
  await expect(pairs).toHaveText('1 pair');
  await pairs.click();
  await expect(page.getByLabel('Filter sources')).toHaveValue('team-2/');
  await expect(page.getByLabel('Filter destinations')).toHaveValue('team-3/');
  await expect(page.getByTestId('matrix-cell-team-2/app-0->team-3/app-0')).toHaveText('TCP 8080');
  await screenshot(page, 'scale-matrix-drilled');
  // Back at namespace level, the filters cleared; inside one namespace (the diagonal) its own pairs.
  await page.getByRole('button', { name: 'By namespace' }).click();
  await page.getByLabel('Filter sources').fill('team-3');
  await page.getByLabel('Filter destinations').fill('team-3');
  await expect(page.getByTestId('matrix-cell-team-3->team-3')).toHaveText('44 pairs');

  const undo = page.getByRole('button', { name: /^Undo/ });
  const undoTitle = await undo.getAttribute('title');
  // A click opens team-3: its workloads are drawn, their edges one by one; the fold stays for the others.
  await page.getByTestId('namespace-team-3').click();
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(45);
  await expect(page.getByTestId('aggregate-ns:team-2->team-3/app-0')).toBeAttached();
  await expect(page.getByTestId('edge-team-3/app-0->team-3/app-1')).toBeAttached();
  await screenshot(page, 'scale-one-open');

  // Its toggle folds it again; collapsing is view state, not an undo step.
  // (By keyboard: at this zoom edges run over the namespace headers.)
  await page.getByRole('button', { name: 'Collapse namespace team-3' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('.react-flow__node-workload')).toHaveCount(0);
  await expect(undo).toHaveAttribute('title', undoTitle ?? '');

  // Observed flows with an end inside a collapsed namespace fold onto its box like the rule edges, one edge
  // per box pair and class, counted: team-3/app-0 admits team-2/app-0 only, and app-1 only from app-0.
  const capture = [
    'src,dst,protocol,port',
    'team-2/app-0,team-3/app-0,TCP,8080',
    'team-2/app-1,team-3/app-0,TCP,8080',
    'team-2/app-2,team-3/app-0,TCP,8080',
    'team-3/app-0,team-3/app-1,TCP,8080',
  ].join('\n');
  await page
    .getByTestId('import-file-input')
    .setInputFiles([{ name: 'flows.csv', mimeType: 'text/csv', buffer: Buffer.from(capture) }]);
  await expect(page.getByTestId('flows-count-denied')).toHaveText('2 observed and denied', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('observed-ns:team-2->ns:team-3:allowed-label')).toHaveText(
    '1 observed allowed',
  );
  await expect(page.getByTestId('observed-ns:team-2->ns:team-3:denied-label')).toHaveText(
    '2 observed denied',
  );
  await expect(page.getByTestId('observed-ns:team-3->ns:team-3:allowed')).toHaveAttribute(
    'data-class',
    'allowed',
  );
  await screenshot(page, 'scale-observed-folded');
});
