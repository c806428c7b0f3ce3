// The incremental simulator on the edits it exists for (one policy's ports, a what-if switch, a new rule, a
// workload's label), each of which must be an update, not a computation from nothing, and give exactly the
// simulation of the edited document; and the edge cases of what an update leaves out of its reduced inputs.
import { describe, expect, it } from 'vitest';
import { emptyDoc } from './model';
import { simulate } from './simulate';
import { createSimulator } from './simulateIncremental';
import { must } from './testing/build';
import type { DesignDoc, DesignPolicy } from './types';

/** Namespaces a, b and c, three workloads each (app=<name>), every namespace isolated for ingress. */
function threeNamespaces(): DesignDoc {
  let d = emptyDoc();
  for (const ns of ['a', 'b', 'c']) {
    d = must(d, 'addNamespace', { name: ns, labels: { team: ns } });
    for (const name of ['web', 'api', 'db'])
      d = must(d, 'addWorkload', {
        namespace: ns,
        name,
        labels: { app: name },
        ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      });
    d = must(d, 'setDefaultDeny', { namespace: ns, mode: 'ingress' });
  }
  d = must(d, 'connect', { from: 'a/web', to: 'a/api', ports: [{ protocol: 'TCP', port: 8080 }] });
  d = must(d, 'connect', { from: 'a/api', to: 'b/db', ports: [{ protocol: 'TCP', port: 5432 }] });
  return d;
}

function replacePolicy(d: DesignDoc, name: string, f: (p: DesignPolicy) => DesignPolicy): DesignDoc {
  return must(d, 'replacePolicies', { policies: d.policies.map((p) => (p.name === name ? f(p) : p)) });
}

/** Simulates `first`, then each next document, checking each answer against a simulation from nothing. */
function expectUpdates(first: DesignDoc, ...next: DesignDoc[]) {
  const simulator = createSimulator({}, { maxChanges: 32, maxShare: 1 });
  simulator.simulate(first);
  for (const d of next) {
    expect(simulator.simulate(d)).toEqual(simulate(structuredClone(d)));
    expect(simulator.last).toEqual({ how: 'incremental' });
  }
}

describe('the incremental simulator', () => {
  it('updates after an edit of one policy’s port', () => {
    const d = threeNamespaces();
    const name = d.policies.find((p) => p.namespace === 'a' && p.ingress?.length)!.name;
    const e = replacePolicy(d, name, (p) => ({
      ...p,
      ingress: p.ingress!.map((r) => ({ ...r, ports: [{ protocol: 'TCP', port: 8081 }] })),
    }));
    expectUpdates(d, e);
  });

  it('updates after a policy is switched off and on, and after a new rule', () => {
    const d = threeNamespaces();
    const key = `${d.policies[0]!.namespace}/${d.policies[0]!.name}`;
    const off = must(d, 'setPolicyEnabled', { key, enabled: false });
    const on = must(off, 'setPolicyEnabled', { key, enabled: true });
    const connected = must(on, 'connect', {
      from: 'c/web',
      to: 'a/db',
      ports: [{ protocol: 'TCP', port: 9000 }],
    });
    expectUpdates(d, off, on, connected);
  });

  it('updates after a workload takes the label a policy of another namespace admits', () => {
    const d = threeNamespaces();
    // b/db admits a/api (app=api in namespace a): a/db relabelled app=api is admitted too, and a/api no longer.
    const e = must(d, 'setWorkloadLabels', { id: 'a/db', labels: { app: 'api' } });
    const f = must(e, 'setWorkloadLabels', { id: 'a/api', labels: { app: 'other' } });
    expectUpdates(d, e, f);
    expect(simulate(e).matrix.cells.some((row, s) => s === 2 && Object.keys(row).length > 0)).toBe(true);
  });

  it('updates where the only policy isolating a source for egress is left out of the column’s input', () => {
    let d = threeNamespaces();
    d = must(d, 'setDefaultDeny', { namespace: 'c', mode: 'both' });
    d = must(d, 'addNamespace', { name: 'open' });
    d = must(d, 'addWorkload', { namespace: 'open', name: 'x', labels: { app: 'x' } });
    // open/x admits everyone on TCP 80 now: c's default deny (no rule, so not in the column's input) still
    // keeps c's workloads from opening it.
    const admit: DesignPolicy = {
      name: 'x-from-anywhere',
      namespace: 'open',
      podSelector: { matchLabels: { app: 'x' } },
      policyTypes: ['Ingress'],
      ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }],
    };
    const e = must(d, 'replacePolicies', { policies: [...d.policies, admit] });
    expectUpdates(d, e);
    const x = e.workloads.findIndex((w) => w.id === 'open/x');
    expect(simulate(e).matrix.cells[e.workloads.findIndex((w) => w.id === 'c/api')]![x]).toBeUndefined();
  });

  it('computes from nothing what an update does not cover', () => {
    const d = threeNamespaces();
    const simulator = createSimulator();
    simulator.simulate(d);
    const e = must(d, 'deleteWorkload', { id: 'b/api' });
    expect(simulator.simulate(e)).toEqual(simulate(e));
    expect(simulator.last).toEqual({ how: 'whole', why: 'workloads added or removed' });
  });
});
