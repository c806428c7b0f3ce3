// fast-check arbitraries for documents: random sequences of real operations, so every generated document
// is one a user could have made (namespaces, labelled workloads, externals, edges, default deny, layout).
import fc from 'fast-check';
import type { NetworkPolicyPort } from '../../engine/types';
import { emptyDoc } from '../model';
import { applyOp } from '../ops';
import type { DesignDoc, OpArgs, OpName } from '../types';

const NAMESPACES = ['a', 'b', 'kube-system'];
const NAMES = ['web', 'api', 'db', 'cache'];

const portsArb: fc.Arbitrary<NetworkPolicyPort[]> = fc.array(
  fc.record({
    protocol: fc.constantFrom('TCP' as const, 'UDP' as const),
    port: fc.integer({ min: 1, max: 65535 }),
  }),
  { maxLength: 2 },
);

const nodeArb = fc.oneof(
  fc.tuple(fc.constantFrom(...NAMESPACES), fc.constantFrom(...NAMES)).map(([n, w]) => `${n}/${w}`),
  fc.constantFrom(...NAMESPACES).map((n) => `ns:${n}`),
  fc.constantFrom('ext:10.0.0.0/8', 'ext:0.0.0.0/0', 'any'),
);

export type Step = { [K in OpName]: { name: K; args: OpArgs[K] } }[OpName];

/** One named operation with random arguments (it may fail, leaving the document as it was). */
export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    name: fc.constant('addNamespace' as const),
    args: fc.record({ name: fc.constantFrom(...NAMESPACES) }),
  }),
  fc.record({
    name: fc.constant('addWorkload' as const),
    args: fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      name: fc.constantFrom(...NAMES),
      labels: fc.dictionary(fc.constantFrom('app', 'tier', 'team'), fc.constantFrom('x', 'y', 'z'), {
        minKeys: 1,
      }),
      ports: fc.array(
        fc.record({
          containerPort: fc.integer({ min: 1, max: 65535 }),
          protocol: fc.constant('TCP' as const),
        }),
        { maxLength: 2 },
      ),
    }),
  }),
  fc.record({
    name: fc.constant('addExternal' as const),
    args: fc.record({ cidr: fc.constantFrom('10.0.0.0/8', '0.0.0.0/0'), label: fc.string() }),
  }),
  fc.record({
    name: fc.constant('connect' as const),
    args: fc.record({ from: nodeArb, to: nodeArb, ports: portsArb, bothSides: fc.boolean() }),
  }),
  fc.record({
    name: fc.constant('setDefaultDeny' as const),
    args: fc.record({
      namespace: fc.constantFrom(...NAMESPACES),
      mode: fc.constantFrom('none' as const, 'ingress' as const, 'egress' as const, 'both' as const),
    }),
  }),
  fc.record({
    name: fc.constant('setWorkloadHostNetwork' as const),
    args: fc.record({ id: nodeArb, hostNetwork: fc.boolean() }),
  }),
  fc.record({
    name: fc.constant('setClusterDefaultDeny' as const),
    args: fc.record({ on: fc.boolean() }),
  }),
  fc.record({
    name: fc.constant('setNodePosition' as const),
    args: fc.record({
      id: nodeArb,
      position: fc.record({ x: fc.double({ noNaN: true, noDefaultInfinity: true }), y: fc.integer() }),
    }),
  }),
);

/** Applies each step; steps that fail (unknown node, duplicate…) leave the document as it was. */
export const docArb: fc.Arbitrary<DesignDoc> = fc
  .array(stepArb, { maxLength: 25 })
  .map((steps) => steps.reduce((doc, s) => applyOp(doc, s.name, s.args as never).doc, emptyDoc()));
