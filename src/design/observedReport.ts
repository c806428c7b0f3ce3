// Observed traffic against the document, as the designer shows it: every distinct flow of the capture judged
// by the simulator (the engine's classifyFlows and judgeObserved, exactly as `netpol flows check` judges it, on
// the document the simulator evaluates: what-if switches and the CNI applied) as observed and allowed, observed
// and denied (the policies would break it), or — for traffic the cluster only dropped — dropped as the policies
// say, or dropped though they allow it (the two disagree); the allowed pairs no flow used (unused permissions); the coverage figures;
// and the workloads the flows show that the inventory lacks, with the labels they carried. Plain data, so it
// crosses from the analysis worker to the page.
import { formatConnectionSet } from '../engine/connectionSet';
import { workloadId as engineId } from '../engine/endpoints';
import { classifyFlows } from '../engine/flows';
import type { FlowClass, FlowCoverage, FlowEndpoint } from '../engine/flows/types';
import { rangesContain } from '../engine/ipRanges';
import type { IpRange, Labels, Protocol } from '../engine/types';
import { docAnalysisOptions } from './analysisOptions';
import { rangesOfNode } from './blocked';
import { deriveEdges } from './edges';
import { toCluster, toPolicySet } from './model';
import { type ObservedCapture, resolveObserved } from './observed';
import { type ExternalNodeView, type OutsideAddressView, outsideAddresses } from './observedOutside';
import { type DesignDoc, type NodeRef, OUTSIDE_REF } from './types';
import { simulatedDoc } from './whatIf';

/** Unused permissions listed (all are counted). */
export const MAX_UNUSED_LISTED = 500;

export type ObservedClass = FlowClass;

export interface ObservedFlowView {
  /** Stable while the flow's endpoints, protocol and port stay: `srcId>dstId:TCP/8080`. */
  readonly key: string;
  /** Canvas nodes: a workload id, an external node's id, `outside`; undefined for a workload not on the canvas. */
  readonly source?: NodeRef;
  readonly target?: NodeRef;
  /** As `netpol flows check` names them: `ns/name[Kind]` or an address. */
  readonly srcId: string;
  readonly dstId: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly count: number;
  readonly dropped: number;
  readonly line: number;
  readonly class: ObservedClass;
  /** Which side is an address outside the cluster (its node is `source` or `target`). */
  readonly outside?: 'src' | 'dst';
}

export interface UnusedView {
  readonly source?: NodeRef;
  readonly target?: NodeRef;
  readonly srcId: string;
  readonly dstId: string;
  readonly conn: string;
}

/** A workload the capture shows that the document lacks. */
export interface UnknownWorkload {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  /** Distinct flows it takes part in. */
  readonly flows: number;
}

export interface ObservedReport {
  readonly file: string;
  readonly records: number;
  /** Every distinct flow, judged, in the order of its first record. */
  readonly flows: readonly ObservedFlowView[];
  readonly unused: readonly UnusedView[];
  readonly unusedCount: number;
  readonly coverage: FlowCoverage;
  readonly unknown: readonly UnknownWorkload[];
  /** The addresses outside the cluster the capture shows, with the node each is drawn on. */
  readonly outside: readonly OutsideAddressView[];
  /** The canvas's external nodes (the document's and its policies' ipBlocks), for naming them. */
  readonly externalNodes: readonly ExternalNodeView[];
}

/** The canvas node an outside address is drawn as: the narrowest external node holding it, else `outside`. */
function externalNodeOf(
  nodes: readonly { readonly id: NodeRef; readonly ranges: readonly IpRange[]; readonly size: bigint }[],
  e: Extract<FlowEndpoint, { kind: 'external' }>,
): NodeRef {
  let best: { id: NodeRef; size: bigint } | undefined;
  for (const n of nodes)
    if (rangesContain(n.ranges, e.family, e.value) && (!best || n.size < best.size)) best = n;
  return best?.id ?? OUTSIDE_REF;
}

export function observedReport(drawn: DesignDoc, capture: ObservedCapture): ObservedReport {
  const doc = simulatedDoc(drawn);
  const options = docAnalysisOptions(doc, {});
  const { resolver, flows } = resolveObserved(toCluster(drawn), capture);
  const report = classifyFlows(resolver.cluster(), toPolicySet(doc), flows, {
    ...options,
    maxUnused: MAX_UNUSED_LISTED,
  });

  const nDoc = drawn.workloads.length;
  const derivedExternals = deriveEdges(drawn).externals;
  const externals = derivedExternals.flatMap((x) => {
    const ranges = rangesOfNode(drawn, x.id);
    if (!ranges) return [];
    const size = ranges.reduce((a, r) => a + (r.end - r.start + 1n), 0n);
    return [{ id: x.id, ranges, size }];
  });
  const nodeOf = (e: FlowEndpoint): NodeRef | undefined => {
    if (e.kind === 'workload') return e.index < nDoc ? drawn.workloads[e.index].id : undefined;
    if (e.kind === 'external') return externalNodeOf(externals, e);
    return undefined;
  };
  const byEngineId = new Map<string, NodeRef>();
  for (const w of drawn.workloads) byEngineId.set(engineId(w), w.id);

  const flowViews = report.flows.map((c): ObservedFlowView => {
    const f = c.flow;
    return {
      key: `${c.srcId}>${c.dstId}:${f.protocol}/${f.port}`,
      source: nodeOf(f.src),
      target: nodeOf(f.dst),
      srcId: c.srcId,
      dstId: c.dstId,
      protocol: f.protocol,
      port: f.port,
      count: f.count,
      dropped: f.dropped,
      line: f.line,
      class: c.class,
      ...(f.src.kind === 'external'
        ? { outside: 'src' as const }
        : f.dst.kind === 'external'
          ? { outside: 'dst' as const }
          : {}),
    };
  });

  const unknownFlows = new Map<number, number>();
  for (const f of flows)
    for (const e of [f.src, f.dst])
      if (e.kind === 'workload' && e.index >= nDoc)
        unknownFlows.set(e.index, (unknownFlows.get(e.index) ?? 0) + 1);
  const unknown = resolver.addedWorkloads.map((i): UnknownWorkload => {
    const w = resolver.workload(i);
    return {
      namespace: w.namespace,
      name: w.name,
      kind: w.kind,
      labels: w.labels,
      flows: unknownFlows.get(i) ?? 0,
    };
  });

  const { coverage } = report;
  return {
    file: capture.file,
    records: capture.records,
    flows: flowViews,
    unused: report.unused.map((u) => ({
      source: byEngineId.get(u.srcId),
      target: byEngineId.get(u.dstId),
      srcId: u.srcId,
      dstId: u.dstId,
      conn: formatConnectionSet(u.conn),
    })),
    unusedCount: coverage.allowedPairs - coverage.observedAllowedPairs,
    coverage,
    unknown,
    outside: outsideAddresses(flows, (e) => externalNodeOf(externals, e)),
    externalNodes: derivedExternals.map((x) => ({ id: x.id, label: x.label })),
  };
}

/** Observed flows `after` denies that `before` allowed: what an edit would break. */
export function newlyDenied(before: ObservedReport, after: ObservedReport): ObservedFlowView[] {
  const allowed = new Set(before.flows.filter((f) => f.class === 'allowed').map((f) => f.key));
  return after.flows.filter((f) => f.class === 'denied' && allowed.has(f.key));
}

/** `37%`, or `–` when there is nothing to count. */
export function share(part: number, whole: number): string {
  return whole === 0 ? '–' : `${Math.round((100 * part) / whole)}%`;
}
