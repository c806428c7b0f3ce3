// The ports of compiled rules: each rule's port entries resolved to an id in the compilation's SetTable, once
// for rules whose ports are fixed, and once per destination class for rules with a named port (which takes its
// number from the destination's containers). Rules with the same port entries share one resolution.
import { adminPortConnections } from './adminPolicy';
import { noConnections, union } from './connectionSet';
import { portEntryConnections } from './policy';
import { ALL_ID, type SetTable } from './setTable';
import type { AdminPort, ConnectionSet, NetworkPolicyPort, Workload } from './types';

/**
 * Ports of a rule as a function of the destination (a class, or -1 for outside the cluster), as ids in the
 * compilation's SetTable.
 */
export interface RulePorts {
  /** Set when the ports do not depend on the destination (no named port). */
  readonly fixed?: number;
  readonly at: (dst: number) => number;
}

const ALL_PORTS: RulePorts = { fixed: ALL_ID, at: () => ALL_ID };

export class RulePortsResolver {
  private readonly cache = new Map<string, RulePorts>();

  /**
   * `universe`: classes then address pieces; `classRepresentative`: one workload per class, whose container
   * ports a named port resolves against.
   */
  constructor(
    private readonly table: SetTable,
    private readonly universe: number,
    private readonly classRepresentative: readonly Workload[],
  ) {}

  /** A NetworkPolicy rule's `ports`; absent or empty: every port. */
  networkPolicy(ports: readonly NetworkPolicyPort[] | undefined): RulePorts {
    if (!ports || ports.length === 0) return ALL_PORTS;
    return this.shared('np', ports, () =>
      this.resolve(
        ports.every((p) => typeof p.port !== 'string'),
        (dst) => ports.reduce((acc, p) => union(acc, portEntryConnections(p, dst)), noConnections()),
      ),
    );
  }

  /** An admin rule's `ports` / `protocols`; absent or empty: every port. */
  admin(ports: readonly AdminPort[] | undefined): RulePorts {
    if (!ports || ports.length === 0) return ALL_PORTS;
    return this.shared('admin', ports, () =>
      this.resolve(
        ports.every((p) => !('namedPort' in p)),
        (dst) => ports.reduce((acc, p) => union(acc, adminPortConnections(p, dst)), noConnections()),
      ),
    );
  }

  private shared(kind: string, ports: readonly unknown[], make: () => RulePorts): RulePorts {
    const key = kind + JSON.stringify(ports);
    let hit = this.cache.get(key);
    if (!hit) {
      hit = make();
      this.cache.set(key, hit);
    }
    return hit;
  }

  private resolve(fixed: boolean, connections: (dst: Workload | undefined) => ConnectionSet): RulePorts {
    const compute = (dst: number) => this.table.id(connections(this.destination(dst)));
    if (fixed) {
      const id = this.table.id(this.table.set(compute(-1)));
      return { fixed: id, at: () => id };
    }
    return cachedPorts(this.universe, compute);
  }

  private destination(dst: number): Workload | undefined {
    return dst >= 0 && dst < this.classRepresentative.length ? this.classRepresentative[dst] : undefined;
  }
}

/** Ports that depend on the destination's named ports, computed once per destination class. */
function cachedPorts(universe: number, compute: (dst: number) => number): RulePorts {
  let cache: Int32Array | undefined;
  return {
    at: (dst) => {
      cache ??= new Int32Array(universe + 1).fill(-1);
      let hit = cache[dst + 1];
      if (hit < 0) {
        hit = compute(dst);
        cache[dst + 1] = hit;
      }
      return hit;
    },
  };
}
