// The shape every operation shares (Excalidraw's actions): a name, a label and a pure `perform`.
import type { DesignDoc, OpArgs, Operation, OpName, OpResult } from '../types';

export function defineOp<K extends OpName>(
  name: K,
  label: string,
  perform: (doc: DesignDoc, args: OpArgs[K]) => OpResult,
): Operation<OpArgs[K]> {
  return { name, label, perform };
}
