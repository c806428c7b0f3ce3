// The simulator over the engine: isolation per workload, the permitted flows for the overlay, drawn edges
// whose traffic the other side blocks (with the engine's reason), the connectivity matrix, and probes.
// Pure and synchronous, so a Web Worker can run it. Results are plain strings/numbers/arrays; a probe's
// Verdict carries bigint address ranges, which structured clone (postMessage) handles.

import { analyze, type ClassConnectivity } from '../engine/analyze';
import {
  formatConnectionSet,
  isEmpty,
  isPortNumber,
  MAX_PORT,
  noConnections,
  parseConnectionSet,
  subtract,
  unionAll,
} from '../engine/connectionSet';
import { workloadId as endpointName } from '../engine/endpoints';
import { explain } from '../engine/explain';
import { formatIp, formatRangesReadably, intersectRanges } from '../engine/ipRanges';
import { type ProbePort, probePorts } from '../engine/probePorts';
import type { AnalysisOptions, ConnectionSet, Endpoint, Verdict } from '../engine/types';
import { docAnalysisOptions } from './analysisOptions';
import { type BlockedOptions, blockedIntents, rangesOfNode } from './blocked';
import { deriveEdges } from './edges';

/** Derives the rule edges of a document (deriveEdges, or a deriver that continues from its last document). */
export type EdgeDeriver = (doc: DesignDoc) => DerivedGraph;

