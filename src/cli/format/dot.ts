// The dot format: a Graphviz digraph of the connectivity. Namespaces are clusters holding their workloads,
// external address ranges are ellipses outside them, edges carry the allowed connections. Every workload is
// drawn (an isolated one is worth seeing), external ranges only when something connects to them. Clusters,
// nodes and edges are written in byte order, so the same input gives the same file.
import type { Connectivity, Endpoint } from '../../engine/types';
import { compareBytes, connectionRows } from './rows';

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

export function formatDot(connectivity: Connectivity): string {
  const rows = connectionRows(connectivity);
  const connected = new Set<string>();
  for (const r of rows) {
    connected.add(r.src);
    connected.add(r.dst);
  }

  const byNamespace = new Map<string, Endpoint[]>();
  const externals: string[] = [];
  for (const e of connectivity.endpoints) {
    if (e.type === 'workload') {
      const list = byNamespace.get(e.workload.namespace) ?? [];
      list.push(e);
      byNamespace.set(e.workload.namespace, list);
    } else if (connected.has(e.id)) externals.push(e.id);
  }

  const out = [
    'digraph netpol {',
    '  rankdir=LR;',
    '  node [shape=box, style=rounded, fontname="Helvetica"];',
    '  edge [fontname="Helvetica", fontsize=10];',
  ];
  const namespaces = [...byNamespace.keys()].sort(compareBytes);
  namespaces.forEach((ns, i) => {
    out.push(`  subgraph cluster_${i} {`);
    out.push(`    label=${dotString(ns)};`);
    const members = (byNamespace.get(ns) ?? []).slice().sort((a, b) => compareBytes(a.id, b.id));
    for (const e of members) {
      const label = e.type === 'workload' ? `${e.workload.name}[${e.workload.kind}]` : e.id;
      out.push(`    ${dotString(e.id)} [label=${dotString(label)}];`);
    }
    out.push('  }');
  });
  for (const id of externals.sort(compareBytes)) {
    out.push(`  ${dotString(id)} [label=${dotString(externalLabel(id))}, shape=ellipse];`);
  }
  for (const r of rows)
    out.push(`  ${dotString(r.src)} -> ${dotString(r.dst)} [label=${dotString(r.conn)}];`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
