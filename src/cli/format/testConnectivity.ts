// A hand-built Connectivity for the format tests, so they pin down the output shape without depending on how
// the engine evaluates policies. Test support only.
import { allConnections, noConnections, portsOf, union } from '../../engine/connectionSet';
import type { Connection, ConnectionSet, Connectivity, Endpoint, IpRange } from '../../engine/types';

export function workload(namespace: string, name: string, kind = 'Deployment'): Endpoint {
  return {
    type: 'workload',
    id: `${namespace}/${name}[${kind}]`,
    workload: { namespace, name, kind, labels: { app: name }, ports: [] },
  };
}

export function external(id: string, ranges: IpRange[]): Endpoint {
  return { type: 'external', id, ranges };
}

/** A Connectivity over the given endpoints with the given allowed sets; every other pair has none. */
export function connectivityOf(
  endpoints: Endpoint[],
  allowed: [src: Endpoint, dst: Endpoint, conn: ConnectionSet][],
): Connectivity {
  const index = (e: Endpoint) => endpoints.indexOf(e);
  const table = new Map(allowed.map(([s, d, c]) => [`${index(s)}>${index(d)}`, c]));
  return {
    endpoints,
    connection: (s, d) => table.get(`${s}>${d}`) ?? noConnections(),
    connections(): Connection[] {
      // Deliberately in an order other than the sorted one, so the formats must sort.
      return [...allowed].reverse().map(([src, dst, conn]) => ({ src, dst, conn }));
    },
  };
}

const frontend = workload('shop', 'frontend');
const backend = workload('shop', 'backend');
const db = workload('data', 'db', 'StatefulSet');
const lonely = workload('data', 'lonely', 'Pod');
const world = external('0.0.0.0-255.255.255.255[External]', [{ family: 4, start: 0n, end: 2n ** 32n - 1n }]);

/** Three tiers: the world reaches the frontend, the frontend the backend on 8080, the backend the db. */
export function threeTier(): Connectivity {
  return connectivityOf(
    [frontend, backend, db, lonely, world],
    [
      [world, frontend, portsOf('TCP', 443)],
      [frontend, backend, portsOf('TCP', 8080)],
      [backend, db, union(portsOf('TCP', 5432), portsOf('UDP', 53))],
      [db, world, allConnections()],
    ],
  );
}
