// The YAML edit the UI benches measure, written once (bench:ui times it, profile-edit profiles it): a port in the
// Policies YAML model changed as a user's edit, then the wait until the simulator overlay shows it.
import type { Page } from '@playwright/test';

/** Edits the first `port: 8080` of the policies model and waits for the overlay to repaint. */
export async function measureEdit(
  page: Page,
  newPort = 8081,
  timeoutMs = 20_000,
): Promise<{ total: number; afterDebounce: number }> {
  await page.waitForFunction(
    () => {
      const m = (
        globalThis as {
          __monaco?: { editor: { getEditors(): { getModel(): { getValue(): string } | null }[] } };
        }
      ).__monaco;
      return Boolean(m?.editor.getEditors().some((e) => e.getModel()?.getValue().includes('port: 8080')));
    },
    null,
    { timeout: 60_000 },
  );
  return page.evaluate(
    async ({ port, timeoutMs }) => {
      type Ed = {
        getModel(): {
          getValue(): string;
          getPositionAt(o: number): { lineNumber: number; column: number };
          uri: { toString(): string };
        } | null;
        executeEdits(source: string, edits: { range: unknown; text: string }[]): boolean;
      };
      const m = (
        globalThis as unknown as {
          __monaco: {
            editor: { getEditors(): Ed[] };
            Range: new (a: number, b: number, c: number, d: number) => unknown;
          };
        }
      ).__monaco;
      const editor = m.editor.getEditors().find((e) => e.getModel()?.uri.toString().includes('policies'));
      const model = editor?.getModel();
      if (!editor || !model) throw new Error('no policies editor');
      const root = document.querySelector('[data-analysis-version]');
      const versionBefore = root?.getAttribute('data-analysis-version');
      const offset = model.getValue().indexOf('port: 8080') + 'port: '.length;
      const start = model.getPositionAt(offset);
      const done = new Promise<number>((resolve) => {
        const check = () => {
          const v = document.querySelector('[data-analysis-version]')?.getAttribute('data-analysis-version');
          const labelled = [...document.querySelectorAll('.react-flow__edge, .edge-label')].some((el) =>
            (el.textContent ?? '').includes(String(port)),
          );
          if (v !== versionBefore && labelled) {
            observer.disconnect();
            requestAnimationFrame(() => resolve(performance.now()));
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          characterData: true,
        });
      });
      performance.clearMarks('netpol:yaml-parse');
      const t0 = performance.now();
      editor.executeEdits('bench', [
        {
          range: new m.Range(start.lineNumber, start.column, start.lineNumber, start.column + 4),
          text: String(port),
        },
      ]);
      const t1 = await Promise.race([
        done,
        new Promise<number>((_, rej) => setTimeout(() => rej(new Error('overlay never updated')), timeoutMs)),
      ]);
      const parsed = performance.getEntriesByName('netpol:yaml-parse')[0]?.startTime ?? t0;
      return { total: t1 - t0, afterDebounce: t1 - parsed };
    },
    { port: newPort, timeoutMs },
  );
}
