// The rows of the ports editor (edge ports: numeric, named, ranges, or any) and their conversion to and from
// NetworkPolicyPort. Text fields stay as typed until the user applies them; parsing reports what is wrong in
// words the user can act on.

import { isPortNumber, MAX_PORT } from '../engine/connectionSet';
import type { NetworkPolicyPort, Protocol } from '../engine/types';

export interface PortRow {
  readonly protocol: Protocol;
  /** Empty: every port of the protocol; digits: a port number; otherwise a container port name. */
  readonly port: string;
  /** Empty or digits; only with a numeric port. */
  readonly endPort: string;
}

export function rowsFromPorts(ports: readonly NetworkPolicyPort[] | undefined): PortRow[] {
  return (ports ?? []).map((p) => ({
    protocol: p.protocol ?? 'TCP',
    port: p.port === undefined ? '' : String(p.port),
    endPort: p.endPort === undefined ? '' : String(p.endPort),
  }));
}

const DIGITS = /^\d+$/;

export function portsFromRows(
  rows: readonly PortRow[],
): { readonly ports: NetworkPolicyPort[]; readonly error?: undefined } | { readonly error: string } {
  const ports: NetworkPolicyPort[] = [];
  for (const [i, row] of rows.entries()) {
    const where = rows.length > 1 ? ` (row ${i + 1})` : '';
    const port = row.port.trim();
    const endPort = row.endPort.trim();
    if (port === '') {
      if (endPort !== '') return { error: `An end port needs a start port${where}.` };
      ports.push({ protocol: row.protocol });
      continue;
    }
    if (!DIGITS.test(port)) {
      if (endPort !== '') return { error: `A port range needs a numeric start port, not "${port}"${where}.` };
      ports.push({ protocol: row.protocol, port });
      continue;
    }
    const n = Number(port);
    if (!isPortNumber(n)) return { error: `Port ${port} is outside 1–${MAX_PORT}${where}.` };
    if (endPort === '') {
      ports.push({ protocol: row.protocol, port: n });
      continue;
    }
    if (!DIGITS.test(endPort)) return { error: `End port "${endPort}" is not a number${where}.` };
    const e = Number(endPort);
    if (e < n || e > MAX_PORT)
      return { error: `End port ${endPort} must be between ${n} and ${MAX_PORT}${where}.` };
    ports.push(
      e === n ? { protocol: row.protocol, port: n } : { protocol: row.protocol, port: n, endPort: e },
    );
  }
  return { ports };
}
