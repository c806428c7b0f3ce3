// Auto layout off the main thread: elk needs seconds for a few hundred workloads, which would freeze the page.
import { autoLayout } from '../../design/layout';
import type { DesignDoc, Layout } from '../../design/types';

export type LayoutRequest = { readonly seq: number; readonly doc: DesignDoc };
export type LayoutResponse =
  | { readonly seq: number; readonly ok: true; readonly layout: Layout }
  | { readonly seq: number; readonly ok: false; readonly error: string };

const scope = self as unknown as {
  addEventListener(type: 'message', listener: (e: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutResponse): void;
};

// A listener, not `self.onmessage`: elk's bundle, seeing no `document`, takes `self.onmessage` for its own
// dispatcher when it first runs, which silently dropped every request after the first (Auto layout did
// nothing once the first document had been placed). elk's dispatcher ignores our messages (they have no `cmd`).
scope.addEventListener('message', async (e) => {
  const { seq, doc } = e.data;
  try {
    scope.postMessage({ seq, ok: true, layout: await autoLayout(doc) });
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
