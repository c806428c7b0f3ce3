// Edge labels read clearly at fit view: in every built-in example and every lesson's final state, also in the
// presenter view, no label covers another label, a workload or external node, or a namespace's header, and
// every label is drawn at a legible size (in the presenter view also the names of workloads and namespaces, at
// 1600×1000, 1400×860 and a projector's 1280×720); and no edge (rule, permitted flow, change, cluster-wide
// rule) passes through a workload or external node that is not one of its ends. Checked on the bounding boxes
// the browser reports and on points sampled along each drawn path; screenshots at 1600×1000 go to
// test-results[-<port>]/screenshots/labels-*.png.
import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

test.use({ viewport: { width: 1600, height: 1000 } });
test.beforeEach(() => test.setTimeout(300_000));

/**
 * Pairs that overlap, as readable strings, the smallest label height on screen, and the smallest line of a
 * workload's or namespace's name (with the element that has it).
 */
async function labelOverlaps(
  page: Page,
): Promise<{ labels: number; overlaps: string[]; minHeight: number; smallestName: [string, number] }> {
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
    const names = [...document.querySelectorAll('.wl-name, .ns-title')].filter(shown);
    const smallestName = names.reduce<[string, number]>(
      (m, n) => (box(n).height < m[1] ? [n.textContent ?? '', box(n).height] : m),
      ['', Number.POSITIVE_INFINITY],
    );
    return {
      labels: labels.length,
      overlaps,
      minHeight: labels.length ? Math.min(...labels.map((l) => box(l).height)) : Number.POSITIVE_INFINITY,
      smallestName,
    };
  });
}

/**
 * Edges whose drawn path runs through a node box other than its ends (or, for a namespace end, the workloads
 * inside it), as readable strings. Points every 3 px along each path, in screen coordinates; boxes shrunk by
 * 1 px so a path grazing a border does not count.
 */
async function edgeCrossings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [
      ...document.querySelectorAll('.react-flow__node-workload, .react-flow__node-external'),
    ].map((n) => ({ id: n.getAttribute('data-id') ?? '', box: n.getBoundingClientRect() }));
    // A namespace's collapse toggle too, unless the namespace is an end: loops over namespaces in a column ran
    // across their headers. (Its default-deny control is held to coveredControls: a single curve cannot always
    // keep off it, e.g. namespace isolation's dev/api → monitoring flow, but nothing drawn over it takes a click.)
    for (const n of document.querySelectorAll('.react-flow__node-namespace')) {
      for (const control of n.querySelectorAll('.ns-header .ns-toggle'))
        nodes.push({ id: n.getAttribute('data-id') ?? '', box: control.getBoundingClientRect() });
    }
    const ids = [...document.querySelectorAll('.react-flow__node')].map(
      (n) => n.getAttribute('data-id') ?? '',
    );
    const longest = (test: (id: string) => boolean) =>
      ids.filter(test).sort((a, b) => b.length - a.length)[0] ?? '';
    const out: string[] = [];
    for (const edge of document.querySelectorAll('.react-flow__edge')) {
      const edgeId = edge.getAttribute('data-id') ?? '';
      const target = longest((id) => edgeId.endsWith(`->${id}`));
      const head = edgeId.slice(0, edgeId.length - target.length - 2);
      const source = longest((id) => head.endsWith(id));
      const own = (id: string) =>
        id === source ||
        id === target ||
        [source, target].some((end) => end.startsWith('ns:') && id.startsWith(`${end.slice(3)}/`));
      const paths = edge.querySelectorAll(
        'path.rule-path, path.blocked-path, path.flow-path, path.change-path, path.admin-path, path.aggregate-path, path.observed-path',
      );
      for (const path of paths) {
        const p = path as SVGPathElement;
        const ctm = p.getScreenCTM();
        if (!ctm) continue;
        const length = p.getTotalLength();
        const hit = new Set<string>();
        for (let l = 0; l <= length; l += 3) {
          const q = new DOMPoint(p.getPointAtLength(l).x, p.getPointAtLength(l).y).matrixTransform(ctm);
          for (const n of nodes)
            if (
              !own(n.id) &&
              q.x > n.box.left + 1 &&
              q.x < n.box.right - 1 &&
              q.y > n.box.top + 1 &&
              q.y < n.box.bottom - 1
            )
              hit.add(n.id);
        }
        for (const id of hit) out.push(`${p.getAttribute('class')} ${edgeId} through ${id}`);
      }
    }
    return out;
  });
}

/** Nodes, labels and namespace headers under the canvas's own overlays (zoom controls, minimap, legend). */
async function underOverlays(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const overlays = [
      ...document.querySelectorAll('.react-flow__minimap, .react-flow__controls, .legend-strip'),
    ];
    // Namespaces whole: the minimap sat over their bottom-right corners.
    const items = [...document.querySelectorAll('.wl-node, .ext-node, .edge-label, .ns-header, .ns-node')];
    const out: string[] = [];
    for (const o of overlays) {
      const a = o.getBoundingClientRect();
      for (const item of items) {
        const b = item.getBoundingClientRect();
        // Touching (within 2 px) is not covering.
        if (a.left < b.right - 2 && b.left < a.right - 2 && a.top < b.bottom - 2 && b.top < a.bottom - 2)
          out.push(
            `${o.className} × ${item.getAttribute('data-testid') ?? item.getAttribute('aria-label') ?? item.className}`,
          );
      }
    }
    return out;
  });
}

