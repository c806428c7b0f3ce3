// Whether two documents can differ in meaning. Moving nodes only changes `layout`, so a drag need not
// re-derive edges nor re-run the simulator. Operations canonicalise the whole document (new arrays even when
// nothing but the layout changed), so after the cheap reference check the meaningful parts are compared by
// their JSON, computed once per document.
import type { DesignDoc } from '../design/types';

const fingerprints = new WeakMap<DesignDoc, string>();

function fingerprint(doc: DesignDoc): string {
  let f = fingerprints.get(doc);
  if (f === undefined) {
    f = JSON.stringify([
      doc.namespaces,
      doc.workloads,
      doc.externals,
      doc.policies,
      doc.adminPolicies,
      // Workshop: the CNI and the what-if switches change what the simulator evaluates.
      doc.settings ?? null,
      doc.whatIf ?? null,
    ]);
    fingerprints.set(doc, f);
  }
  return f;
}

export function sameSemantics(a: DesignDoc, b: DesignDoc): boolean {
  if (
    a === b ||
    (a.namespaces === b.namespaces &&
      a.workloads === b.workloads &&
      a.externals === b.externals &&
      a.policies === b.policies &&
      a.adminPolicies === b.adminPolicies &&
      a.settings === b.settings &&
      a.whatIf === b.whatIf)
  )
    return true;
  return fingerprint(a) === fingerprint(b);
}
