// Layout operations (whole documents are opened by the operations of load.ts).
import { userRecord } from '../../engine/records';
import { fail, ok, resolveRef } from '../model';
import type { Layout } from '../types';
import { defineOp } from './define';
import { moveWorkload } from './workloads';

export const setNodePosition = defineOp('setNodePosition', 'Move node', (doc, { id, position }) => {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y))
    return fail(doc, 'A position needs finite x and y.');
  if (!resolveRef(doc, id)) return fail(doc, `There is no node ${id}.`);
  // `+ 0` turns -0 into 0, which JSON cannot tell apart anyway.
  const [x, y] = [position.x + 0, position.y + 0];
  const prev = doc.layout[id];
  if (prev && prev.x === x && prev.y === y) return { doc, notices: [] };
  return ok({ ...doc, layout: { ...doc.layout, [id]: { ...prev, x, y } } });
});

export const setLayout = defineOp('setLayout', 'Arrange nodes', (doc, { layout, replace }) => {
  const merged: Record<string, Layout[string]> = Object.assign(
    userRecord<Layout[string]>(),
    replace ? {} : doc.layout,
  );
  for (const [k, v] of Object.entries(layout)) {
    if (!Number.isFinite(v.x) || !Number.isFinite(v.y))
      return fail(doc, `The position of ${k} needs finite x and y.`);
    const clean = { ...v, x: v.x + 0, y: v.y + 0 };
    merged[k] = replace ? clean : { ...merged[k], ...clean };
  }
  return ok({ ...doc, layout: merged });
});

/**
 * A workload dragged onto a namespace and dropped at `position` (its top-left corner relative to the
 * namespace's, kept inside it): moved within its namespace, or into another one (`moveWorkload`).
 */
export const dropWorkload = defineOp('dropWorkload', 'Move workload', (doc, { id, namespace, position }) => {
  const w = doc.workloads.find((x) => x.id === id);
  if (!w) return fail(doc, `There is no workload ${id}.`);
  const inside = { x: Math.max(0, position.x), y: Math.max(0, position.y) };
  return w.namespace === namespace
    ? setNodePosition.perform(doc, { id, position: inside })
    : moveWorkload.perform(doc, { id, namespace, position: inside });
});
