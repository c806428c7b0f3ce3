// Whether two documents can differ in meaning. Moving nodes only changes `layout`, so a drag need not
// re-derive edges nor re-run the simulator. Operations may rebuild arrays and objects whose content did not
// change, so the meaningful parts are compared field by field and item by item: the same reference first, then
// the JSON of the items that differ, each serialised at most once.
import type { DesignDoc } from '../design/types';
import { jsonOf } from './jsonOf';

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => x === b[i] || jsonOf(x) === jsonOf(b[i]));
  return jsonOf(a) === jsonOf(b);
}

export function sameSemantics(a: DesignDoc, b: DesignDoc): boolean {
  return (
    a === b ||
    (sameValue(a.namespaces, b.namespaces) &&
      sameValue(a.workloads, b.workloads) &&
      sameValue(a.externals, b.externals) &&
      sameValue(a.policies, b.policies) &&
      sameValue(a.adminPolicies, b.adminPolicies) &&
      // Workshop: the CNI and the what-if switches change what the simulator evaluates.
      sameValue(a.settings ?? null, b.settings ?? null) &&
      sameValue(a.whatIf ?? null, b.whatIf ?? null))
  );
}
