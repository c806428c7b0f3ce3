// Writes expectations files for `netpol check`: from a list of expectations, or from an analysis (the
// designer's current matrix, or chosen probes), so what the designer shows today can be pinned in CI.
import { allows } from '../engine/connectionSet';
import { findEndpoint } from '../engine/endpoints';
import { formatIp } from '../engine/ipRanges';
import { probePorts } from '../engine/probePorts';
import type { Connectivity, Endpoint, EndpointPattern, Expectation, Protocol } from '../engine/types';
import { compareStrings, dumpDocument, selectorYaml, type Yaml } from './emitYaml';

const HEADER = '# Expected verdicts, checked by `netpol check <paths...> --expect <this file>`.\n';

function patternYaml(p: EndpointPattern): string | Yaml {
  if (p.kind === 'endpoint') return p.text;
  const out: Yaml = {};
  if (p.namespace !== undefined) out.namespace = p.namespace;
  if (p.namespaceSelector) out.namespaceSelector = selectorYaml(p.namespaceSelector);
  if (p.podSelector) out.podSelector = selectorYaml(p.podSelector);
  return out;
}

/** An expectations file (`expectations:` list), in the order given. */
export function emitExpectations(expectations: readonly Expectation[]): string {
  const list = expectations.map((e) => ({
    from: patternYaml(e.from),
    to: patternYaml(e.to),
    port: e.port,
    protocol: e.protocol,
    allowed: e.allowed,
  }));
  return `${HEADER}${dumpDocument({ expectations: list })}`;
}

/** A probe as the designer asks it: endpoints by id or IP address. */
export interface ExpectationProbe {
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** How an expectation names an endpoint: a workload by id, an outside piece by its first address. */
function endpointText(e: Endpoint): string {
  if (e.type === 'workload') return e.id;
  const r = e.ranges[0];
  return formatIp(r.family, r.start);
}

/** One verdict worth pinning: the endpoints, as the expectation names them, a port and what the analysis says. */
export interface PinnedVerdict {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** Workload id or an outside piece's first address, as `explain` and `check` read them. */
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  readonly port: number;
  readonly allowed: boolean;
}

/**
 * The verdicts that pin an analysis: with `probes`, one per probe (probes naming no endpoint of the analysis
 * are left out), in their order; without, one per pair of distinct endpoints (not outside to outside) and
 * port worth pinning (see `probePorts`), sorted so the same analysis always gives the same list. Every test
 * format the designer saves (expectations, netassert) is written from this one list.
 */
export function pinnedVerdicts(
  connectivity: Connectivity,
  probes?: readonly ExpectationProbe[],
): PinnedVerdict[] {
  const out: PinnedVerdict[] = [];
  const { endpoints } = connectivity;
  if (probes) {
    for (const p of probes) {
      const i = findEndpoint(endpoints, p.from);
      const j = findEndpoint(endpoints, p.to);
      if (typeof i !== 'number' || typeof j !== 'number') continue;
      const allowed = allows(connectivity.connection(i, j), p.protocol, p.port);
      out.push({
        src: endpoints[i],
        dst: endpoints[j],
        from: p.from,
        to: p.to,
        port: p.port,
        protocol: p.protocol,
        allowed,
      });
    }
    return out;
  }
  endpoints.forEach((src, i) => {
    endpoints.forEach((dst, j) => {
      if (i === j || (src.type === 'external' && dst.type === 'external')) return;
      const conn = connectivity.connection(i, j);
      for (const { protocol, port } of probePorts(dst, conn)) {
        out.push({
          src,
          dst,
          from: endpointText(src),
          to: endpointText(dst),
          port,
          protocol,
          allowed: allows(conn, protocol, port),
        });
      }
    });
  });
  out.sort(
    (a, b) =>
      compareStrings(a.from, b.from) ||
      compareStrings(a.to, b.to) ||
      compareStrings(a.protocol, b.protocol) ||
      a.port - b.port,
  );
  return out;
}

/** An expectations file pinning an analysis (see `pinnedVerdicts`). */
export function expectationsFromMatrix(
  connectivity: Connectivity,
  probes?: readonly ExpectationProbe[],
): string {
  const at = (text: string): EndpointPattern => ({ kind: 'endpoint', text });
  return emitExpectations(
    pinnedVerdicts(connectivity, probes).map((v) => ({
      from: at(v.from),
      to: at(v.to),
      port: v.port,
      protocol: v.protocol,
      allowed: v.allowed,
    })),
  );
}