/** Edge paths and labels drawn (partly) outside the canvas: a loop under the nodes went below the fit view. */
async function outsideCanvas(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const c = document.querySelector('.react-flow')!.getBoundingClientRect();
    const drawn = document.querySelectorAll(
      '.react-flow__edge path:not(.react-flow__edge-interaction), .edge-label, .admin-edge-label',
    );
    return [...drawn].flatMap((e) => {
      const b = e.getBoundingClientRect();
      const inside = b.left >= c.left && b.top >= c.top && b.right <= c.right && b.bottom <= c.bottom;
      return inside || (b.width === 0 && b.height === 0)
        ? []
        : [
            `${e.closest('[data-id]')?.getAttribute('data-id') ?? e.getAttribute('data-testid')} ${e.getAttribute('class')}`,
          ];
    });
  });
}

/**
 * Namespaces whose default-deny control is covered, anywhere across it, by something that would take the click:
 * a workload drawn over the header, an edge or its label.
 */
async function coveredControls(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.ns-node select')].flatMap((select) => {
      const b = select.getBoundingClientRect();
      const covers: string[] = [];
      for (const fx of [0.1, 0.3, 0.5, 0.7, 0.9])
        for (const fy of [0.25, 0.5, 0.75]) {
          const top = document.elementFromPoint(b.left + fx * b.width, b.top + fy * b.height);
          if (top && !select.contains(top))
            covers.push(
              top.closest('[data-id], [data-testid]')?.getAttribute('data-id') ??
                top.getAttribute('class') ??
                top.tagName,
            );
        }
      return covers.length === 0
        ? []
        : [`${select.getAttribute('aria-label')}: ${[...new Set(covers)].join(', ')}`];
    }),
  );
}

/** Points on permitted-flow arcs where the arc takes the pointer (a flow is not clickable; what is under it is). */
async function flowsTakingPointer(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    for (const path of document.querySelectorAll<SVGPathElement>('path.flow-path')) {
      const ctm = path.getScreenCTM();
      if (!ctm) continue;
      const length = path.getTotalLength();
      for (let l = 0; l <= length; l += 4) {
        const p = path.getPointAtLength(l);
        const q = new DOMPoint(p.x, p.y).matrixTransform(ctm);
        const top = document.elementFromPoint(q.x, q.y);
        if (top?.closest('.flow-path, .react-flow__edge-flow'))
          out.add(
            path.closest('[data-id]')?.getAttribute('data-id') ?? path.getAttribute('data-testid') ?? '',
          );
      }
    }
    return [...out];
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
  expect(await edgeCrossings(page), shot).toEqual([]);
  // Each namespace's default-deny control can be reached: no workload, edge or label is drawn over it, and
  // flow arcs never take the pointer from what they pass over.
  expect(await coveredControls(page), shot).toEqual([]);
  expect(await flowsTakingPointer(page), shot).toEqual([]);
  // Fit view shows every edge whole, loops over and under the nodes included.
  expect(await outsideCanvas(page), shot).toEqual([]);
  // Nothing is drawn under the zoom controls, the minimap or the legend at fit view.
  expect(await underOverlays(page), shot).toEqual([]);
  // 10 px type with its padding (13 px in the presenter view): at least 12 px on screen, or it cannot be read.
  expect(r.minHeight, shot).toBeGreaterThanOrEqual(12);
  // The presenter view is for a room: the names of workloads and namespaces too (16 px type on a 20 px line).
  if (shot.endsWith('-presenter'))
    expect(r.smallestName[1], `${shot}: ${r.smallestName[0]}`).toBeGreaterThanOrEqual(12);
  return r;
}

const EXAMPLES = ['Three-tier app', 'Namespace isolation', 'Database isolation'];

test('examples: no edge label covers another label or a node, and no edge crosses a node, at fit view (also presenting)', async ({
  page,
}) => {
  await page.goto('/');
  for (const title of EXAMPLES) {
    await page.getByRole('button', { name: 'Examples' }).click();
    await page.getByRole('menuitem', { name: new RegExp(`^${title}`) }).click();
    await expect(page.locator('.edge-label').first()).toBeVisible();
    const shot = title.toLowerCase().replace(/ /g, '-');
    const r = await expectClearLabels(page, shot);
    expect(r.labels, title).toBeGreaterThan(2);
    // The presenter view of every example too (larger type, so larger labels and nodes).
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(page.locator('.app.presenter')).toBeAttached();
    await expectClearLabels(page, `${shot}-presenter`);
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(page.locator('.app.presenter')).toHaveCount(0);
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

// A smaller screen, and a projector's: the presenter's fit view still keeps every label and name at 12 px.
for (const [width, height] of [
  [1400, 860],
  [1280, 720],
] as const) {
  test(`presenter view at ${width}×${height}: labels and names stay legible at fit view in every example and lesson`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await page.getByRole('button', { name: 'Presenter' }).click();
    await expect(page.locator('.app.presenter')).toBeAttached();
    for (const title of EXAMPLES) {
      await page.getByRole('button', { name: 'Examples' }).click();
      await page.getByRole('menuitem', { name: new RegExp(`^${title}`) }).click();
      await expect(page.locator('.edge-label').first()).toBeVisible();
      await expectClearLabels(page, `${title.toLowerCase().replace(/ /g, '-')}-${width}-presenter`);
    }
    await page.getByRole('tab', { name: 'Lessons' }).click();
    const picks = page.locator('.lesson-pick');
    await expect(picks).toHaveCount(7);
    for (let i = 0; i < 7; i++) {
      await picks.nth(i).click();
      const next = page.getByRole('button', { name: /^Next/ });
      while (await next.isEnabled()) await next.click();
      await expectClearLabels(page, `lesson-${i + 1}-${width}-presenter`);
      await page.getByRole('button', { name: 'All lessons' }).click();
    }
  });
}
