// Banners over the canvas for what makes the simulation differ from the policies as written: a network plugin
// that does not enforce NetworkPolicy, policies switched off by the what-if, and the latest flow changes.

import { cniModel, cniWarning } from '../../design/cni';
import { changeCounts } from '../../design/flowDiff';
import { changesSummary } from '../panels/ChangesPanel';
import { useAppStore } from '../store';
import { useWorkshopStore } from './workshopStore';
import './workshop.css';

export function WorkshopBanner() {
  const cni = cniModel(useAppStore((s) => s.doc.settings?.cni));
  const off = useAppStore((s) => s.doc.whatIf?.disabledPolicies.length ?? 0);
  const last = useWorkshopStore((s) => s.lastChange);
  const warning = cniWarning(cni);
  const counts = last ? changeCounts(last.changes) : null;
  if (!warning && off === 0 && !last) return null;
  const store = useAppStore.getState();
  return (
    <div className="workshop-banners">
      {warning && (
        <div className="workshop-banner cni" role="status" data-testid="cni-banner">
          {warning} Choose an enforcing CNI in the toolbar to see the policies at work.
        </div>
      )}
      {off > 0 && (
        <div className="workshop-banner whatif" role="status" data-testid="whatif-banner">
          What-if: {off === 1 ? '1 policy is' : `${off} policies are`} switched off; the simulation ignores{' '}
          {off === 1 ? 'it' : 'them'} and the YAML keeps {off === 1 ? 'it' : 'them'}.{' '}
          <button type="button" onClick={() => store.setSideTab('workshop')}>
            Policies
          </button>{' '}
          <button type="button" onClick={() => store.dispatch('enableAllPolicies', {})}>
            Switch all on
          </button>
        </div>
      )}
      {last && counts && (
        <div className="workshop-banner changes-chip" role="status" data-testid="changes-chip">
          <span className="legend-gained">■</span> gained <span className="legend-lost">■</span> lost{' '}
          <span className="legend-changed">■</span> both · {last.cause}:{' '}
          {changesSummary(counts.gained, counts.lost)}{' '}
          <button type="button" onClick={() => store.setSideTab('workshop')}>
            Show
          </button>{' '}
          <button type="button" onClick={() => useWorkshopStore.getState().dismissChanges()}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
