// What the browser benches do to a page, written once: wait for the preview server, record long tasks, and drop
// a file on the page as a user's drop would.
import type { Page } from '@playwright/test';

/** Waits until the server at `base` answers, trying every 300 ms, at most `tries` times. */
export async function waitForServer(base: string, tries = 100): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      await fetch(base);
      return;
    } catch {
      if (i >= tries) throw new Error(`vite preview did not start at ${base}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** From the page's first script on, its long tasks are kept in `window.__tasks` (start and duration, ms). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __tasks: { start: number; duration: number }[] };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/**
 * Hands `text` to the page ahead of a measurement, as the contents of a file: moving megabytes over the DevTools
 * protocol, and turning a JavaScript string into file data (a 10 MB string took a 45 ms task), is the harness's
 * work, not the app's: a user's drop hands the page a file the browser already holds. `dropStashedText` then
 * drops it.
 */
export async function stashText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => {
    (window as unknown as { __big: Blob }).__big = new Blob([t], { type: 'application/yaml' });
  }, text);
}

/** Drops the text given to `stashText` on the page as a file called `name`. */
export async function dropStashedText(page: Page, name: string): Promise<void> {
  await page.evaluate((fileName) => {
    const dt = new DataTransfer();
    // A File over the stashed Blob shares its data: nothing is copied here.
    dt.items.add(
      new File([(window as unknown as { __big: Blob }).__big], fileName, { type: 'application/yaml' }),
    );
    for (const type of ['dragenter', 'dragover', 'drop'])
      document.body.dispatchEvent(new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, name);
}
