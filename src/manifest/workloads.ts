// Reads Pods and workload objects into the pods they stand for: one endpoint per workload object (its pod
// template's labels and container ports), and Pods collapsed into their controlling owner one level up
// (`ns/owner[OwnerKind]`), as the conformance README names them. Problems in a workload never drop it:
// a bad port is left out with a warning, since the endpoint still exists in the cluster.

import { isPortNumber, MAX_PORT } from '../engine/connectionSet';
import { ownValue } from '../engine/records';
import type { ContainerPort, Labels } from '../engine/types';
import { objectNameProblem, quoteForMessage } from './kubeValidation';
import { readObjectName, readProtocol } from './networkPolicy';
import {
  isMap,
  newReader,
  type Reader,
  readLabels,
  readList,
  readMap,
  readString,
  report,
  showValue,
  type YamlMap,
} from './reader';
import type { Diagnostic, Origin, YamlPath } from './types';

/** Where each workload kind keeps its pod template. */
export const TEMPLATE_PATHS: Readonly<Record<string, YamlPath>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** One object's contribution to a workload; parts with the same identity are merged by the cluster builder. */
export interface WorkloadPart {
  readonly namespace: string;
  readonly name: string;
  readonly kind: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly podIPs: readonly string[];
  /** A Pod collapsed into its owner (true), or the object itself. */
  readonly fromPod: boolean;
  /** The Pod's own name, to order the pods of one owner deterministically. */
  readonly podName: string;
  /** `spec.hostNetwork: true` in the Pod or the pod template. */
  readonly hostNetwork: boolean;
  /** A Pod with `spec.hostNetwork: true`: the `spec.nodeName` whose addresses it has. */
  readonly hostNetworkNode?: string;
  readonly origin: Origin;
}

function at(v: unknown, path: YamlPath): unknown {
  let cur = v;
  for (const seg of path) cur = isMap(cur) ? ownValue(cur, String(seg)) : undefined;
  return cur;
}

function readContainerPorts(r: Reader, podSpec: unknown, path: YamlPath): ContainerPort[] {
  const ports: ContainerPort[] = [];
  const spec = readMap(r, podSpec, path, 'a pod spec');
  if (!spec) return ports;
  readList(r, spec.containers, [...path, 'containers'], 'containers')?.forEach((c, ci) => {
    const cpath = [...path, 'containers', ci];
    if (!isMap(c)) return;
    readList(r, c.ports, [...cpath, 'ports'], 'container ports')?.forEach((p, pi) => {
      const ppath = [...cpath, 'ports', pi];
      if (!isMap(p)) {
        report(
          r,
          ppath,
          'warning',
          `expected a container port {name, containerPort, protocol}, found ${showValue(p)}; ignored`,
        );
        return;
      }
      const n = p.containerPort;
      if (n === undefined || n === null) {
        report(r, ppath, 'warning', 'a container port needs `containerPort`; port ignored');
        return;
      }
      if (!isPortNumber(n)) {
        report(
          r,
          [...ppath, 'containerPort'],
          'warning',
          `containerPort must be a port number 1..${MAX_PORT}, found ${showValue(n)}; port ignored`,
        );
        return;
      }
      const protocol = readProtocol(r, p.protocol, [...ppath, 'protocol'], 'warning');
      if (!protocol) return;
      const name = typeof p.name === 'string' && p.name !== '' ? p.name : undefined;
      ports.push(name === undefined ? { containerPort: n, protocol } : { name, containerPort: n, protocol });
    });
  });
  return ports;
}

function readPodIPs(status: unknown): string[] {
  if (!isMap(status)) return [];
  const ips: string[] = [];
  if (Array.isArray(status.podIPs))
    for (const e of status.podIPs)
      if (isMap(e) && typeof e.ip === 'string' && !ips.includes(e.ip)) ips.push(e.ip);
  if (ips.length === 0 && typeof status.podIP === 'string' && status.podIP !== '') ips.push(status.podIP);
  return ips;
}

function hostNetworkNode(spec: unknown): { hostNetworkNode?: string } {
  return isMap(spec) && spec.hostNetwork === true && typeof spec.nodeName === 'string' && spec.nodeName !== ''
    ? { hostNetworkNode: spec.nodeName }
    : {};
}

const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

/**
 * The controlling owner that names a Pod (never a Node: static pods keep their own name). An owner reference
 * without a kind still groups the pods under the owner's name, as kind Pod (netpol-analyzer does the same).
 */
function controllingOwner(r: Reader, metadata: YamlMap): { kind: string; name: string } | undefined {
  const owners = readList(r, metadata.ownerReferences, ['metadata', 'ownerReferences'], 'owner references');
  for (const [i, o] of (owners ?? []).entries()) {
    if (!isMap(o) || o.controller !== true || typeof o.name !== 'string' || o.name === '') continue;
    const kind = typeof o.kind === 'string' && o.kind !== '' ? o.kind : 'Pod';
    // The owner names the workload in every output: its name and kind must be ones Kubernetes allows.
    const problem = KIND.test(kind)
      ? objectNameProblem(kind, o.name)
      : `owner kind ${quoteForMessage(kind)} is not valid: a kind is a letter followed by letters and digits`;
    if (problem) {
      report(r, ['metadata', 'ownerReferences', i], 'warning', `${problem}; the pod keeps its own name`);
      return undefined;
    }
    if (kind !== 'Node') return { kind, name: o.name };
  }
  return undefined;
}

/** A Pod or workload object as a WorkloadPart; undefined (with an error) when it has no name. */
export function readWorkload(
  kind: string,
  obj: YamlMap,
  origin: Origin,
  diagnostics: Diagnostic[],
): WorkloadPart | undefined {
  const r = newReader(origin, kind, diagnostics, ' (skipped)');
  const id = readObjectName(r, obj, true, kind);
  if (!id) return undefined;
  const named = newReader(origin, `${kind} ${id.namespace}/${id.name}`, diagnostics);
  if (kind === 'Pod') {
    const labels = readLabels(named, id.metadata.labels, ['metadata', 'labels'], 'labels', false) ?? {};
    const owner = controllingOwner(named, id.metadata);
    return {
      namespace: id.namespace,
      name: owner ? owner.name : id.name,
      kind: owner ? owner.kind : 'Pod',
      labels,
      ports: readContainerPorts(named, obj.spec, ['spec']),
      podIPs: readPodIPs(obj.status),
      hostNetwork: isMap(obj.spec) && obj.spec.hostNetwork === true,
      fromPod: owner !== undefined,
      podName: id.name,
      ...hostNetworkNode(obj.spec),
      origin,
    };
  }
  const templatePath = ownValue(TEMPLATE_PATHS, kind) ?? ['spec', 'template'];
  const template = at(obj, templatePath);
  if (template !== undefined && !isMap(template))
    report(
      named,
      templatePath,
      'warning',
      `expected a pod template (a mapping), found ${showValue(template)}`,
    );
  const labelsPath = [...templatePath, 'metadata', 'labels'];
  const labels = readLabels(named, at(obj, labelsPath), labelsPath, 'labels', false) ?? {};
  const name = readString(named, id.name, ['metadata', 'name']) ?? id.name;
  return {
    namespace: id.namespace,
    name,
    kind,
    labels,
    ports: readContainerPorts(named, at(template, ['spec']), [...templatePath, 'spec']),
    podIPs: [],
    hostNetwork: at(template, ['spec', 'hostNetwork']) === true,
    fromPod: false,
    podName: '',
    origin,
  };
}
