// The one way a namespaced object (a NetworkPolicy, a workload) is named as a key: `namespace/name`. Kubernetes
// names never contain '/', so the key is unambiguous. The engine names policies and workloads with it in
// reasons, the manifests key their extras by it, and the designer's workload ids and policy keys are it.
export function objectKey(o: { readonly namespace: string; readonly name: string }): string {
  return `${o.namespace}/${o.name}`;
}
