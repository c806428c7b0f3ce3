// Operations from observed traffic: adding the workloads a capture showed that the inventory lacks, adding the
// outside addresses it showed as external nodes (aggregated to blocks the user chose), and generating least-privilege policies for chosen workloads from the flows they were seen to send and
// receive. Both are one undoable step each; the generated policies are the engine's (as `netpol generate
// --from-flows` writes them), read against the document as it is now.
import { generatePolicies } from '../../engine/flows';
import { nextNamespacePosition, nextWorkloadPosition } from '../geometry';
import { fail, makeExternal, ok, policyKey, toCluster } from '../model';
import { resolveObserved } from '../observed';
import type { DesignDoc, DesignPolicy, Notice } from '../types';
import { defineOp } from './define';
import { addExternal } from './externals';
import { replacePolicies } from './policies';
import { addWorkload } from './workloads';

export const addObservedWorkloads = defineOp(
  'addObservedWorkloads',
  'Add workloads seen in flows',
  (doc, { workloads, namespacePositions }) => {
    if (workloads.length === 0) return fail(doc, 'No workload to add.');
    let next = doc;
    const notices: Notice[] = [];
    for (const w of workloads) {
      // Placed as the Add forms place them: a new namespace where the caller saw room (in view), else right of
      // the others; the workload in a free slot.
      const r = addWorkload.perform(next, {
        namespace: w.namespace,
        name: w.name,
        kind: w.kind,
        labels: w.labels,
        position: nextWorkloadPosition(next, w.namespace),
        namespacePosition: namespacePositions?.[w.namespace] ?? nextNamespacePosition(next),
      });
      if (r.doc === next) return { doc, notices: r.notices };
      notices.push(...r.notices.filter((n) => n.severity !== 'info'));
      next = r.doc;
    }
    return ok(
      next,
      notices,
      workloads.length === 1 ? `${workloads[0].namespace}/${workloads[0].name}` : undefined,
    );
  },
  {
    describe: ({ workloads }) =>
      workloads.length === 1
        ? `Add ${workloads[0].namespace}/${workloads[0].name} seen in flows`
        : `Add ${workloads.length} workloads seen in flows`,
  },
);

export const addObservedExternals = defineOp(
  'addObservedExternals',
  'Add outside addresses seen in flows',
  (doc, { blocks, positions }) => {
    let next = doc;
    let added = 0;
    let last: string | undefined;
    for (const cidr of new Set(blocks)) {
      const ext = makeExternal(cidr.trim());
      if (next.externals.some((e) => e.id === ext.id)) continue;
      const r = addExternal.perform(next, { cidr, position: positions?.[cidr] });
      if (r.doc === next) return { doc, notices: r.notices };
      next = r.doc;
      last = ext.id;
      added++;
    }
    if (added === 0) return fail(doc, 'Every block is on the canvas already.');
    return ok(next, [], added === 1 ? last : undefined);
  },
  {
    describe: ({ blocks }) =>
      blocks.length === 1
        ? `Add ${blocks[0]} seen in flows`
        : `Add ${blocks.length} outside blocks seen in flows`,
  },
);

/**
 * The policies `generateFromFlows` writes for these arguments, or why it writes none. (The what-if,
 * generateWhatIf.ts, applies the operation itself, so that it shows what applying does.)
 */
function policiesFromFlows(
  doc: DesignDoc,
  args: {
    readonly capture: Parameters<typeof resolveObserved>[1];
    readonly workloads: readonly string[];
    readonly ipv4Prefix?: number;
    readonly ipv6Prefix?: number;
  },
): DesignPolicy[] | { readonly error: string } {
  const index = new Map(doc.workloads.map((w, i) => [w.id, i]));
  const chosen = new Set<number>();
  for (const id of args.workloads) {
    const i = index.get(id);
    if (i === undefined) return { error: `There is no workload ${id}.` };
    chosen.add(i);
  }
  if (chosen.size === 0) return { error: 'Choose at least one workload to generate policies for.' };
  const { resolver, flows } = resolveObserved(toCluster(doc), args.capture);
  return generatePolicies(resolver.cluster().workloads, flows, chosen, {
    ipv4Prefix: args.ipv4Prefix,
    ipv6Prefix: args.ipv6Prefix,
  });
}

export const generateFromFlows = defineOp(
  'generateFromFlows',
  'Generate policies from flows',
  (doc, args) => {
    const generated = policiesFromFlows(doc, args);
    if ('error' in generated) return fail(doc, generated.error);
    const keys = new Set(generated.map(policyKey));
    const replaced = doc.policies.filter((p) => keys.has(policyKey(p))).length;
    const r = replacePolicies.perform(doc, {
      policies: [...doc.policies.filter((p) => !keys.has(policyKey(p))), ...generated],
    });
    if (r.doc === doc) return r;
    const notices: Notice[] = [...r.notices];
    if (replaced > 0)
      notices.push({
        severity: 'info',
        message: `Replaced ${replaced} polic${replaced === 1 ? 'y' : 'ies'} generated earlier under the same name.`,
      });
    return ok(r.doc, notices);
  },
  {
    describe: ({ workloads }) =>
      `Generate policies from flows for ${workloads.length === 1 ? workloads[0] : `${workloads.length} workloads`}`,
  },
);
