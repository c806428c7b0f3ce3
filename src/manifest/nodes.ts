// Node objects of the inventory (v1 Node): their name, labels and IP addresses, which the `nodes` peers of
// cluster-wide policies select by label ("It selects the nodeIPs as the peer type by matching on the IPs present
// in the node.Status.Addresses field of the node"). A host-network pod has its node's address: a Pod with
// `spec.hostNetwork: true` and `spec.nodeName` and no `status.podIPs` takes the addresses of that Node.
import { parseIp } from '../engine/ipRanges';
import type { ClusterNode } from '../engine/types';
import { objectNameProblem } from './kubeValidation';
import { isMap, newReader, readLabels, readList, report, showValue, type YamlMap } from './reader';
import type { Diagnostic, Origin } from './types';
import type { WorkloadPart } from './workloads';

/** `status.addresses` types that hold an IP address (Hostname, InternalDNS and ExternalDNS hold names). */
const IP_TYPES = new Set(['InternalIP', 'ExternalIP']);

/** A Node as the analysis sees it; undefined (with an error) when it has no valid name. */
export function readNode(obj: YamlMap, origin: Origin, diagnostics: Diagnostic[]): ClusterNode | undefined {
  const r = newReader(origin, 'Node', diagnostics, ' (skipped)');
  const md = isMap(obj.metadata) ? obj.metadata : {};
  if (typeof md.name !== 'string' || md.name === '') {
    report(r, isMap(obj.metadata) ? ['metadata'] : [], 'error', 'metadata.name is missing');
    return undefined;
  }
  const problem = objectNameProblem('Node', md.name);
  if (problem) {
    report(r, ['metadata', 'name'], 'error', problem);
    return undefined;
  }
  const named = newReader(origin, `Node ${md.name}`, diagnostics);
  const labels = readLabels(named, md.labels, ['metadata', 'labels'], 'labels', false) ?? {};
  const addresses: string[] = [];
  const status = isMap(obj.status) ? obj.status : {};
  readList(named, status.addresses, ['status', 'addresses'], 'node addresses')?.forEach((a, i) => {
    if (!isMap(a) || !IP_TYPES.has(String(a.type))) return;
    if (typeof a.address === 'string' && parseIp(a.address)) {
      if (!addresses.includes(a.address)) addresses.push(a.address);
    } else
      report(
        named,
        ['status', 'addresses', i, 'address'],
        'warning',
        `expected an IP address, found ${showValue(a.address)}; ignored`,
      );
  });
  return { name: md.name, labels, addresses };
}

/** Nodes by name (the first definition wins, with a warning for the others), sorted by name. */
export function uniqueNodes(
  found: readonly { node: ClusterNode; origin: Origin }[],
  diagnostics: Diagnostic[],
): ClusterNode[] {
  const byName = new Map<string, ClusterNode>();
  for (const { node, origin } of found) {
    if (byName.has(node.name)) {
      const r = newReader(origin, `Node ${node.name}`, diagnostics);
      report(r, [], 'warning', 'is defined again; the first definition is used');
    } else byName.set(node.name, node);
  }
  return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Host-network pods without a known address take their node's addresses. */
export function withNodeAddresses(
  parts: readonly WorkloadPart[],
  nodes: readonly ClusterNode[],
): WorkloadPart[] {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  return parts.map((p) => {
    const node = p.hostNetworkNode === undefined ? undefined : byName.get(p.hostNetworkNode);
    return node && p.podIPs.length === 0 && node.addresses.length > 0 ? { ...p, podIPs: node.addresses } : p;
  });
}
