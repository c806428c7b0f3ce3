// Layout and whole-document operations.
import { canonical, fail, ok } from '../model';
import type { Layout } from '../types';
import { defineOp } from './define';

export const setNodePosition = defineOp('setNodePosition', 'Move node', (doc, { id, position }) => {
  if (!Number.isFinite(position.x) || !Number.isFinite(position.y))
    return fail(doc, 'A position needs finite x and y.');
  const prev = doc.layout[id];
  if (prev && prev.x === position.x && prev.y === position.y) return { doc, notices: [] };
  return ok({ ...doc, layout: { ...doc.layout, [id]: { ...prev, x: position.x, y: position.y } } });
});

export const setLayout = defineOp('setLayout', 'Arrange nodes', (doc, { layout, replace }) => {
  const merged: Record<string, Layout[string]> = replace ? {} : { ...doc.layout };
  for (const [k, v] of Object.entries(layout)) merged[k] = replace ? v : { ...merged[k], ...v };
  return ok({ ...doc, layout: merged });
});

export const loadDocument = defineOp('loadDocument', 'Open document', (doc, { doc: next }) => {
  if (next.version !== 1)
    return fail(doc, `This document has version ${String(next.version)}; this designer reads version 1.`);
  return { doc: canonical(next), notices: [] };
});
