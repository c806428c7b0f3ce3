// "Generate policies from flows" as a what-if, before it is applied: the policies it would write, the flows
// between canvas nodes it would gain and lose (the simulator's flows before and after, as the workshop's change
// list compares them), and the observed flows that would still be denied afterwards — which must be none, since
// generated policies allow every flow their workloads were seen in.
import { deriveEdges } from './edges';
import { diffFlows, type FlowChange } from './flowDiff';
import { policyKey } from './model';
import type { ObservedCapture } from './observed';
import { type ObservedFlowView, observedReport } from './observedReport';
import { applyOp } from './ops';
import { simulate } from './simulate';
import { ANY_REF, type DesignDoc, type OpArgs } from './types';

/** The preview itself: plain data, so the analysis worker computes it and sends it to the page. */
export interface GenerateWhatIfResult {
  /** `namespace/name` of the policies written (new or replacing an earlier generated one). */
  readonly policies: readonly string[];
  readonly changes: readonly FlowChange[];
  /** Observed flows the document with the generated policies denies. */
  readonly denied: readonly ObservedFlowView[];
  /** Set when the operation refuses these arguments. */
  readonly error?: string;
}

export interface GenerateWhatIf extends GenerateWhatIfResult {
  /** The document the preview was made for; a preview of an older document is stale. */
  readonly doc: DesignDoc;
  readonly args: OpArgs['generateFromFlows'];
}

export function generateWhatIf(
  doc: DesignDoc,
  capture: ObservedCapture,
  workloads: readonly string[],
  options: { readonly ipv4Prefix?: number; readonly ipv6Prefix?: number } = {},
): GenerateWhatIf {
  const args = { capture, workloads, ...options };
  return { doc, args, ...previewOf(doc, args) };
}

function previewOf(doc: DesignDoc, args: OpArgs['generateFromFlows']): GenerateWhatIfResult {
  const { capture } = args;
  const r = applyOp(doc, 'generateFromFlows', args);
  if (r.doc === doc) {
    const error = r.notices.find((n) => n.severity === 'error')?.message ?? 'Nothing to generate.';
    return { policies: [], changes: [], denied: [], error };
  }
  const before = new Map(doc.policies.map((p) => [policyKey(p), p]));
  const policies = r.doc.policies.filter((p) => before.get(policyKey(p)) !== p).map(policyKey);
  // The generated ipBlocks become external nodes; the document before gets them too (as nodes only), so a
  // pair is compared between the same nodes and a new node does not read as traffic gained.
  const known = new Set(doc.externals.map((x) => x.id));
  const added = deriveEdges(r.doc)
    .externals.filter((x) => !known.has(x.id) && x.id !== ANY_REF)
    .map(({ derived: _d, ...x }) => x);
  const drawnBefore = added.length > 0 ? { ...doc, externals: [...doc.externals, ...added] } : doc;
  const changes = diffFlows(simulate(drawnBefore).flows, simulate(r.doc).flows);
  const denied = observedReport(r.doc, capture).flows.filter((f) => f.class === 'denied');
  return { policies, changes, denied };
}
