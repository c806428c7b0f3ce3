// Observed traffic, as the engine sees it: one record per flow a capture holds (already read and checked by
// the manifest layer), the endpoint each side resolves to, and the folded flows the simulator classifies.
// Names follow Hubble's Flow message where they come from it (`verdict`, `is_reply` as `reply`).
import type { ConnectionSet, Labels, Protocol } from '../types';

/** The workload a pod belongs to, as the capture names it (Hubble's `workloads[]`). */
export interface FlowWorkloadRef {
  readonly name: string;
  readonly kind: string;
}

/**
 * One side of a flow as the capture describes it. In-cluster pods have a `namespace`; addresses outside the
 * cluster have only an `ip`. The plain format names a workload directly with `ref` (`ns/name[Kind]`).
 */
export interface FlowPeer {
  readonly namespace?: string;
  readonly podName?: string;
  readonly workloads?: readonly FlowWorkloadRef[];
  /** The pod's own labels (Cilium's `k8s:` source, its own `io.cilium.k8s.*` bookkeeping left out). */
  readonly labels?: Labels;
  /** Cilium's reserved identities without the prefix: `world`, `host`, `remote-node`, `kube-apiserver`, … */
  readonly reserved?: readonly string[];
  readonly ip?: string;
  /** Plain format: `namespace/name` or `namespace/name[Kind]`. */
  readonly ref?: string;
}

/** Hubble's verdicts; `UNKNOWN` for plain records, which only list traffic that happened. */
export type ObservedVerdict =
  | 'FORWARDED'
  | 'DROPPED'
  | 'ERROR'
  | 'AUDIT'
  | 'REDIRECTED'
  | 'TRACED'
  | 'TRANSLATED'
  | 'UNKNOWN';

export interface FlowRecord {
  readonly src: FlowPeer;
  readonly dst: FlowPeer;
  readonly protocol: Protocol;
  /** The destination port of the connection (the server's port). */
  readonly port: number;
  readonly verdict: ObservedVerdict;
  /** True for a packet in the reply direction; undefined when the capture does not say. */
  readonly reply?: boolean;
  /** 1-based line of the capture it was read from. */
  readonly line: number;
}

/** What one side of a flow resolves to. `index` points into the (augmented) cluster's workloads. */
export type FlowEndpoint =
  | { readonly kind: 'workload'; readonly index: number }
  | { readonly kind: 'external'; readonly ip: string; readonly family: 4 | 6; readonly value: bigint }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** How a workload endpoint was found, strongest first; `added` when the inventory did not have it. */
export type MatchedBy = 'workload' | 'labels' | 'pod-name' | 'pod-ip' | 'ref' | 'added';

/** Distinct traffic: every record with the same endpoints, protocol and port, replies left out. */
export interface ObservedFlow {
  readonly src: FlowEndpoint;
  readonly dst: FlowEndpoint;
  readonly protocol: Protocol;
  readonly port: number;
  /** Records folded into it. */
  readonly count: number;
  /** Records that the cluster let through (every verdict but DROPPED and ERROR). */
  readonly delivered: number;
  /** Records the cluster dropped. */
  readonly dropped: number;
  /** Line of its first record. */
  readonly line: number;
}

/**
 * A flow as the simulator judges it against the policy set (see `judgeObserved`): traffic the cluster
 * delivered is `allowed` or `denied` (the policies would break it); traffic it only ever dropped is
 * `dropped-denied` (the policies deny it too: expected) or `dropped-allowed` (the policies allow it: the cluster
 * and the policies disagree). `unresolved` when a side cannot be placed.
 */
export type FlowClass = 'allowed' | 'denied' | 'dropped-allowed' | 'dropped-denied' | 'unresolved';

export interface ClassifiedFlow {
  readonly flow: ObservedFlow;
  readonly class: FlowClass;
  /** Endpoint ids as `analyze` prints them (`ns/name[Kind]`, an address). */
  readonly srcId: string;
  readonly dstId: string;
}

/** An allowed pair that no flow used: a permission the capture never needed. */
export interface UnusedPermission {
  readonly srcId: string;
  readonly dstId: string;
  readonly conn: ConnectionSet;
}

export interface FlowCoverage {
  readonly workloads: number;
  readonly isolatedIngress: number;
  readonly isolatedEgress: number;
  /**
   * Allowed pairs (workload or address piece, at least one a workload) and how many of them a flow the
   * cluster delivered used.
   */
  readonly allowedPairs: number;
  readonly observedAllowedPairs: number;
}

export interface FlowReport {
  readonly flows: readonly ClassifiedFlow[];
  readonly unused: readonly UnusedPermission[];
  readonly coverage: FlowCoverage;
}
