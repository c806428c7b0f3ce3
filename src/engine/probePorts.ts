// The ports worth asking about for one pair of endpoints: what an expectations file pins and what the
// designer explains for a matrix cell. One rule, so both answer for the same ports.
import { MAX_PORT, MIN_PORT } from './connectionSet';
import type { ConnectionSet, Endpoint, Protocol } from './types';

export interface ProbePort {
  readonly protocol: Protocol;
  readonly port: number;
}

/**
 * The destination's container ports, then the first port of every allowed range that is not a whole
 * protocol, without repeats; TCP 80 as a representative when that leaves nothing.
 */
export function probePorts(dst: Endpoint, conn: ConnectionSet): ProbePort[] {
  const seen = new Map<string, ProbePort>();
  const add = (protocol: Protocol, port: number) => {
    const key = `${protocol}/${port}`;
    if (!seen.has(key)) seen.set(key, { protocol, port });
  };
  if (dst.type === 'workload') for (const p of dst.workload.ports) add(p.protocol, p.containerPort);
  for (const protocol of ['SCTP', 'TCP', 'UDP'] as const) {
    for (const iv of conn[protocol])
      if (!(iv.start === MIN_PORT && iv.end === MAX_PORT)) add(protocol, iv.start);
  }
  if (seen.size === 0) add('TCP', 80);
  return [...seen.values()];
}
