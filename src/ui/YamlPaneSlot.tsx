// The right-hand YAML pane, loaded lazily so Monaco (engineer B's `yaml/YamlPane.tsx`) stays out of the first
// JS chunk and the canvas paints before the editor arrives.
import { lazy, Suspense } from 'react';

const YamlPane = lazy(() => import('./yaml/YamlPane'));

export type YamlView = 'policies' | 'inventory';

export function YamlPaneSlot({ view }: { view: YamlView }) {
  return (
    <Suspense fallback={<p className="pane-placeholder">Loading the YAML editor…</p>}>
      <YamlPane view={view} />
    </Suspense>
  );
}
