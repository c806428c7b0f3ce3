// Layout operations (whole documents are opened by the operations of load.ts).
import { userRecord } from '../../engine/records';
import { fail, ok, resolveRef } from '../model';
import type { Layout } from '../types';
import { defineOp } from './define';

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