import { toCluster, toPolicySet } from './model';
import { isolatingPoliciesAmong } from './policies';
import {
  ANY_REF,
  type BlockedIntent,
  type ConnectivityMatrix,
  type DerivedGraph,
  type DesignDoc,
  type DesignPolicy,
  type DesignWorkload,
  type Flow,
  type IsolationState,
  type MatrixEndpoint,
  type MatrixRow,
  type NodeRef,
  OUTSIDE_REF,
  type ProbeQuestion,
  type RuleEdge,
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
export function effective<O extends AnalysisOptions & { readonly disabledPolicies?: readonly string[] }>(
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

/** The policies of each namespace, in document order. */
export function policiesByNamespace(policies: readonly DesignPolicy[]): Map<string, DesignPolicy[]> {
  const byNamespace = new Map<string, DesignPolicy[]>();
  for (const p of policies) {
    const list = byNamespace.get(p.namespace);
    if (list) list.push(p);
    else byNamespace.set(p.namespace, [p]);
  }
  return byNamespace;
}

/**
 * The formatted connection sets of a matrix and the sets they stand for: formatConnectionSet writes a set in
 * one canonical way, so a cell's text names its set (parsed back when it was not formatted here).
 */
export class CellTexts {
  private readonly sets = new Map<string, ConnectionSet>();

  text(set: ConnectionSet): string {
    const t = formatConnectionSet(set);
    if (!this.sets.has(t)) this.sets.set(t, set);
    return t;
  }

  /** The set of a cell's text; no text (an absent cell) is no connection. */
  set(text: string | undefined): ConnectionSet {
    if (text === undefined) return NO_CONNECTIONS;
    let set = this.sets.get(text);
    if (!set) {
      set = parseConnectionSet(text) ?? NO_CONNECTIONS;
      this.sets.set(text, set);
    }
    return set;
  }
}

const NO_CONNECTIONS = noConnections();

/**
 * The row walk's block of transposed ingress: 16 MiB (a worker of a browser tab; the engine's default is made
 * for the CLI). Every vector entry is computed once whatever the block; a smaller one only adds set-up per block.
 */
const ROW_BLOCK_BYTES = 16 * 2 ** 20;

/** The matrix's endpoints: workloads by their canvas id, address pieces by their ranges. */
export function matrixEndpoints(conn: ClassConnectivity, ids: readonly string[]): MatrixEndpoint[] {
  return conn.endpoints.map((ep, i) =>
    ep.type === 'workload'
      ? { id: ep.id, node: ids[i], label: ids[i], external: false, probe: ids[i] }
      : {
          id: ep.id,
          label: formatRangesReadably(ep.ranges),
          external: true,
          probe: formatIp(ep.ranges[0].family, ep.ranges[0].start),
        },
  );
}

/**
 * Every allowed pair's formatted connection, per source endpoint (`cells[s][t]`; none for no connection, or
 * for `s === t`). Row by row over the equivalence classes, not pair by pair over the endpoints: at thousands
 * of workloads the matrix is sparse and the pairs are millions. Each distinct connection set is formatted once.
 */
export function matrixCells(conn: ClassConnectivity, nW: number, texts: CellTexts): Record<number, string>[] {
  const K = conn.classCount;
  const endpointsOf: number[][] = Array.from({ length: conn.universe }, (_, b) =>
    b < K ? [] : [nW + (b - K)],
  );
  for (let i = 0; i < nW; i++) endpointsOf[conn.classOfEndpoint(i)]!.push(i);
  const byId = new Map<number, string>();
  const textOf = (id: number): string => {
    let t = byId.get(id);
    if (t === undefined) {
      t = texts.text(conn.connectionSetOf(id));
      byId.set(id, t);
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
    { budgetBytes: ROW_BLOCK_BYTES },
  );
  return cells;
}

export function simulate(drawn: DesignDoc, requested: SimulateOptions = {}): Simulation {
  return simulation(drawn, requested).simulation;
}

/** A simulation with what an update after an edit starts from (simulateIncremental.ts). */
export interface SimulationState {
  /** The document drawn, and the one evaluated (`effective`), with the options they were evaluated with. */
  readonly drawn: DesignDoc;
  readonly doc: DesignDoc;
  readonly options: SimulateOptions;
  readonly simulation: Simulation;
  /** The rule edges of `doc`. */
  readonly graph: DerivedGraph;
  /** The engine's endpoints of the matrix (workloads, then the address pieces with their ranges). */
  readonly endpoints: readonly Endpoint[];
  readonly texts: CellTexts;
}

/** The whole simulation of `drawn`, computed from nothing. */
export function simulation(
  drawn: DesignDoc,
  requested: SimulateOptions = {},
  texts = new CellTexts(),
  derive: Derivers = WHOLE,
): SimulationState {
  // `drawn` is what the canvas shows (its external nodes get flows); `doc` is what the engine evaluates.
  const { doc, options } = effective(drawn, requested);
  const cluster = toCluster(doc);
  const conn = analyze(cluster, toPolicySet(doc), options);
  const isolation: Record<string, WorkloadIsolation> = {};
  // A policy only selects pods of its own namespace: each workload is judged against those alone.
  const byNamespace = policiesByNamespace(doc.policies);
  for (const w of doc.workloads) isolation[w.id] = isolationOf(doc, w, byNamespace.get(w.namespace) ?? []);
  const matrix: ConnectivityMatrix = {
    endpoints: matrixEndpoints(
      conn,
      doc.workloads.map((w) => w.id),
    ),
    cells: matrixCells(conn, cluster.workloads.length, texts),
  };
  const { simulation: sim, graph } = finishSimulation(
    drawn,
    doc,
    options,
    isolation,
    matrix,
    conn.endpoints,
    texts,
    derive,
  );
  return { drawn, doc, options, simulation: sim, graph, endpoints: conn.endpoints, texts };
}

/**
 * The flows between workloads of each matrix row, per workload list: an update keeps the rows it did not change
 * (the same objects), and their flows are not made again.
 */
const rowFlows = new WeakMap<readonly DesignWorkload[], WeakMap<MatrixRow, readonly Flow[]>>();

/**
 * The rule edges of the document evaluated and of the one drawn (they differ by the what-if switches): a
 * simulator keeps a deriver for each, so that each continues from its own last document.
 */
export interface Derivers {
  readonly doc: EdgeDeriver;
  readonly drawn: EdgeDeriver;
}

const WHOLE: Derivers = { doc: deriveEdges, drawn: deriveEdges };

/**
 * What an update of a simulation knows of the one before (simulateIncremental.ts): its rule edges and blocked
 * edges, and which edges the edit touched (their pair's cell, a rule or the destination may have changed).
 */
export interface SinceBefore {
  readonly graph: DerivedGraph;
  readonly blocked: readonly BlockedIntent[];
  readonly touched: (edge: RuleEdge) => boolean;
}

/**
 * The rest of a simulation once its isolation and matrix are known (the whole simulation, or one updated after
 * an edit, simulateIncremental.ts): the flows between canvas nodes and the drawn edges the other side blocks,
 * read from the matrix's cells.
 */
export function finishSimulation(
  drawn: DesignDoc,
  doc: DesignDoc,
  options: SimulateOptions,
  isolation: Record<string, WorkloadIsolation>,
  matrix: ConnectivityMatrix,
  engineEndpoints: readonly Endpoint[],
  texts: CellTexts,
  derive: Derivers,
  since?: SinceBefore,
): { simulation: Simulation; graph: DerivedGraph } {
  const { cells } = matrix;
  const nW = doc.workloads.length;
  const ids = doc.workloads.map((w) => w.id);
  const connection = (i: number, j: number): ConnectionSet => texts.set(cells[i]?.[j]);
  // Flows between canvas nodes: workload pairs, and workloads with each external node (union of its pieces).
  const maxFlows = options.maxFlows ?? 20000;
  const flows: Flow[] = [];
  let flowsTruncated = false;
  const push = (f: Flow) => {
    if (flows.length < maxFlows) flows.push(f);
    else flowsTruncated = true;
  };
  let byRow = rowFlows.get(doc.workloads);
  if (!byRow) {
    byRow = new WeakMap();
    rowFlows.set(doc.workloads, byRow);
  }
  for (let s = 0; s < nW; s++) {
    const row = cells[s]!;
    let out = byRow.get(row);
    if (!out) {
      const list: Flow[] = [];
      for (const [key, cell] of Object.entries(row)) {
        const t = Number(key);
        if (t < nW && s !== t) list.push({ source: ids[s]!, target: ids[t]!, conn: cell });
      }
      byRow.set(row, list);
      out = list;
    }
    for (const f of out) push(f);
  }
  const graph = derive.doc(doc);
  const drawnExternals = doc === drawn ? graph.externals : derive.drawn(drawn).externals;
  const externalPieces: { ep: Endpoint; i: number }[] = [];
  for (let i = nW; i < engineEndpoints.length; i++) externalPieces.push({ ep: engineEndpoints[i]!, i });
  // One flow per workload and direction for a group of address pieces: the union of what the pieces allow,
  // `partial` when some piece allows less than that.
  const pushExternal = (ref: NodeRef, pieces: readonly number[]) => {
    type Judged = { conn: string; partial: boolean } | null;
    const judge = (sets: readonly ConnectionSet[]): Judged => {
      const all = unionAll(sets);
      if (isEmpty(all)) return null;
      return { conn: formatConnectionSet(all), partial: sets.some((x) => !isEmpty(subtract(all, x))) };
    };
    // What a workload and the pieces allow is judged once per distinct row of cells (workloads of one
    // equivalence class share theirs).
    const judged = new Map<string, readonly [Judged, Judged]>();
    for (let w = 0; w < nW; w++) {
      const row = cells[w]!;
      let key = '';
      for (const p of pieces) key += `${row[p] ?? ''}\n${cells[p]![w] ?? ''}\n`;
      let j = judged.get(key);
      if (!j) {
        j = [judge(pieces.map((p) => texts.set(row[p]))), judge(pieces.map((p) => texts.set(cells[p]![w])))];
        judged.set(key, j);
      }
      const [out, into] = j;
      if (out)
        push({ source: ids[w]!, target: ref, conn: out.conn, ...(out.partial ? { partial: true } : {}) });
      if (into)
        push({ source: ref, target: ids[w]!, conn: into.conn, ...(into.partial ? { partial: true } : {}) });
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

  const conn = { endpoints: engineEndpoints, connection };
  let blocked: BlockedIntent[] | undefined;
  if (since && since.blocked.length === 0) {
    // Nothing was blocked: only the edges that are new or whose pair, rules or destination changed can be now.
    const before = new Set(since.graph.edges);
    const judged = graph.edges.filter((e) => !before.has(e) || since.touched(e));
    if (blockedIntents(doc, { ...graph, edges: judged }, conn, options).length === 0) blocked = [];
  }
  // Judged as a whole otherwise: the first blocked edges (in edge order) get the engine's own explanation.
  blocked ??= blockedIntents(doc, graph, conn, options);
  return { simulation: { isolation, flows, blocked, matrix, flowsTruncated }, graph };
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
