// Expected verdicts checked against the policies (`netpol check`): each expectation names a source and a
// destination (one endpoint, or every workload a selector matches), a port and whether traffic is allowed.
// Pairs are decided by one analysis of the cluster; failures are explained by `explain`, so each carries the
// engine's own reasons.
import { analyze } from './analyze';
import { allows } from './connectionSet';
import { findEndpoint, workloadEndpoint, workloadId } from './endpoints';
import { explain } from './explain';
import { matchesSelector } from './selector';
import type {
  AnalysisOptions,
  Cluster,
  EndpointPattern,
  Expectation,
  ExpectationOutcome,
  LabelSelector,
  PolicySet,
  Verdict,
} from './types';

/** The endpoint texts `explain` accepts that a pattern stands for; an error when a selector matches nothing. */
export function resolvePattern(cluster: Cluster, p: EndpointPattern): string[] | { error: string } {
  if (p.kind === 'endpoint') {
    // A workload by its full id, so `ns/name` and `ns/name[Kind]` are known to be the same endpoint.
    const i = findEndpoint(cluster.workloads.map(workloadEndpoint), p.text);
    return [typeof i === 'number' ? workloadId(cluster.workloads[i]) : p.text];
  }
  const nsLabels = new Map(cluster.namespaces.map((n) => [n.name, n.labels]));
  const ids = cluster.workloads
    .filter((w) => {
      if (p.namespace !== undefined && w.namespace !== p.namespace) return false;
      if (p.namespaceSelector) {
        // A namespace only implied by its workloads still carries its automatic name label.
        const labels = nsLabels.get(w.namespace) ?? { 'kubernetes.io/metadata.name': w.namespace };
        if (!matchesSelector(p.namespaceSelector, labels)) return false;
      }
      return matchesSelector(p.podSelector ?? {}, w.labels);
    })
    .map(workloadId);
  return ids.length > 0 ? ids : { error: `${describePattern(p)} matches no workload` };
}

function describeSelector(sel: LabelSelector): string {
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels?.[k]}`);
  for (const r of sel.matchExpressions ?? []) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'In' ? 'in' : 'notin'} (${(r.values ?? []).join(',')})`);
  }
  return parts.length > 0 ? parts.join(',') : 'all';
}

/** `shop/web`, or `pods app=web in namespace shop`, `pods all in namespaces env=prod`. */
export function describePattern(p: EndpointPattern): string {
  if (p.kind === 'endpoint') return p.text;
  const pods = `pods ${describeSelector(p.podSelector ?? {})}`;
  if (p.namespace !== undefined) return `${pods} in namespace ${p.namespace}`;
  if (p.namespaceSelector) return `${pods} in namespaces ${describeSelector(p.namespaceSelector)}`;
  return `${pods} in every namespace`;
}

/** `shop/web -> shop/db TCP 5432 allowed`: an expectation in one line. */
export function describeExpectation(e: Expectation): string {
  return `${describePattern(e.from)} -> ${describePattern(e.to)} ${e.protocol} ${e.port} ${e.allowed ? 'allowed' : 'denied'}`;
}

/** Failing pairs explained per expectation; the rest are only counted (a selector can stand for thousands). */
export const MAX_EXPLAINED = 10;

/**
 * Checks every expectation. An expectation over selectors passes when every pair of distinct workloads it
 * stands for has the expected verdict (a pod talking to itself is not a network flow and is skipped).
 * Verdicts come from one analysis of the whole cluster; the failing pairs (up to `MAX_EXPLAINED` per
 * expectation) are then explained by `explain`, which also decides the cases the analysis cannot name
 * (a container port name, an address of an IP family no policy mentions).
 */
export function checkExpectations(
  cluster: Cluster,
  policies: PolicySet,
  expectations: readonly Expectation[],
  options: AnalysisOptions = {},
): ExpectationOutcome[] {
  const connectivity = analyze(cluster, policies, options);
  const { endpoints } = connectivity;
  const lookup = new Map<string, number | undefined>();
  const indexOf = (text: string) => {
    if (!lookup.has(text)) {
      const i = findEndpoint(endpoints, text);
      lookup.set(text, typeof i === 'number' ? i : undefined);
    }
    return lookup.get(text);
  };
  /** The analysis's answer, or undefined when only `explain` can decide. */
  const decide = (from: string, to: string, e: Expectation): boolean | undefined => {
    const i = indexOf(from);
    const j = indexOf(to);
    if (i === undefined || j === undefined) return undefined;
    const src = endpoints[i];
    const dst = endpoints[j];
    if (src.type === 'external' && dst.type === 'external') return undefined;
    let port = e.port;
    if (typeof port === 'string') {
      // A container port name of the destination, as explain resolves it; explain words a missing one.
      const name = port;
      const found =
        dst.type === 'workload'
          ? dst.workload.ports.find((p) => p.name === name && p.protocol === e.protocol)
          : undefined;
      if (!found) return undefined;
      port = found.containerPort;
    }
    return allows(connectivity.connection(i, j), e.protocol, port);
  };
  const ask = (from: string, to: string, e: Expectation) =>
    explain(cluster, policies, { from, to, port: e.port, protocol: e.protocol }, options);

  return expectations.map((expectation) => {
    const errors: string[] = [];
    const contradicting: Verdict[] = [];
    let contradictions = 0;
    const froms = resolvePattern(cluster, expectation.from);
    const tos = resolvePattern(cluster, expectation.to);
    if ('error' in froms) errors.push(froms.error);
    if ('error' in tos) errors.push(tos.error);
    let checked = 0;
    if (!('error' in froms) && !('error' in tos)) {
      for (const from of froms) {
        for (const to of tos) {
          if (from === to) continue;
          let allowed = decide(from, to, expectation);
          let verdict: Verdict | undefined;
          if (allowed === undefined) {
            const v = ask(from, to, expectation);
            if ('error' in v) {
              errors.push(v.error);
              continue;
            }
            verdict = v;
            allowed = v.allowed;
          }
          checked++;
          if (allowed === expectation.allowed) continue;
          contradictions++;
          if (contradicting.length >= MAX_EXPLAINED) continue;
          const v = verdict ?? ask(from, to, expectation);
          if ('error' in v) errors.push(v.error);
          else contradicting.push(v);
        }
      }
      if (checked === 0 && errors.length === 0) errors.push('no pair of distinct endpoints to check');
    }
    return {
      expectation,
      passed: errors.length === 0 && contradictions === 0,
      checked,
      contradictions,
      contradicting,
      errors,
    };
  });
}
