// The flows gained and lost by the latest change (a what-if switch or any edit), listed pair by pair with the
// ports; the canvas draws the same pairs until the next change or "Dismiss".
import { changeCounts, flowEndName } from '../../design/flowDiff';
import { BrokenFlowsLine } from '../flows/BrokenFlowsBanner';
import { useWorkshopStore } from '../workshop/workshopStore';
import '../workshop/workshop.css';

/** Beyond this many pairs the list is cut (the canvas draws them all up to its overlay limit). */
const MAX_ROWS = 60;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function changesSummary(gained: number, lost: number): string {
  if (gained === 0 && lost === 0) return 'no flow changed';
  const parts: string[] = [];
  if (gained > 0) parts.push(`${plural(gained, 'flow')} gained`);
  if (lost > 0) parts.push(`${plural(lost, 'flow')} lost`);
  return parts.join(', ');
}

export function ChangesPanel() {
  const last = useWorkshopStore((s) => s.lastChange);
  if (!last) {
    return (
      <section className="changes" aria-label="Changes" data-testid="changes">
        <p className="hint">
          Switch a policy or edit the design: the flows gained and lost show here and on the canvas.
        </p>
      </section>
    );
  }
  const { gained, lost } = changeCounts(last.changes);
  return (
    <section className="changes" aria-label="Changes" data-testid="changes">
      <div className="changes-head">
        <span data-testid="changes-summary">
          <strong>{last.cause}</strong>: {changesSummary(gained, lost)}
          {last.truncated ? ' (among the flows listed)' : ''}
        </span>
        <button type="button" onClick={() => useWorkshopStore.getState().dismissChanges()}>
          Dismiss
        </button>
      </div>
      <BrokenFlowsLine testId="changes-broken-flows" />
      {last.changes.length > 0 && (
        <ul className="change-rows">
          {last.changes.slice(0, MAX_ROWS).map((c) => (
            <li
              key={`${c.source}->${c.target}`}
              className={`change-row ${c.kind}`}
              data-testid={`change-row-${c.source}->${c.target}`}
            >
              <span className="change-pair">
                {flowEndName(c.source)} → {flowEndName(c.target)}
              </span>
              {c.gained && <span className="change-gained">+ {c.gained}</span>}
              {c.lost && <span className="change-lost">− {c.lost}</span>}
            </li>
          ))}
          {last.changes.length > MAX_ROWS && (
            <li className="hint">and {last.changes.length - MAX_ROWS} more</li>
          )}
        </ul>
      )}
    </section>
  );
}
