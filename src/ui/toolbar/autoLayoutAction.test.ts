// Auto placement and the canvas's busy state: busy from the moment a new, unplaced document is sent to the
// layout worker until its layout is applied and the view has fitted it; never busy for a placed document;
// a layout for a document that has since been replaced is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { emptyDoc } from '../../design/model';
import { applyOp } from '../../design/ops';
import type { DesignDoc, Layout } from '../../design/types';
import type { LayoutRequest, LayoutResponse } from '../worker/layout.worker';

// A stand-in for the layout worker: it keeps the requests, and the test answers them when it chooses.
const fake = vi.hoisted(() => {
  const state = {
    requests: [] as { seq: number; doc: unknown }[],
    worker: null as { onmessage: ((e: { data: unknown }) => void) | null } | null,
  };
  class FakeWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null;
    onerror: unknown = null;
    constructor() {
      state.worker = this;
    }
    postMessage(message: { seq: number; doc: unknown }) {
      state.requests.push(message);
    }
    terminate() {}
  }
  return { state, FakeWorker };
});
vi.mock('../worker/layout.worker?worker', () => ({ default: fake.FakeWorker }));

const { awaitsPlacement, startAutoPlacement } = await import('./autoLayoutAction');
const { useAppStore } = await import('../store');

function answer(request: LayoutRequest, layout: Layout): void {
  fake.state.worker?.onmessage?.({ data: { seq: request.seq, ok: true, layout } satisfies LayoutResponse });
}

function fail(request: LayoutRequest): void {
  fake.state.worker?.onmessage?.({
    data: { seq: request.seq, ok: false, error: 'elk failed' } satisfies LayoutResponse,
  });
}

/** A document with a namespace and one workload, with no positions at all (as an example or an import). */
function unplaced(namespace: string): DesignDoc {
  let doc = applyOp(emptyDoc(), 'addNamespace', { name: namespace, position: { x: 0, y: 0 } }).doc;
  doc = applyOp(doc, 'addWorkload', { namespace, name: 'web', position: { x: 20, y: 40 } }).doc;
  return { ...doc, layout: {} };
}

const flush = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const lastRequest = () => fake.state.requests.at(-1) as LayoutRequest;

describe('startAutoPlacement', () => {
  let busy: boolean[];
  let stop: (() => void) | null;
  beforeEach(() => {
    busy = [];
    stop = null;
    fake.state.requests.length = 0;
  });
  afterEach(() => stop?.());

  /** Puts `doc` in the store and starts the placement, recording its busy states in `busy`. */
  function begin(doc: DesignDoc, onPlaced = vi.fn(async () => {})) {
    useAppStore.setState({ doc });
    stop = startAutoPlacement(onPlaced, (b) => busy.push(b));
    return onPlaced;
  }

  it('never reports busy for a document that already has positions', () => {
    const placed = applyOp(emptyDoc(), 'addNamespace', { name: 'shop', position: { x: 0, y: 0 } }).doc;
    expect(awaitsPlacement(placed)).toBe(false);
    begin(placed);
    expect(busy).toEqual([false]);
    expect(fake.state.requests).toHaveLength(0);
  });

  it('is busy from the request until the fit after the layout has settled', async () => {
    const doc = unplaced('shop');
    expect(awaitsPlacement(doc)).toBe(true);
    let fitted: () => void = () => {};
    const onPlaced = begin(
      doc,
      vi.fn(() => new Promise<void>((resolve) => (fitted = resolve))),
    );
    expect(busy.at(-1)).toBe(true);
    expect(lastRequest().doc).toBe(doc);

    answer(lastRequest(), { 'ns:shop': { x: 100, y: 100 }, 'shop/web': { x: 24, y: 56 } });
    await flush();
    expect(useAppStore.getState().doc.layout['ns:shop']).toEqual({ x: 100, y: 100 });
    expect(onPlaced).toHaveBeenCalledTimes(1);
    expect(busy.at(-1)).toBe(true); // the view is still fitting
    fitted();
    await flush();
    expect(busy.at(-1)).toBe(false);
  });

  it('drops the layout of a replaced document and stays busy for the newer one', async () => {
    const onPlaced = begin(unplaced('one'));
    const firstRequest = lastRequest();
    const second = unplaced('two');
    useAppStore.setState({ doc: second });
    const secondRequest = lastRequest();
    expect(secondRequest.doc).toBe(second);

    answer(firstRequest, { 'ns:one': { x: 7, y: 7 } });
    await flush();
    expect(useAppStore.getState().doc).toBe(second);
    expect(onPlaced).not.toHaveBeenCalled();
    expect(busy.at(-1)).toBe(true);

    answer(secondRequest, { 'ns:two': { x: 9, y: 9 } });
    await flush();
    expect(useAppStore.getState().doc.layout['ns:two']).toEqual({ x: 9, y: 9 });
    expect(onPlaced).toHaveBeenCalledTimes(1);
    expect(busy.at(-1)).toBe(false);
  });

  it('keeps the grid and ends the busy state when elk fails', async () => {
    const doc = unplaced('shop');
    const onPlaced = begin(doc);
    fail(lastRequest());
    await flush();
    expect(useAppStore.getState().doc).toBe(doc);
    expect(onPlaced).not.toHaveBeenCalled();
    expect(busy.at(-1)).toBe(false);
  });

  it('does nothing more once stopped (the canvas unmounted)', async () => {
    const doc = unplaced('shop');
    useAppStore.setState({ doc });
    const onPlaced = vi.fn(async () => {});
    const onBusy = vi.fn();
    startAutoPlacement(onPlaced, onBusy)();
    const calls = onBusy.mock.calls.length;
    answer(lastRequest(), { 'ns:shop': { x: 1, y: 1 } });
    await flush();
    expect(useAppStore.getState().doc).toBe(doc);
    expect(onPlaced).not.toHaveBeenCalled();
    expect(onBusy).toHaveBeenCalledTimes(calls);
  });
});
