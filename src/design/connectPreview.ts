// What drawing an edge will write, before it is written: the policies created or extended (by side), the
// workloads it newly isolates, and who loses access through that isolation. The "Allow traffic" dialog shows
// this for the side the user picked, so nothing is written that the dialog did not say.

import type { PolicyType } from '../engine/types';
import { compileEdge, enforcementChoice, newlyIsolated } from './compile';
import { diffFlows } from './flowDiff';
import { policyKey } from './model';
import { removePeers } from './ruleEdit';
import { simulate } from './simulate';
import type { DesignDoc, EdgePorts, EdgeTarget, Enforcement } from './types';

export interface PolicyWrite {
  /** `namespace/name`. */
  readonly policy: string;
  readonly isNew: boolean;
  readonly direction: PolicyType;
}

export interface ConnectPreview {
  readonly writes: readonly PolicyWrite[];
  /** Nodes this edge isolates that were not isolated, e.g. `app/backend for ingress`. */
  readonly isolates: readonly string[];
  /** Pairs `source → target` that lose some traffic because of that isolation (the drawn pair excluded). */
  readonly losesAccess: readonly string[];
  /** Why nothing would be written (an error, or "already allowed"). */
  readonly message?: string;
}

export function previewConnect(
  doc: DesignDoc,
  args: { from: string; to: string; ports: EdgePorts; enforce: Enforcement },
): ConnectPreview {
  const result = compileEdge(doc, args);
  const problem = result.notices.find((n) => n.severity === 'error') ?? result.notices[0];
  if (result.doc === doc) return { writes: [], isolates: [], losesAccess: [], message: problem?.message };
  const before = new Map(doc.policies.map((p) => [policyKey(p), p]));
  const writes: PolicyWrite[] = [];
  for (const p of result.doc.policies) {
    const old = before.get(policyKey(p));
    if (old === p) continue;
    const ingress = old ? old.ingress !== p.ingress : (p.policyTypes ?? []).includes('Ingress');
    writes.push({ policy: policyKey(p), isNew: !old, direction: ingress ? 'Ingress' : 'Egress' });
  }
  const choice = enforcementChoice(doc, args.from, args.to);
  const fresh = choice ? newlyIsolated(choice, args.enforce) : { destination: false, source: false };
  const isolates = [
    ...(fresh.destination ? [`${args.to} for ingress`] : []),
    ...(fresh.source ? [`${args.from} for egress`] : []),
  ];
  if (isolates.length === 0) return { writes, isolates, losesAccess: [] };
  const lost = diffFlows(simulate(doc).flows, simulate(result.doc).flows)
    .filter((c) => c.lost !== '' && !(c.source === args.from && c.target === args.to))
    .filter((c) => (fresh.destination && c.target === args.to) || (fresh.source && c.source === args.from))
    .map((c) => `${c.source} → ${c.target}`);
  return { writes, isolates, losesAccess: lost };
}

/**
 * What moving an existing edge's rules to `enforce` writes and isolates (the `setEdgeEnforcement` operation):
 * the edge's peers removed, then the edge drawn again with its ports on the chosen sides.
 */
export function previewEnforcement(
  doc: DesignDoc,
  edge: EdgeTarget,
  ports: EdgePorts,
  enforce: Enforcement,
): ConnectPreview {
  const removed = removePeers(doc, edge.refs).doc;
  return previewConnect(removed, { from: edge.source, to: edge.target, ports, enforce });
}
