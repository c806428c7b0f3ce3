// The progress of a manifest import: a bar with the share of the files parsed (role progressbar, so a screen
// reader hears it), what is being read, and a Cancel button; shown while the worker parses.
import type { ImportProgressView } from './importProgress';

export function ImportProgressBar({
  view,
  what,
  onCancel,
}: {
  readonly view: ImportProgressView;
  readonly what: string;
  readonly onCancel: () => void;
}) {
  return (
    <div className="import-progress" data-testid="import-progress">
      <div
        className="import-progress-track"
        role="progressbar"
        aria-label={`Importing ${what}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={view.percent}
        aria-valuetext={view.text}
      >
        <div className="import-progress-fill" style={{ width: `${view.percent}%` }} />
      </div>
      <span className="import-progress-text" aria-live="polite">
        {view.text}
      </span>
      <button type="button" onClick={onCancel}>
        Cancel import
      </button>
    </div>
  );
}
