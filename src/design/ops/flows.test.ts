import { describe, expect, it } from 'vitest';
import { observedReport } from '../observedReport';
import { threeTierWithCapture } from '../testing/capture';
import type { DesignDoc } from '../types';
import { applyOp, describeOp } from './index';

const setup = () => threeTierWithCapture();

describe('addObservedWorkloads', () => {
  it('adds the workloads a capture showed, namespace and labels included, in one step', () => {
    const { doc, capture } = setup();
    const unknown = observedReport(doc, capture).unknown;
    const r = applyOp(doc, 'addObservedWorkloads', { workloads: unknown });
    const added = r.doc.workloads.find((w) => w.id === 'monitoring/prometheus');
    expect(added).toMatchObject({ kind: 'StatefulSet', labels: { 'app.kubernetes.io/name': 'prometheus' } });
    expect(r.doc.namespaces.map((n) => n.name)).toContain('monitoring');
    // Placed clear of the namespaces already drawn: to the right of them.
    const placed = r.doc.layout['ns:monitoring'];
    for (const n of doc.namespaces) expect(placed.x).toBeGreaterThan(doc.layout[`ns:${n.name}`]?.x ?? 0);
    // Now in the inventory: nothing is unknown, and the flow is drawn from its node.
    const after = observedReport(r.doc, capture);
    expect(after.unknown).toEqual([]);
    expect(after.flows.find((f) => f.port === 9090)?.source).toBe('monitoring/prometheus');
    expect(describeOp('addObservedWorkloads', { workloads: unknown })).toBe(
      'Add monitoring/prometheus seen in flows',
    );
  });

  it('puts a namespace it creates where the caller saw room (the spot in view), else right of the others', () => {
    const { doc, capture } = setup();
    const workloads = observedReport(doc, capture).unknown;
    const r = applyOp(doc, 'addObservedWorkloads', {
      workloads,
      namespacePositions: { monitoring: { x: 40, y: 700 } },
    });
    expect(r.doc.layout['ns:monitoring']).toMatchObject({ x: 40, y: 700 });
    // Existing namespaces are never moved by it.
    const again = applyOp(r.doc, 'addObservedWorkloads', {
      workloads: [{ namespace: 'shop', name: 'cache', kind: 'Deployment', labels: {} }],
      namespacePositions: { shop: { x: 9000, y: 9000 } },
    });
    expect(again.doc.layout['ns:shop']).toEqual(r.doc.layout['ns:shop']);
  });

  it('fails whole, leaving the document as it was, when one workload cannot be added', () => {
    const { doc } = setup();
    const r = applyOp(doc, 'addObservedWorkloads', {
      workloads: [
        { namespace: 'monitoring', name: 'prometheus', kind: 'StatefulSet', labels: {} },
        { namespace: 'shop', name: 'frontend', kind: 'Deployment', labels: {} },
      ],
    });
    expect(r.doc).toBe(doc);
    expect(r.notices[0].severity).toBe('error');
  });
});

describe('generateFromFlows', () => {
  const denied = (d: DesignDoc, capture: ReturnType<typeof setup>['capture']) =>
    observedReport(d, capture).flows.filter((f) => f.class === 'denied');

  it('writes one policy per chosen workload that allows every flow it was seen in', () => {
    const { doc, capture } = setup();
    const withProm = applyOp(doc, 'addObservedWorkloads', {
      workloads: observedReport(doc, capture).unknown,
    }).doc;
    const r = applyOp(withProm, 'generateFromFlows', {
      capture,
      workloads: ['shop/backend', 'shop/database', 'monitoring/prometheus'],
    });
    const names = r.doc.policies.map((p) => `${p.namespace}/${p.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'shop/backend-from-flows',
        'shop/database-from-flows',
        'monitoring/prometheus-from-flows',
      ]),
    );
    const db = r.doc.policies.find((p) => p.name === 'database-from-flows');
    expect(db?.ingress?.[0].ports).toEqual([
      { protocol: 'TCP', port: 5432 },
      { protocol: 'TCP', port: 6379 },
    ]);
    // Generated policies only add permissions: every observed flow the backend and database take part in is
    // allowed now, and the prometheus scrape too.
    expect(denied(withProm, capture).length).toBe(2);
    expect(denied(r.doc, capture).map((f) => f.key)).toEqual([]);
  });

  it('replaces what it generated before, and undo is the document before', () => {
    const { doc, capture } = setup();
    const once = applyOp(doc, 'generateFromFlows', { capture, workloads: ['shop/backend'] });
    const twice = applyOp(once.doc, 'generateFromFlows', { capture, workloads: ['shop/backend'] });
    expect(twice.doc.policies.filter((p) => p.name === 'backend-from-flows')).toHaveLength(1);
    expect(twice.notices.map((n) => n.message).join()).toMatch(/Replaced 1 policy/);
  });

  it('refuses an empty choice and a workload that is not there', () => {
    const { doc, capture } = setup();
    expect(applyOp(doc, 'generateFromFlows', { capture, workloads: [] }).doc).toBe(doc);
    expect(
      applyOp(doc, 'generateFromFlows', { capture, workloads: ['shop/nope'] }).notices[0].message,
    ).toMatch(/no workload shop\/nope/);
  });
});
