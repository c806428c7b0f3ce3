// The shape every operation shares (Excalidraw's actions): a name, a label and a pure `perform`; optionally a
// label that names its arguments (`describe`) and whether it replaces the document wholesale (`loads`).
import type { DesignDoc, OpArgs, Operation, OpName, OpResult } from '../types';

export interface OpOptions<A> {
  readonly describe?: (args: A) => string;
  readonly loads?: boolean;
}

export function defineOp<K extends OpName>(
  name: K,
  label: string,
  perform: (doc: DesignDoc, args: OpArgs[K]) => OpResult,
  options: OpOptions<OpArgs[K]> = {},
): Operation<OpArgs[K]> {
  return { name, label, loads: options.loads ?? false, describe: options.describe ?? (() => label), perform };
}
