// Built-in examples as documents: the design ships them as plain manifests, imported here through the same
// operation a user's import uses, so an example behaves exactly like a file the user opened.
import { examples } from '../design/examples';
import { emptyDoc } from '../design/model';
import { applyOp } from '../design/ops';
import type { DesignDoc } from '../design/types';

export { examples };

export function exampleDocument(id: string): DesignDoc {
  const ex = examples.find((e) => e.id === id);
  if (!ex || ex.yaml === '') return emptyDoc();
  return applyOp(emptyDoc(), 'importManifests', { files: [{ path: `${ex.id}.yaml`, text: ex.yaml }] }).doc;
}
