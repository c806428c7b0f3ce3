// The ports worth asking about for one pair of endpoints: what an expectations file pins and what the
// designer explains for a matrix cell. One rule, so both answer for the same ports.
import { MAX_PORT, MIN_PORT } from './connectionSet';
import type { ConnectionSet, Endpoint, Protocol } from './types';

export interface ProbePort {
  readonly protocol: Protocol;
  readonly port: number;
  /**
   * Why this port: a container port of the destination, the first port of a range the pair is allowed, or
   * an example (nothing is allowed and the destination declares no port, so any port gives the same answer
   * as long as no rule names it).
   */
  readonly why: 'containerPort' | 'allowedRange' | 'example';
}

/**
 * The destination's container ports, then the first port of every allowed range that is not a whole
 * protocol, without repeats; TCP 80 as a representative when that leaves nothing.
 */
export function probePorts(dst: Endpoint, conn: ConnectionSet): ProbePort[] {
  const seen = new Map<string, ProbePort>();
  const add = (protocol: Protocol, port: number, why: ProbePort['why']) => {
    const key = `${protocol}/${port}`;
    if (!seen.has(key)) seen.set(key, { protocol, port, why });
  };
  if (dst.type === 'workload')
    for (const p of dst.workload.ports) add(p.protocol, p.containerPort, 'containerPort');
  for (const protocol of ['SCTP', 'TCP', 'UDP'] as const) {
    for (const iv of conn[protocol])
      if (!(iv.start === MIN_PORT && iv.end === MAX_PORT)) add(protocol, iv.start, 'allowedRange');
  }
  if (seen.size === 0) add('TCP', 80, 'example');
  return [...seen.values()];
}
