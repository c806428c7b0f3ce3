// The shared context of one lint run: namespace labels, workload indices, and the full analysis, computed
// lazily so rules that do not need it cost nothing.
import { analyze, type ClassConnectivity } from '../analyze';
import { namespaceTable } from '../classes';
import type { Cluster, PolicySet, Workload } from '../types';
import type { LintContext, LintOptions } from './types';

export function lintContext(cluster: Cluster, policies: PolicySet, options: LintOptions = {}): LintContext {
  const table = namespaceTable(cluster);
  const index = new Map<Workload, number>(cluster.workloads.map((w, i) => [w, i]));
  let connectivity: ClassConnectivity | undefined;
  return {
    cluster,
    policies,
    options,
    nsLabels: table.labelsOf,
    namespaceNames: table.names,
    connectivity() {
      connectivity ??= analyze(cluster, policies, { ipBlockMatchesPodIPs: options.ipBlockMatchesPodIPs });
      return connectivity;
    },
    workloadIndex(w) {
      const i = index.get(w);
      if (i === undefined) throw new Error(`workload ${w.namespace}/${w.name} is not in the linted cluster`);
      return i;
    },
  };
}
