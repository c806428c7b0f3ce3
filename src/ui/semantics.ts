// Whether two documents can differ in meaning. Moving nodes only changes `layout`, so a drag need not
// re-derive edges nor re-run the simulator. Operations may rebuild arrays and objects whose content did not
// change, so the meaningful parts are compared field by field and item by item: the same reference first, then
// the JSON of the items that differ, each serialised at most once.
import type { DesignDoc } from '../design/types';
import { sameByValue } from './jsonOf';

export function sameSemantics(a: DesignDoc, b: DesignDoc): boolean {
  return (
    a === b ||
    (sameByValue(a.namespaces, b.namespaces) &&
      sameByValue(a.workloads, b.workloads) &&
      sameByValue(a.externals, b.externals) &&
      sameByValue(a.policies, b.policies) &&
      sameByValue(a.adminPolicies, b.adminPolicies) &&
      // Workshop: the CNI and the what-if switches change what the simulator evaluates.
      sameByValue(a.settings ?? null, b.settings ?? null) &&
      sameByValue(a.whatIf ?? null, b.whatIf ?? null))
  );
}
