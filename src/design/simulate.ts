// The simulator over the engine: isolation per workload, the permitted flows for the overlay, drawn edges
// whose traffic the other side blocks (with the engine's reason), the connectivity matrix, and probes.
// Pure and synchronous, so a Web Worker can run it. Results are plain strings/numbers/arrays; a probe's
// Verdict carries bigint address ranges, which structured clone (postMessage) handles.

import { analyze } from '../engine/analyze';
import {
  formatConnectionSet,
  isEmpty,
  isPortNumber,
  MAX_PORT,
  subtract,
  unionAll,
} from '../engine/connectionSet';
import { workloadId as endpointName } from '../engine/endpoints';
import { explain } from '../engine/explain';
import { formatIp, formatRangesReadably, intersectRanges } from '../engine/ipRanges';
import { type ProbePort, probePorts } from '../engine/probePorts';
import type { AnalysisOptions, ConnectionSet, Verdict } from '../engine/types';
import { docAnalysisOptions } from './analysisOptions';
import { type BlockedOptions, blockedIntents, rangesOfNode } from './blocked';
import { deriveEdges } from './edges';
import { toCluster, toPolicySet } from './model';
import { isolatingPoliciesAmong } from './policies';
import {
  ANY_REF,
  type ConnectivityMatrix,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  type Flow,
  type IsolationState,
  type MatrixEndpoint,
  type NodeRef,
  OUTSIDE_REF,
  type ProbeQuestion,
  type Simulation,
  type WorkloadIsolation,
} from './types';
import { simulatedDoc } from './whatIf';

export interface SimulateOptions extends BlockedOptions {
  /** At most this many flows are listed (default 20000); `flowsTruncated` says when more exist. */
  readonly maxFlows?: number;
  /** What-if keys (whatIf.ts) left out besides the document's own `whatIf` switches. */
  readonly disabledPolicies?: readonly string[];
}

/**
 * The document the engine evaluates (what-if switches and a non-enforcing CNI applied, see whatIf.ts) and the
 * engine options the CNI implies (its ipBlock reading), unless the caller sets `ipBlockMatchesPodIPs` itself.
 */
function effective<O extends AnalysisOptions & { readonly disabledPolicies?: readonly string[] }>(
  doc: DesignDoc,
  options: O,
): { doc: DesignDoc; options: O } {
  return { doc: simulatedDoc(doc, options.disabledPolicies), options: docAnalysisOptions(doc, options) };
}

export function isolationOf(
  doc: DesignDoc,
  w: DesignWorkload,
  inNamespace: readonly DesignPolicy[] = doc.policies,
): WorkloadIsolation {
  const ingressPolicies = isolatingPoliciesAmong(inNamespace, w, 'Ingress');
  const egressPolicies = isolatingPoliciesAmong(inNamespace, w, 'Egress');
  const i = ingressPolicies.length > 0;
  const e = egressPolicies.length > 0;
  const state: IsolationState = i && e ? 'both' : i ? 'ingress' : e ? 'egress' : 'open';
  return { state, ingressPolicies, egressPolicies };
}

