// Endpoint names and lookup: `namespace/name[Kind]` for workloads, formatted ranges plus `[External]` for
// pieces of the address space outside the cluster.
import { formatIpRanges, parseIp, rangesContain } from './ipRanges';
import { objectKey } from './objectKey';
import type { Endpoint, IpRange, Workload } from './types';

/** The endpoint name of a workload: `namespace/name[Kind]`. */
export function workloadId(w: Pick<Workload, 'namespace' | 'name' | 'kind'>): string {
  return `${w.namespace}/${w.name}[${w.kind}]`;
}

export function externalId(ranges: readonly IpRange[]): string {
  return `${formatIpRanges(ranges)}[External]`;
}

export function workloadEndpoint(w: Workload): Endpoint {
  return { type: 'workload', id: workloadId(w), workload: w };
}

export function externalEndpoint(ranges: readonly IpRange[]): Endpoint {
  return { type: 'external', id: externalId(ranges), ranges };
}

/**
 * Finds an endpoint by `ns/name[Kind]`, by `ns/name` or a bare `name` when only one workload has that name,
 * or by an IP address (the external piece that holds it). Returns an error message when there is none or several.
 */
export function findEndpoint(endpoints: readonly Endpoint[], text: string): number | { error: string } {
  const t = text.trim();
  const ip = parseIp(t);
  if (ip) {
    const i = endpoints.findIndex(
      (e) => e.type === 'external' && rangesContain(e.ranges, ip.family, ip.value),
    );
    return i >= 0 ? i : { error: `no external address range holds ${t}` };
  }
  const exact = endpoints.findIndex((e) => e.type === 'workload' && e.id === t);
  if (exact >= 0) return exact;
  // Kubernetes names never hold '/': without one, the text is a bare workload name in any namespace.
  const bare = !t.includes('/');
  const matches: number[] = [];
  endpoints.forEach((e, i) => {
    if (e.type !== 'workload') return;
    const name = bare ? e.workload.name : objectKey(e.workload);
    if (name === t) matches.push(i);
  });
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const candidates = matches.map((i) => endpoints[i].id).join(', ');
    return { error: `${t} is ambiguous: it names ${candidates}; write one of these` };
  }
  return { error: `no workload named ${t} (write namespace/name or namespace/name[Kind])` };
}
