import { describe, expect, it } from 'vitest';
import { nextChanges } from '../../design/flowChanges';
import { simulate } from '../../design/simulate';
import { must, shopDoc } from '../../design/testing/build';
import { MAX_OVERLAY_FLOWS } from '../canvas/toFlow';
import { changesSummary } from '../panels/ChangesPanel';
import { sameSemantics } from '../semantics';
import { changeEdges, changeTitle } from './changeEdges';

const edit = (label: string | null) => ({ label, opened: false });
const denied = () => must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });

describe('workshop view state', () => {
  it('treats a what-if switch and a CNI choice as changes of meaning, so the simulator runs again', () => {
    const d = denied();
    expect(
      sameSemantics(d, must(d, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false })),
    ).toBe(false);
    expect(sameSemantics(d, must(d, 'setCni', { cni: 'flannel' }))).toBe(false);
  });

  it('draws a change only between nodes on the canvas, titled with the ports', () => {
    const c = nextChanges(simulate(shopDoc()), simulate(denied()), edit(null), 1);
    const edges = changeEdges(c?.changes ?? [], new Set(['shop/frontend', 'shop/backend']));
    expect(edges.map((e) => e.id).sort()).toEqual([
      'change:shop/backend->shop/frontend',
      'change:shop/frontend->shop/backend',
    ]);
    expect(changeTitle(edges[0].data!.change)).toBe('Lost All Connections');
  });

  it('draws a change too large to read only for the selected node, like the flow overlay', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `ns/w${i}`);
    const changes = ids.flatMap((source) =>
      ids
        .filter((target) => target !== source)
        .map((target) => ({
          source,
          target,
          kind: 'gained' as const,
          before: '',
          after: 'All Connections',
          gained: 'All Connections',
          lost: '',
        })),
    );
    expect(changes.length).toBeGreaterThan(MAX_OVERLAY_FLOWS);
    const nodes = new Set(ids);
    expect(changeEdges(changes, nodes)).toEqual([]);
    const mine = changeEdges(changes, nodes, 'ns/w3');
    expect(mine).toHaveLength(2 * 29);
    expect(mine.every((e) => e.source === 'ns/w3' || e.target === 'ns/w3')).toBe(true);
    // Up to the limit, every pair is drawn whatever is selected.
    const few = changes.slice(0, MAX_OVERLAY_FLOWS);
    expect(changeEdges(few, nodes, 'ns/w3')).toHaveLength(MAX_OVERLAY_FLOWS);
  });

  it('summarises counts in words', () => {
    expect(changesSummary(1, 3)).toBe('1 flow gained, 3 flows lost');
    expect(changesSummary(0, 0)).toBe('no flow changed');
  });
});
