// Validation of the ports drawn on an edge (NetworkPolicyPort), as the API server checks them.

import { isPortNumber, MAX_PORT } from '../../engine/connectionSet';
import type { NetworkPolicyPort } from '../../engine/types';

const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function invalidEdgePorts(ports: readonly NetworkPolicyPort[]): string | undefined {
  for (const p of ports) {
    if (p.protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(p.protocol))
      return `Protocol ${p.protocol} is not TCP, UDP or SCTP.`;
    if (typeof p.port === 'number') {
      if (!isPortNumber(p.port)) return `Port ${p.port} is out of range: use 1 to ${MAX_PORT}.`;
    } else if (typeof p.port === 'string') {
      if (p.port.length > 15 || !PORT_NAME.test(p.port) || !/[a-z]/.test(p.port))
        return `"${p.port}" is not a port number or a valid port name.`;
    }
    if (p.endPort !== undefined) {
      if (typeof p.port !== 'number') return 'An end port needs a numeric start port.';
      if (!isPortNumber(p.endPort) || p.endPort < p.port)
        return `End port ${p.endPort} must be between ${p.port} and ${MAX_PORT}.`;
    }
  }
  return undefined;
}
