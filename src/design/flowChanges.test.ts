import { describe, expect, it } from 'vitest';
import { nextChanges, renamedWorkloads, sameConnectivity } from './flowChanges';
import { simulate } from './simulate';
import { must, shopDoc } from './testing/build';
import { OUTSIDE_REF } from './types';

const edit = (label: string | null) => ({ label, opened: false });
const denied = () => must(shopDoc(), 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });

describe('the flow-change list', () => {
  it('diffs consecutive simulations with the label of the operation that made the new document', () => {
    const before = simulate(denied());
    const after = simulate(
      must(denied(), 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false }),
    );
    const c = nextChanges(before, after, edit('Switch off shop/default-deny-ingress'), 1);
    expect(c?.cause).toBe('Switch off shop/default-deny-ingress');
    // Six pairs of workloads, and ingress from the addresses outside the canvas to each of the three.
    expect(c?.changes.length).toBe(9);
    expect(c?.changes.filter((x) => x.source === OUTSIDE_REF).length).toBe(3);
    expect(c?.changes.every((x) => x.kind === 'gained')).toBe(true);
    expect(nextChanges(after, before, edit(null), 2)?.cause).toBe('After an edit');
  });

  it('a renamed or moved workload keeps its flows: no change, unless its traffic changed', () => {
    const d = shopDoc();
    let renamed = must(d, 'renameWorkload', { id: 'shop/backend', name: 'api' });
    const map = renamedWorkloads(d, renamed);
    expect([...map]).toEqual([['shop/backend', 'shop/api']]);
    expect(nextChanges(simulate(d), simulate(renamed), edit(null), 1, map)?.changes).toEqual([]);
    // Without the mapping every flow of backend reads as lost and gained.
    expect(nextChanges(simulate(d), simulate(renamed), edit(null), 1)?.changes.length).toBeGreaterThan(0);
    // A namespace rename moves every workload of it.
    const ns = must(d, 'renameNamespace', { from: 'shop', to: 'store' });
    expect(renamedWorkloads(d, ns).size).toBe(3);
    expect(nextChanges(simulate(d), simulate(ns), edit(null), 1, renamedWorkloads(d, ns))?.changes).toEqual(
      [],
    );
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
    expect(nextChanges(simulate(denied()), simulate(other), edit(null), 1)).toBeNull();
  });

  it('starts afresh when a document was opened in between, however much the two documents share', () => {
    const before = simulate(shopDoc());
    const after = simulate(denied());
    expect(nextChanges(before, after, edit('Default deny'), 1)?.changes.length).toBeGreaterThan(0);
    expect(nextChanges(before, after, { label: 'Open Three-tier app', opened: true }, 1)).toBeNull();
  });

  it('an external node added alone changes no flow: it only splits the outside addresses among the nodes', () => {
    const d = denied();
    const added = must(d, 'addObservedExternals', { blocks: ['203.0.113.0/24', '2001:db8::/64'] });
    expect(sameConnectivity(d, added)).toBe(true);
    // Between canvas nodes the flows look different (the new nodes' pairs), yet nothing allowed changed.
    expect(diffLength(d, added)).toBeGreaterThan(0);
    expect(
      nextChanges(simulate(d), simulate(added), edit('Add 2 outside blocks'), 1, new Map(), true)?.changes,
    ).toEqual([]);
    // A rule towards the node is a change of traffic.
    const connected = must(added, 'connect', { from: 'shop/frontend', to: 'ext:203.0.113.0/24' });
    expect(sameConnectivity(added, connected)).toBe(false);
  });
});

function diffLength(a: ReturnType<typeof denied>, b: ReturnType<typeof denied>): number {
  return nextChanges(simulate(a), simulate(b), edit(null), 1)?.changes.length ?? 0;
}
