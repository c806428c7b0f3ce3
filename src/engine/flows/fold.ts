// Folds a capture's records into distinct flows as they are read, so a capture of any length costs memory
// in proportion to its distinct traffic: replies are the other half of a connection already counted, and the
// same connection seen at both ends (Hubble reports egress at the source and ingress at the destination) is
// one flow.
import type { Protocol } from '../types';
import type { FlowResolver } from './resolve';
import type { FlowEndpoint, FlowRecord, ObservedFlow } from './types';

interface Bucket {
  src: FlowEndpoint;
  dst: FlowEndpoint;
  protocol: Protocol;
  port: number;
  count: number;
  delivered: number;
  dropped: number;
  line: number;
}

export interface FoldStats {
  readonly records: number;
  readonly replies: number;
}

function endpointKey(e: FlowEndpoint): string {
  switch (e.kind) {
    case 'workload':
      return `w${e.index}`;
    case 'external':
      return `a${e.family}:${e.value}`;
    case 'unresolved':
      return `u${e.reason}`;
  }
}

export class FlowFolder {
  private readonly buckets = new Map<string, Bucket>();
  private records = 0;
  private replies = 0;

  constructor(private readonly resolver: FlowResolver) {}

  add(record: FlowRecord): void {
    this.records++;
    if (record.reply === true) {
      this.replies++;
      return;
    }
    const src = this.resolver.resolve(record.src).endpoint;
    const dst = this.resolver.resolve(record.dst).endpoint;
    const key = `${endpointKey(src)}>${endpointKey(dst)}:${record.protocol}/${record.port}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = {
        src,
        dst,
        protocol: record.protocol,
        port: record.port,
        count: 0,
        delivered: 0,
        dropped: 0,
        line: record.line,
      };
      this.buckets.set(key, b);
    }
    b.count++;
    if (record.verdict === 'DROPPED' || record.verdict === 'ERROR') b.dropped++;
    else b.delivered++;
  }

  stats(): FoldStats {
    return { records: this.records, replies: this.replies };
  }

  /** The distinct flows, in the order of their first record. */
  flows(): ObservedFlow[] {
    return [...this.buckets.values()].map((b) => ({ ...b }));
  }
}
