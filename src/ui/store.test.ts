import { beforeEach, describe, expect, it } from 'vitest';
import { emptyDoc } from '../design/model';
import { shopDoc } from '../design/testing/build';
import { highlight } from './canvas/toFlow';
import { derivedGraphOf } from './canvas/useDerivedGraph';
import { COALESCE_MS, coalesces, historyTitle } from './history';
import { clearHistory, useAppStore } from './store';

const store = () => useAppStore.getState();
const history = () => useAppStore.temporal.getState();
const nextStep = () => history().futureStates.at(-1)?.docCause ?? null;

beforeEach(() => {
  store().dispatch('loadDocument', { doc: shopDoc() }, { record: false });
  clearHistory();
});

describe('the history names its steps after their operations', () => {
  it('undo names the operation that made the document, redo the one it would bring back', () => {
    store().dispatch('setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
    store().dispatch('connect', { from: 'shop/frontend', to: 'shop/backend' });
    expect(store().docCause?.label).toBe('Allow traffic');
    expect(historyTitle('Undo', store().docCause, 'Ctrl+Z')).toBe('Undo Allow traffic (Ctrl+Z)');
    store().undo();
    expect(store().docCause?.label).toBe('Default deny');
    expect(nextStep()?.label).toBe('Allow traffic');
    store().redo();
    expect(store().docCause?.label).toBe('Allow traffic');
    expect(nextStep()).toBeNull();
  });

  it('a failed operation adds no step and keeps the name of the last one', () => {
    store().dispatch('setPolicyEnabled', { key: 'shop/nope', enabled: false });
    expect(history().pastStates).toHaveLength(0);
    store().dispatch('addNamespace', { name: 'dev' });
    store().dispatch('addNamespace', { name: 'dev' });
    expect(history().pastStates).toHaveLength(1);
    expect(store().docCause?.label).toBe('Add namespace');
  });

  it('opening an example and starting afresh are steps named after what was opened', () => {
    store().dispatch('loadExample', { id: 'three-tier' });
    expect(store().docCause).toMatchObject({ label: 'Open Three-tier app', loads: true });
    store().undo();
    expect(store().doc.workloads.map((w) => w.id)).toEqual(shopDoc().workloads.map((w) => w.id));
  });

  it('a change that is not recorded joins the current step (layout placed after an opening)', () => {
    store().dispatch('loadExample', { id: 'blank' });
    store().dispatch('addNamespace', { name: 'dev' });
    store().dispatch('setLayout', { layout: { 'ns:dev': { x: 5, y: 5 } } }, { record: false });
    expect(store().docCause?.label).toBe('Add namespace');
    store().undo();
    expect(store().doc).toEqual(emptyDoc());
  });
});

describe('YAML typing coalesces into one step, without a global', () => {
  it('joins commits of one source a moment apart, and nothing across another change or an undo', () => {
    const first = store().doc;
    const yaml = (name: string) => {
      const doc = { ...store().doc, namespaces: [...store().doc.namespaces] };
      doc.namespaces.push({ name, labels: { 'kubernetes.io/metadata.name': name } });
      store().dispatch('editYaml', { view: 'inventory', doc }, { coalesce: 'yaml:inventory' });
    };
    yaml('a');
    yaml('b');
    expect(history().pastStates).toHaveLength(1);
    expect(store().docCause?.label).toBe('Edit inventory YAML');
    store().dispatch('addNamespace', { name: 'c' });
    yaml('d');
    expect(history().pastStates).toHaveLength(3);
    store().undo();
    yaml('e');
    expect(history().pastStates).toHaveLength(3);
    store().undo();
    store().undo();
    store().undo();
    expect(store().doc).toBe(first);
  });

  it('decides by source, document and time', () => {
    const doc = shopDoc();
    const last = { key: 'yaml:policies', doc, at: 1000 };
    expect(coalesces(last, 'yaml:policies', doc, 1000 + COALESCE_MS - 1)).toBe(true);
    expect(coalesces(last, 'yaml:policies', doc, 1000 + COALESCE_MS)).toBe(false);
    expect(coalesces(last, 'yaml:inventory', doc, 1001)).toBe(false);
    expect(coalesces(last, 'yaml:policies', shopDoc(), 1001)).toBe(false);
    expect(coalesces(null, 'yaml:policies', doc, 1001)).toBe(false);
  });
});

describe('how each document arrived, for the flow-change list', () => {
  const arrivalOf = () => {
    const s = store();
    s.setAnalysis(
      s.doc,
      { isolation: {}, flows: [], blocked: [], matrix: { endpoints: [], cells: [] }, flowsTruncated: false },
      'main',
    );
    return useAppStore.getState().analysisArrival;
  };

  it('counts openings: an edit keeps the count, an opening and its undo or redo each add one', () => {
    const start = arrivalOf()?.loads ?? 0;
    store().dispatch('addNamespace', { name: 'dev' });
    expect(arrivalOf()).toEqual({ label: 'Add namespace', loads: start });
    store().dispatch('loadExample', { id: 'three-tier' });
    expect(arrivalOf()).toEqual({ label: 'Open Three-tier app', loads: start + 1 });
    store().undo();
    expect(arrivalOf()).toEqual({ label: 'Undo Open Three-tier app', loads: start + 2 });
    store().redo();
    expect(arrivalOf()).toEqual({ label: 'Redo Open Three-tier app', loads: start + 3 });
    store().dispatch('setPolicyEnabled', { key: 'shop/backend-ingress', enabled: false });
    expect(arrivalOf()).toEqual({ label: 'Switch off shop/backend-ingress', loads: start + 3 });
    store().undo();
    expect(arrivalOf()).toEqual({ label: 'Undo Switch off shop/backend-ingress', loads: start + 3 });
  });
});

describe('a node an operation selects does not dim the others (issue 11, item 11)', () => {
  it('Add DNS preset selects CoreDNS for the inspector, but only a click on it dims what it does not reach', () => {
    store().dispatch('addDnsPreset', {});
    const selection = store().selection;
    expect(selection).toMatchObject({ type: 'node', ref: 'kube-system/coredns' });
    // Just added, CoreDNS reaches nothing: dimming would make every other node look disabled.
    expect(highlight(selection, null, derivedGraphOf(store().doc).edges).active).toBe(false);
    store().select({ type: 'node', ref: 'kube-system/coredns' });
    expect(highlight(store().selection, null, derivedGraphOf(store().doc).edges).active).toBe(true);
  });
});