export function simulate(drawn: DesignDoc, requested: SimulateOptions = {}): Simulation {
  // `drawn` is what the canvas shows (its external nodes get flows); `doc` is what the engine evaluates.
  const { doc, options } = effective(drawn, requested);
  const cluster = toCluster(doc);
  const policies = toPolicySet(doc);
  const conn = analyze(cluster, policies, options);
  const nW = cluster.workloads.length;
  const ids = doc.workloads.map((w) => w.id);

  const isolation: Record<string, WorkloadIsolation> = {};
  // A policy only selects pods of its own namespace: each workload is judged against those alone.
  const byNamespace = new Map<string, DesignPolicy[]>();
  for (const p of doc.policies) {
    const list = byNamespace.get(p.namespace);
    if (list) list.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  for (const w of doc.workloads) isolation[w.id] = isolationOf(doc, w, byNamespace.get(w.namespace) ?? []);

  const endpoints: MatrixEndpoint[] = conn.endpoints.map((ep, i) =>
    ep.type === 'workload'
      ? { id: ep.id, node: ids[i], label: ids[i], external: false, probe: ids[i] }
      : {
          id: ep.id,
          label: formatRangesReadably(ep.ranges),
          external: true,
          probe: formatIp(ep.ranges[0].family, ep.ranges[0].start),
        },
  );
  // Row by row over the equivalence classes, not pair by pair over the endpoints: at thousands of workloads the
  // matrix is sparse and the pairs are millions. Each distinct connection set is formatted once. The walk keeps
  // its vectors: the external flows and the blocked intents below ask pair by pair.
  const K = conn.classCount;
  const endpointsOf: number[][] = Array.from({ length: conn.universe }, (_, b) =>
    b < K ? [] : [nW + (b - K)],
  );
  for (let i = 0; i < nW; i++) endpointsOf[conn.classOfEndpoint(i)]!.push(i);
  const texts = new Map<number, string>();
  const textOf = (id: number): string => {
    let t = texts.get(id);
    if (t === undefined) {
      t = formatConnectionSet(conn.connectionSetOf(id));
      texts.set(id, t);
    }
    return t;
  };
  const cells: Record<number, string>[] = conn.endpoints.map(() => ({}));
  conn.forEachClassRow(
    (a, row, allowed) => {
      const sources = endpointsOf[a]!;
      if (sources.length === 0) return;
      for (const b of allowed) {
        const targets = endpointsOf[b]!;
        if (targets.length === 0) continue;
        const text = textOf(row[b]!);
        for (const s of sources) {
          const cellsOf = cells[s]!;
          for (const t of targets) if (t !== s) cellsOf[t] = text;
        }
      }
    },
    { keep: true },
  );
  const matrix: ConnectivityMatrix = { endpoints, cells };

  // Flows between canvas nodes: workload pairs, and workloads with each external node (union of its pieces).
  const maxFlows = options.maxFlows ?? 20000;
  const flows: Flow[] = [];
  let flowsTruncated = false;
  const push = (f: Flow) => {
    if (flows.length < maxFlows) flows.push(f);
    else flowsTruncated = true;
  };
  for (let s = 0; s < nW; s++)
    for (const [key, cell] of Object.entries(cells[s]!)) {
      const t = Number(key);
      if (t < nW && s !== t) push({ source: ids[s]!, target: ids[t]!, conn: cell });
    }
  const graph = deriveEdges(doc);
  const drawnExternals = doc === drawn ? graph.externals : deriveEdges(drawn).externals;
  const externalPieces = conn.endpoints.flatMap((ep, i) => (ep.type === 'external' ? [{ ep, i }] : []));
  // One flow per workload and direction for a group of address pieces: the union of what the pieces allow,
  // `partial` when some piece allows less than that.
  const pushExternal = (ref: NodeRef, pieces: readonly number[]) => {
    // What a workload and the pieces allow depends on its class only: judged once per class and direction.
    type Judged = { conn: string; partial: boolean } | null;
    const judge = (sets: readonly ConnectionSet[]): Judged => {
      const all = unionAll(sets);
      if (isEmpty(all)) return null;
      return { conn: formatConnectionSet(all), partial: sets.some((x) => !isEmpty(subtract(all, x))) };
    };
    const byClass = new Map<number, readonly [Judged, Judged]>();
    for (let w = 0; w < nW; w++) {
      const a = conn.classOfEndpoint(w);
      let judged = byClass.get(a);
      if (!judged) {
        const classesOf = pieces.map((p) => conn.classOfEndpoint(p));
        judged = [
          judge(classesOf.map((b) => conn.classConnection(a, b))),
          judge(classesOf.map((b) => conn.classConnection(b, a))),
        ];
        byClass.set(a, judged);
      }
      for (const [source, target, j] of [
        [ids[w], ref, judged[0]],
        [ref, ids[w], judged[1]],
      ] as const) {
        if (j) push({ source, target, conn: j.conn, ...(j.partial ? { partial: true } : {}) });
      }
    }
  };
  const covered = new Set<number>();
  for (const ext of drawnExternals) {
    const ranges = rangesOfNode(doc, ext.id);
    if (!ranges) continue;
    const pieces = externalPieces
      .filter(({ ep }) => ep.type === 'external' && intersectRanges(ep.ranges, ranges).length > 0)
      .map(({ i }) => i);
    for (const p of pieces) covered.add(p);
    pushExternal(ext.id, pieces);
  }
  // The addresses no external node stands for are in the matrix too; without their flows a default deny
  // read as fewer flows lost than the matrix shows.
  const outside = externalPieces.filter(({ i }) => !covered.has(i)).map(({ i }) => i);
  if (outside.length > 0) pushExternal(OUTSIDE_REF, outside);

  const blocked = blockedIntents(doc, graph, conn, options);
  return { isolation, flows, blocked, matrix, flowsTruncated };
}

export type ProbeResult =
  | { readonly verdict: Verdict; readonly error?: undefined }
  | { readonly verdict?: undefined; readonly error: string };

/** What the probe form sends: workload ids, external node ids / `any` (first address), or IP addresses. */
export function probe(
  drawn: DesignDoc,
  req: ProbeQuestion,
  requested: AnalysisOptions & { readonly disabledPolicies?: readonly string[] } = {},
): ProbeResult {
  const { doc, options } = effective(drawn, requested);
  const names: { from?: string; to?: string } = { from: req.fromName, to: req.toName };
  const side = (text: string, end: 'from' | 'to'): string | { error: string } => {
    const t = text.trim();
    if (t.startsWith('ext:') || t === ANY_REF) {
      const ranges = rangesOfNode(doc, t);
      if (!ranges || ranges.length === 0) return { error: `${t} is not a valid external block.` };
      // Named as the node is drawn, not by the one address asked for it.
      names[end] ??= formatRangesReadably(ranges);
      return formatIp(ranges[0].family, ranges[0].start);
    }
    const w = doc.workloads.find((x) => x.id === t);
    return w ? endpointName(w) : t;
  };
  const from = side(req.from, 'from');
  const to = side(req.to, 'to');
  if (typeof from !== 'string') return from;
  if (typeof to !== 'string') return to;
  if (typeof req.port === 'string') {
    // A named port: the engine resolves it through the destination's container ports, as Kubernetes does.
    if (req.port.trim() === '') return { error: 'Give a port number or a container port name.' };
  } else if (!isPortNumber(req.port))
    return { error: `Port ${req.port} is out of range: use 1 to ${MAX_PORT}.` };
  const v = explain(
    toCluster(doc),
    toPolicySet(doc),
    {
      from,
      to,
      port: typeof req.port === 'string' ? req.port.trim() : req.port,
      protocol: req.protocol,
      ...(names.from ? { fromName: names.from } : {}),
      ...(names.to ? { toName: names.to } : {}),
    },
    options,
  );
  return 'error' in v ? { error: v.error } : { verdict: v };
}

/** At most this many ports are explained for one matrix cell. */
const CELL_PORTS = 4;

/** One port a matrix cell is explained at, with why that port was chosen (said beside its verdict). */
export interface CellVerdict {
  readonly verdict: Verdict;
  readonly why: string;
}

/**
 * Explains a matrix cell: a cell is a set of connections and the engine explains one (protocol, port), so the
 * cell is explained at the ports worth probing for its pair (the engine's `probePorts`: the destination's
 * container ports, then the first port of each allowed range, else an example port), at most `limit` of
 * them, each with why it was chosen.
 */
export function explainCell(
  drawn: DesignDoc,
  src: MatrixEndpoint,
  dst: MatrixEndpoint,
  limit = CELL_PORTS,
): { readonly verdicts: readonly CellVerdict[] } | { readonly error: string } {
  const { doc, options } = effective(drawn, {});
  const conn = analyze(toCluster(doc), toPolicySet(doc), options);
  const i = conn.endpoints.findIndex((e) => e.id === src.id);
  const j = conn.endpoints.findIndex((e) => e.id === dst.id);
  if (i < 0 || j < 0) return { error: 'This pair is no longer in the matrix.' };
  const c = conn.connection(i, j);
  const verdicts: CellVerdict[] = [];
  for (const p of probePorts(conn.endpoints[j], c).slice(0, limit)) {
    const r = probe(drawn, {
      from: src.probe,
      to: dst.probe,
      port: p.port,
      protocol: p.protocol,
      ...(src.external ? { fromName: src.label } : {}),
      ...(dst.external ? { toName: dst.label } : {}),
    });
    if (r.error !== undefined) return { error: r.error };
    verdicts.push({ verdict: r.verdict, why: portWhy(p, dst, isEmpty(c)) });
  }
  return { verdicts };
}

/** Why a cell is explained at this port, e.g. "TCP 5432: a container port of shop/db (postgres)". */
function portWhy(p: ProbePort, dst: MatrixEndpoint, nothingAllowed: boolean): string {
  const at = `${p.protocol} ${p.port}`;
  if (p.why === 'containerPort') return `${at}: a container port of ${dst.label}`;
  if (p.why === 'allowedRange') return `${at}: the first port of a range this pair is allowed`;
  const declares = dst.external ? '' : ` and ${dst.label} declares no container port`;
  return nothingAllowed
    ? `${at}, as an example: nothing is allowed from this source to this destination${declares}, so every port gets this answer`
    : `${at}, as an example: every port is allowed from this source to this destination${declares}, so every port gets this answer`;
}

/** The matrix cell of (`src`, `dst`) by endpoint index: the formatted connection, '' when there is none. */
export function cellOf(matrix: ConnectivityMatrix, src: number, dst: number): string {
  return matrix.cells[src]?.[dst] ?? '';
}
