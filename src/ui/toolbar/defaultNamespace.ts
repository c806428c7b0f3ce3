// Which namespace "Add workload" starts with: the selected node's, else the one the user last added a
// workload or a namespace to, else the first. (The alphabetically first is rarely the one being built: in the
// three-tier example it is kube-system.)
import { namespaceOfRef } from '../../design/model';
import type { DesignDoc } from '../../design/types';

let last: string | undefined;

export function rememberNamespace(name: string): void {
  last = name;
}

export function lastNamespace(): string | undefined {
  return last;
}

export function defaultNamespace(
  doc: Pick<DesignDoc, 'namespaces' | 'workloads'>,
  selectedRef: string | undefined,
  lastUsed: string | undefined,
): string {
  const exists = (n: string | undefined): n is string =>
    n !== undefined && doc.namespaces.some((x) => x.name === n);
  const selected =
    selectedRef === undefined
      ? undefined
      : (namespaceOfRef(selectedRef) ?? doc.workloads.find((w) => w.id === selectedRef)?.namespace);
  if (exists(selected)) return selected;
  if (exists(lastUsed)) return lastUsed;
  return doc.namespaces[0]?.name ?? '';
}
