import { describe, expect, it } from 'vitest';
import { simulate } from '../../design/simulate';
import { must, shopDoc } from '../../design/testing/build';
import { OUTSIDE_REF } from '../../design/types';
import { MAX_OVERLAY_FLOWS } from '../canvas/toFlow';
import { changesSummary } from '../panels/ChangesPanel';
import { sameSemantics } from '../semantics';
import { changeEdges, changeTitle } from './changeEdges';
import { nextChanges, renamedWorkloads } from './workshopStore';

const denied = () => must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });

describe('workshop view state', () => {
  it('treats a what-if switch and a CNI choice as changes of meaning, so the simulator runs again', () => {
    const d = denied();
    expect(
      sameSemantics(d, must(d, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false })),
    ).toBe(false);
    expect(sameSemantics(d, must(d, 'setCni', { cni: 'flannel' }))).toBe(false);
  });

  it('diffs consecutive simulations with the cause the control noted', () => {
    const before = simulate(denied());
    const after = simulate(
      must(denied(), 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false }),
    );
    const c = nextChanges(before, after, 'Switched off shop/default-deny-ingress');
    expect(c?.cause).toBe('Switched off shop/default-deny-ingress');
    // Six pairs of workloads, and ingress from the addresses outside the canvas to each of the three.
    expect(c?.changes.length).toBe(9);
    expect(c?.changes.filter((x) => x.source === OUTSIDE_REF).length).toBe(3);
    expect(c?.changes.every((x) => x.kind === 'gained')).toBe(true);
    expect(nextChanges(after, before, null)?.cause).toBe('After an edit');
  });

  it('a renamed or moved workload keeps its flows: no change, unless its traffic changed', () => {
    const d = shopDoc();
    let renamed = must(d, 'renameWorkload', { id: 'shop/backend', name: 'api' });
    const map = renamedWorkloads(d, renamed);
    expect([...map]).toEqual([['shop/backend', 'shop/api']]);
    expect(nextChanges(simulate(d), simulate(renamed), null, map)?.changes).toEqual([]);
    // Without the mapping every flow of backend reads as lost and gained.
    expect(nextChanges(simulate(d), simulate(renamed), null)?.changes.length).toBeGreaterThan(0);
    // A namespace rename moves every workload of it.
    const ns = must(d, 'renameNamespace', { from: 'shop', to: 'store' });
    expect(renamedWorkloads(d, ns).size).toBe(3);
    expect(nextChanges(simulate(d), simulate(ns), null, renamedWorkloads(d, ns))?.changes).toEqual([]);
    // A rename with new labels is a different workload: its flows change.
    renamed = must(renamed, 'setWorkloadLabels', { id: 'shop/api', labels: { app: 'api' } });
    expect(renamedWorkloads(d, renamed).size).toBe(0);
  });

  it('does not guess between two workloads of the same shape', () => {
    let d = must(shopDoc(), 'addWorkload', { namespace: 'shop', name: 'a', labels: { x: '1' } });
    d = must(d, 'addWorkload', { namespace: 'shop', name: 'b', labels: { x: '1' } });
    let after = must(d, 'renameWorkload', { id: 'shop/a', name: 'c' });
    after = must(after, 'renameWorkload', { id: 'shop/b', name: 'd' });
    expect(renamedWorkloads(d, after).size).toBe(0);
  });

  it('starts afresh when the new document shares no workload with the previous one', () => {
    let other = must(shopDoc(), 'addNamespace', { name: 'dev' });
    other = must(other, 'addWorkload', { namespace: 'dev', name: 'api' });
    for (const id of ['shop/frontend', 'shop/backend', 'shop/database'])
      other = must(other, 'deleteWorkload', { id });
    expect(nextChanges(simulate(denied()), simulate(other), null)).toBeNull();
  });

  it('draws a change only between nodes on the canvas, titled with the ports', () => {
    const c = nextChanges(simulate(shopDoc()), simulate(denied()), null);
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
