// Saving what the designer shows as an expectations file for `netpol check`: the whole current matrix, or
// the probes the user chose. Probe endpoints are canvas references (workload ids, `ext:` blocks, `any`),
// turned into what the file names: workload ids with their kind, and an external block's first address.

import { analyze } from '../engine/analyze';
import { workloadId as endpointName } from '../engine/endpoints';
import { formatIp } from '../engine/ipRanges';
import type { AnalysisOptions } from '../engine/types';
import { type ExpectationProbe, expectationsFromMatrix, netassertFromMatrix } from '../manifest';
import { rangesOfNode } from './blocked';
import { toCluster, toPolicySet } from './model';
import { ANY_REF, type DesignDoc, type ProbeRequest } from './types';

/** The file names the UI offers when saving. */
export const EXPECTATIONS_FILE = 'netpol-expectations.yaml';
export const NETASSERT_FILE = 'netassert-tests.yaml';

/** The formats a pinned matrix is saved in: `netpol check` expectations, or NetAssert v2 tests. */
export type TestFormat = 'expectations' | 'netassert';

function endpointText(doc: DesignDoc, ref: string): string | undefined {
  const t = ref.trim();
  if (t.startsWith('ext:') || t === ANY_REF) {
    const ranges = rangesOfNode(doc, t);
    return ranges && ranges.length > 0 ? formatIp(ranges[0].family, ranges[0].start) : undefined;
  }
  const w = doc.workloads.find((x) => x.id === t);
  return w ? endpointName(w) : t;
}

function resolveProbes(doc: DesignDoc, probes: readonly ProbeRequest[]): ExpectationProbe[] {
  const resolved: ExpectationProbe[] = [];
  for (const p of probes) {
    const from = endpointText(doc, p.from);
    const to = endpointText(doc, p.to);
    if (from !== undefined && to !== undefined)
      resolved.push({ from, to, port: p.port, protocol: p.protocol });
  }
  return resolved;
}

/**
 * A test file pinning the document's connectivity, in `format`: one verdict per probe when `probes` are
 * given (probes naming nothing in the document are left out), else the whole matrix.
 */
export function testsYaml(
  doc: DesignDoc,
  format: TestFormat,
  probes?: readonly ProbeRequest[],
  options: AnalysisOptions = {},
): string {
  const connectivity = analyze(toCluster(doc), toPolicySet(doc), options);
  const resolved = probes ? resolveProbes(doc, probes) : undefined;
  return format === 'netassert'
    ? netassertFromMatrix(connectivity, resolved)
    : expectationsFromMatrix(connectivity, resolved);
}

/** An expectations file for `netpol check` (see `testsYaml`). */
export function expectationsYaml(
  doc: DesignDoc,
  probes?: readonly ProbeRequest[],
  options: AnalysisOptions = {},
): string {
  return testsYaml(doc, 'expectations', probes, options);
}
