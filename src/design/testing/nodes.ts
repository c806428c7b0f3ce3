// Test inventory with Node objects: a Node `w1` (role=worker, 192.168.1.10) and a host-network Pod
// `shop/agent` on it, which takes the Node's address.
export const NODE_AND_AGENT = `apiVersion: v1
kind: Node
metadata: {name: w1, labels: {role: worker}}
status: {addresses: [{type: InternalIP, address: 192.168.1.10}]}
---
apiVersion: v1
kind: Pod
metadata: {name: agent, namespace: shop, labels: {app: agent}}
spec: {hostNetwork: true, nodeName: w1, containers: [{name: a, image: a}]}
`;
