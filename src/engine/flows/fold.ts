// Folds a capture's records into distinct flows as they are read, so a capture of any length costs memory
// in proportion to its distinct traffic: replies are the other half of a connection already counted, and the
// same connection seen at both ends (Hubble reports egress at the source and ingress at the destination) is
// one flow.
import type { Protocol } from '../types';
import type { FlowResolver } from './resolve';
import type { FlowEndpoint, FlowPeer, FlowRecord, ObservedFlow } from './types';

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
    const dropped = record.verdict === 'DROPPED' || record.verdict === 'ERROR';
    this.bucket(record.src, record.dst, record.protocol, record.port, record.line, {
      count: 1,
      delivered: dropped ? 0 : 1,
      dropped: dropped ? 1 : 0,
    });
  }

  /**
   * Folds in traffic that was folded once already (a stored capture, read again against an edited
   * inventory): its counts add up as its records would have, and the first line is the earliest.
   */
  addFolded(
    src: FlowPeer,
    dst: FlowPeer,
    protocol: Protocol,
    port: number,
    counts: {
      readonly count: number;
      readonly delivered: number;
      readonly dropped: number;
      readonly line: number;
    },
  ): void {
    this.records += counts.count;
    this.bucket(src, dst, protocol, port, counts.line, counts);
  }

  private bucket(
    srcPeer: FlowPeer,
    dstPeer: FlowPeer,
    protocol: Protocol,
    port: number,
    line: number,
    counts: { readonly count: number; readonly delivered: number; readonly dropped: number },
  ): void {
    const src = this.resolver.resolve(srcPeer).endpoint;
    const dst = this.resolver.resolve(dstPeer).endpoint;
    const key = `${endpointKey(src)}>${endpointKey(dst)}:${protocol}/${port}`;
    let b = this.buckets.get(key);
    if (!b) {
      b = { src, dst, protocol, port, count: 0, delivered: 0, dropped: 0, line };
      this.buckets.set(key, b);
    }
    b.count += counts.count;
    b.delivered += counts.delivered;
    b.dropped += counts.dropped;
    if (line < b.line) b.line = line;
  }

  /** Distinct flows so far. */
  get size(): number {
    return this.buckets.size;
  }

  stats(): FoldStats {
    return { records: this.records, replies: this.replies };
  }

  /** The distinct flows, in the order of their first record. */
  flows(): ObservedFlow[] {
    return [...this.buckets.values()].map((b) => ({ ...b }));
  }
}
