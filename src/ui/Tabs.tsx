// Accessible tabs (role=tablist/tab/tabpanel). Panels stay mounted once shown, so a heavy panel (the Monaco
// editor) is created once and keeps its state and undo stack when the user switches away and back.
import { type ReactNode, Suspense, useState } from 'react';
import { ViewBoundary } from './ViewBoundary';

export interface TabSpec<K extends string> {
  readonly key: K;
  readonly label: string;
  readonly badge?: number;
  /** The badge's colour: red only when something is an error. */
  readonly badgeTone?: 'error' | 'warning' | 'info';
  readonly fill?: boolean;
  readonly render: () => ReactNode;
}

export function Tabs<K extends string>({
  id,
  tabs,
  active,
  onSelect,
  label,
}: {
  id: string;
  tabs: readonly TabSpec<K>[];
  active: K;
  onSelect(key: K): void;
  label: string;
}) {
  const [visited, setVisited] = useState<ReadonlySet<K>>(() => new Set([active]));
  if (!visited.has(active)) setVisited(new Set([...visited, active]));
  const move = (delta: number) => {
    const i = tabs.findIndex((t) => t.key === active);
    const next = tabs[(i + delta + tabs.length) % tabs.length];
    onSelect(next.key);
    document.getElementById(`${id}-tab-${next.key}`)?.focus();
  };
  return (
    <>
      <div className="tablist" role="tablist" aria-label={label}>
        {tabs.map((t) => (
          <button
            key={t.key}
            id={`${id}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === active}
            aria-controls={`${id}-panel-${t.key}`}
            tabIndex={t.key === active ? 0 : -1}
            onClick={() => onSelect(t.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(1);
              if (e.key === 'ArrowLeft') move(-1);
            }}
          >
            {t.label}
            {t.badge ? <span className={`count ${t.badgeTone ?? 'error'}`}>{t.badge}</span> : null}
          </button>
        ))}
      </div>
      {tabs.map((t) =>
        visited.has(t.key) || t.key === active ? (
          <div
            key={t.key}
            id={`${id}-panel-${t.key}`}
            role="tabpanel"
            aria-labelledby={`${id}-tab-${t.key}`}
            hidden={t.key !== active}
            className={t.fill ? 'tabpanel-fill' : undefined}
          >
            <ViewBoundary name={`${t.label} tab`}>
              <Suspense fallback={<p className="pane-placeholder">Loading…</p>}>{t.render()}</Suspense>
            </ViewBoundary>
          </div>
        ) : null,
      )}
    </>
  );
}
