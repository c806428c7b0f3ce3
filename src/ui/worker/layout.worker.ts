// Auto layout off the main thread: elk needs seconds for a few hundred workloads, which would freeze the page.
import { autoLayout } from '../../design/layout';
import type { DesignDoc, Layout } from '../../design/types';

export type LayoutRequest = { readonly seq: number; readonly doc: DesignDoc };
export type LayoutResponse =
  | { readonly seq: number; readonly ok: true; readonly layout: Layout }
  | { readonly seq: number; readonly ok: false; readonly error: string };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

scope.onmessage = async (e) => {
  const { seq, doc } = e.data;
  try {
    scope.postMessage({ seq, ok: true, layout: await autoLayout(doc) });
  } catch (err) {
    scope.postMessage({ seq, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
};
