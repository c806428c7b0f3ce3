// Deleting what the user points at (the Delete key, the context menu): one operation that picks the deleting
// operation of the target's kind, so every caller deletes the same way.
import { deriveEdges } from '../edges';
import { fail, isNamespaceRef, resolveRef } from '../model';
import type { DesignTarget } from '../types';
import { disconnect } from './connections';
import { defineOp } from './define';
import { deleteExternal } from './externals';
import { deleteNamespace } from './namespaces';
import { deleteWorkload } from './workloads';

const kindLabel = (selection: DesignTarget): string => {
  if (selection.type === 'edge') return 'Remove edge';
  if (isNamespaceRef(selection.ref)) return 'Delete namespace';
  if (selection.ref.startsWith('ext:') || selection.ref === 'any') return 'Delete external node';
  return 'Delete workload';
};

export const deleteSelection = defineOp(
  'deleteSelection',
  'Delete',
  (doc, { selection }) => {
    if (selection.type === 'edge') {
      const edge = deriveEdges(doc).edges.find((e) => e.id === selection.id);
      if (!edge) return fail(doc, `There is no edge ${selection.id}.`);
      return disconnect.perform(doc, { edge });
    }
    const ref = resolveRef(doc, selection.ref);
    switch (ref?.type) {
      case 'namespace':
        return deleteNamespace.perform(doc, { name: ref.name });
      case 'workload':
        return deleteWorkload.perform(doc, { id: ref.workload.id });
      case 'external':
      case 'any':
        return deleteExternal.perform(doc, { id: selection.ref });
      default:
        return fail(doc, `There is no node ${selection.ref}.`);
    }
  },
  { describe: ({ selection }) => kindLabel(selection) },
);
