// The toolbar's choice of network plugin: whether NetworkPolicy is enforced at all, and how ipBlocks read.
import { CNIS, cniModel, ipBlockReading } from '../../design/cni';
import type { CniId } from '../../design/types';
import { useAppStore } from '../store';
import './workshop.css';

export function CniSelect() {
  const cni = useAppStore((s) => s.doc.settings?.cni ?? 'unspecified');
  const model = cniModel(cni);
  return (
    <label className="cni-select" title={model.enforces ? ipBlockReading(model) : undefined}>
      <span>CNI</span>
      <select
        aria-label="CNI"
        value={cni}
        onChange={(e) => useAppStore.getState().dispatch('setCni', { cni: e.target.value as CniId })}
      >
        {CNIS.map((c) => (
          <option key={c.id} value={c.id}>
            {c.id === 'unspecified' ? 'Unspecified' : c.name}
          </option>
        ))}
      </select>
    </label>
  );
}
