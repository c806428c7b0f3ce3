// The panels' questions to the design simulator. A matrix cell is a set of connections; the engine explains
// one connection (protocol + port), so a cell is explained at the ports that matter for it: the destination's
// container ports and the first port the cell lists, else TCP 80.
import { type ProbeResult, probe } from '../design/simulate';
import type { DesignDoc, MatrixEndpoint, ProbeQuestion } from '../design/types';
import type { Protocol, Verdict } from '../engine/types';

export function runProbe(doc: DesignDoc, req: ProbeQuestion): ProbeResult {
  return probe(doc, req);
}

const FIRST_PORT = /\b(TCP|UDP|SCTP)\s+(\d+)/;

/** The (protocol, port) pairs worth probing for a cell, without repeats, at most `limit`. */
export function cellProbePorts(
  containerPorts: readonly { readonly protocol: Protocol; readonly containerPort: number }[],
  conn: string,
  limit = 4,
): { protocol: Protocol; port: number }[] {
  const out: { protocol: Protocol; port: number }[] = [];
  const add = (protocol: Protocol, port: number) => {
    if (out.length < limit && !out.some((p) => p.protocol === protocol && p.port === port))
      out.push({ protocol, port });
  };
  for (const p of containerPorts) add(p.protocol, p.containerPort);
  const m = FIRST_PORT.exec(conn);
  if (m) add(m[1] as Protocol, Number(m[2]));
  if (out.length === 0) add('TCP', 80);
  return out;
}

export function explainCell(
  doc: DesignDoc,
  src: MatrixEndpoint,
  dst: MatrixEndpoint,
  conn: string,
): { readonly verdicts: readonly Verdict[] } | { readonly error: string } {
  const target = dst.node ? doc.workloads.find((w) => w.id === dst.node) : undefined;
  const verdicts: Verdict[] = [];
  for (const { protocol, port } of cellProbePorts(target?.ports ?? [], conn)) {
    const r = probe(doc, { from: src.probe, to: dst.probe, port, protocol });
    if (r.error !== undefined) return { error: r.error };
    verdicts.push(r.verdict);
  }
  return { verdicts };
}
