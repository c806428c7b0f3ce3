// The dot format: a Graphviz digraph of the connectivity. Namespaces are clusters holding their workloads,
// external address ranges are ellipses outside them, edges carry the allowed connections. Every workload is
// drawn (an isolated one is worth seeing), external ranges only when something connects to them. Clusters,
// nodes and edges are written in byte order, so the same input gives the same file.
import type { Connectivity, Endpoint } from '../../engine/types';
import { compareBytes, connectedEndpoints, forEachRow, outputOrder } from './rows';
import { collect, type Sink } from './sink';

/** A DOT double-quoted string; user-provided names can hold quotes or backslashes. */
export function dotString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n')}"`;
}

const EXTERNAL_SUFFIX = '[External]';

function externalLabel(id: string): string {
  const ranges = id.endsWith(EXTERNAL_SUFFIX) ? id.slice(0, -EXTERNAL_SUFFIX.length) : id;
  // One range per line keeps a node with many pieces narrow.
  return ranges.split(', ').join('\n');
}

export function writeDot(connectivity: Connectivity, out: Sink): void {
  const order = outputOrder(connectivity);
  const connected = connectedEndpoints(connectivity, order);

  const byNamespace = new Map<string, Endpoint[]>();
  const externals: string[] = [];
  connectivity.endpoints.forEach((e, i) => {
    if (e.type === 'workload') {
      const list = byNamespace.get(e.workload.namespace) ?? [];
      list.push(e);
      byNamespace.set(e.workload.namespace, list);
    } else if (connected(i)) externals.push(e.id);
  });

  out(
    'digraph netpol {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname="Helvetica"];\n  edge [fontname="Helvetica", fontsize=10];\n',
  );
  const namespaces = [...byNamespace.keys()].sort(compareBytes);
  namespaces.forEach((ns, i) => {
    out(`  subgraph cluster_${i} {\n    label=${dotString(ns)};\n`);
    const members = (byNamespace.get(ns) ?? []).slice().sort((a, b) => compareBytes(a.id, b.id));
    for (const e of members) {
      const label = e.type === 'workload' ? `${e.workload.name}[${e.workload.kind}]` : e.id;
      out(`    ${dotString(e.id)} [label=${dotString(label)}];\n`);
    }
    out('  }\n');
  });
  for (const id of externals.sort(compareBytes)) {
    out(`  ${dotString(id)} [label=${dotString(externalLabel(id))}, shape=ellipse];\n`);
  }
  const ids = connectivity.endpoints.map((e) => dotString(e.id));
  const conns = new Map<string, string>();
  forEachRow(
    connectivity,
    (s, d, conn) => {
      let label = conns.get(conn);
      if (label === undefined) {
        label = dotString(conn);
        conns.set(conn, label);
      }
      out(`  ${ids[s]} -> ${ids[d]} [label=${label}];\n`);
    },
    order,
  );
  out('}\n');
}

export function formatDot(connectivity: Connectivity): string {
  return collect((out) => writeDot(connectivity, out));
}
