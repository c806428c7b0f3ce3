// Drawing, editing and deleting edges; the rules they stand for are in compile.ts and ruleEdit.ts.

import { compileEdge } from '../compile';
import { deriveEdges } from '../edges';
import { fail, ok, policyKey } from '../model';
import { edgePorts, removePeers, setPeerPorts } from '../ruleEdit';
import type { DesignDoc, EdgeTarget, Notice } from '../types';
import { defineOp } from './define';
import { invalidEdgePorts } from './ports';

export const connect = defineOp('connect', 'Allow traffic', (doc, args) => {
  const invalid = invalidEdgePorts(args.ports ?? []);
  if (invalid) return fail(doc, invalid);
  const result = compileEdge(doc, args);
  return result.doc === doc
    ? result
    : { ...ok(result.doc, result.notices), focusEdge: `${args.from}->${args.to}` };
});

/** Other rule edges that disappear or change along with `edge` (a fan-out selector stands for several). */
function sideEffects(before: DesignDoc, after: DesignDoc, edge: EdgeTarget, verb: string): Notice[] {
  // Only the policies behind the edge can change other edges: derive just theirs, before and after.
  const keys = new Set(edge.refs.map((r) => r.policy));
  const only = (d: DesignDoc) => ({ ...d, policies: d.policies.filter((p) => keys.has(policyKey(p))) });
  const id = `${edge.source}->${edge.target}`;
  const refKey = (r: EdgeTarget['refs'][number]) =>
    `${r.policy}|${r.direction}|${r.ruleIndex}|${r.peerIndex}`;
  const touched = new Set(edge.refs.map(refKey));
  const now = new Map(deriveEdges(only(after)).edges.map((e) => [e.id, e.label]));
  const others = deriveEdges(only(before)).edges.filter(
    (e) => e.id !== id && e.refs.some((r) => touched.has(refKey(r))),
  );
  const affected = others.filter((e) => now.get(e.id) !== e.label).map((e) => `${e.source} → ${e.target}`);
  return affected.length > 0
    ? [{ severity: 'warning', message: `The same selector also ${verb} ${affected.join(', ')}.` }]
    : [];
}

export const completeEdge = defineOp('completeEdge', 'Allow on both sides', (doc, { edge }) => {
  const ports = edgePorts(doc, edge);
  if (ports === undefined || edge.refs.length === 0)
    return fail(doc, 'The rules behind this edge no longer exist.');
  const result = compileEdge(doc, { from: edge.source, to: edge.target, ports, bothSides: true });
  return result.doc === doc ? result : ok(result.doc, result.notices);
});

/**
 * Moves an edge's rules to other sides (the destination's ingress, the source's egress or both): the peers behind
 * it are removed and the edge compiled again with its ports, as one step. The inspector previews it with
 * `previewEnforcement` (connectPreview.ts), which names who loses access when the choice isolates something.
 */
export const setEdgeEnforcement = defineOp(
  'setEdgeEnforcement',
  'Change where a rule is enforced',
  (doc, { edge, enforce }) => {
    const ports = edgePorts(doc, edge);
    if (ports === undefined || edge.refs.length === 0)
      return fail(doc, 'The rules behind this edge no longer exist.');
    const removed = removePeers(doc, edge.refs).doc;
    const result = compileEdge(removed, { from: edge.source, to: edge.target, ports, enforce });
    if (result.doc === removed)
      return fail(doc, result.notices[0]?.message ?? 'The rule could not be moved.');
    return ok(result.doc, result.notices);
  },
);

export const setEdgePorts = defineOp('setEdgePorts', 'Set edge ports', (doc, { edge, ports }) => {
  const invalid = invalidEdgePorts(ports);
  if (invalid) return fail(doc, invalid);
  if (edge.refs.length === 0) return fail(doc, 'This edge has no rules behind it.');
  const next = setPeerPorts(doc, edge.refs, ports);
  return ok(next, sideEffects(doc, next, edge, 'changed the ports of'));
});

export const disconnect = defineOp('disconnect', 'Remove edge', (doc, { edge }) => {
  if (edge.refs.length === 0) return fail(doc, 'This edge has no rules behind it.');
  const { doc: next, notices } = removePeers(doc, edge.refs);
  return ok(next, [...notices, ...sideEffects(doc, next, edge, 'removed')]);
});
