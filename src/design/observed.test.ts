import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyFlows } from '../engine/flows';
import { CaptureReader, LineSplitter } from '../manifest/flows/captureReader';
import { CaptureImport, isCaptureFile } from './captureImport';
import { toCluster, toPolicySet } from './model';
import { deserializeObserved, type ObservedCapture, serializeObserved } from './observed';
import { observedReport } from './observedReport';
import { applyOp } from './ops';
import { THREE_TIER_CAPTURE, threeTierDoc } from './testing/capture';
import type { DesignDoc } from './types';

const CAPTURE = THREE_TIER_CAPTURE;
const threeTier = threeTierDoc;

function importText(
  doc: DesignDoc,
  text: string,
  chunks: readonly number[] = [text.length],
  maxFlows?: number,
) {
  const imp = new CaptureImport(doc, 'capture.jsonl', maxFlows);
  let at = 0;
  for (const size of chunks) {
    imp.push(text.slice(at, at + size));
    at += size;
  }
  imp.push(text.slice(at));
  return imp.finish();
}

describe('importing a capture', () => {
  it('reports records, the reply folded away, and each broken line with its line number', () => {
    const { capture, report } = importText(threeTier(), CAPTURE);
    expect(report.records).toBe(10);
    expect(report.replies).toBe(1);
    expect(report.broken).toBe(2);
    const errors = report.notices.filter((n) => n.severity === 'error');
    expect(errors.map((n) => n.line)).toEqual([6, 9]);
    expect(errors[0].message).toContain('destination_port');
    expect(report.notices.find((n) => n.severity === 'warning')?.message).toContain(
      'monitoring/prometheus[StatefulSet] is not in the inventory',
    );
    expect(capture.flows).toHaveLength(7);
    expect(capture.unresolved).toBe(0);
  });

  it('reads the same capture whatever the chunks the file arrives in', () => {
    const whole = importText(threeTier(), CAPTURE).capture;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 30 }), (chunks) => {
        expect(importText(threeTier(), CAPTURE, chunks).capture).toEqual(whole);
      }),
      { numRuns: 25 },
    );
  });

  it('stops at the bound of distinct flows and says at which line', () => {
    const { capture, report } = importText(threeTier(), CAPTURE, undefined, 3);
    expect(capture.flows).toHaveLength(3);
    expect(report.stoppedAtLine).toBe(8);
    expect(report.notices[0].message).toMatch(/more than 3 distinct flows.*line 8/);
  });

  it('splits lines as the CLI does: CRLF, a last line without a break, an over-long line cut short', () => {
    const seen: [string, number][] = [];
    const s = new LineSplitter((l, n) => seen.push([l, n]), 5);
    s.push('ab\r\ncdefghij');
    s.push('kl\nmn');
    s.end();
    expect(seen).toEqual([
      ['ab', 1],
      ['cdefgh', 2],
      ['mn', 3],
    ]);
  });
});

describe('observed traffic against the document', () => {
  it('classifies every flow as netpol flows check does (the engine over the same reader)', () => {
    const doc = threeTier();
    const { capture } = importText(doc, CAPTURE);
    const report = observedReport(doc, capture);
    // What the CLI computes: CaptureReader + classifyFlows on the inventory and the policies.
    const reader = new CaptureReader('capture.jsonl', toCluster(doc));
    const splitter = new LineSplitter((t, n) => reader.line(t, n));
    splitter.push(CAPTURE);
    splitter.end();
    const loaded = reader.finish();
    const cli = classifyFlows(loaded.resolver.cluster(), toPolicySet(doc), loaded.flows, {});
    expect(report.flows.map((f) => [f.srcId, f.dstId, f.port, f.class])).toEqual(
      cli.flows.map((f) => [f.srcId, f.dstId, f.flow.port, f.class]),
    );
    expect(report.coverage).toEqual(cli.coverage);
    const denied = report.flows.filter((f) => f.class === 'denied').map((f) => f.key);
    expect(denied).toEqual([
      'shop/backend[Deployment]>shop/database[Deployment]:TCP/6379',
      'monitoring/prometheus[StatefulSet]>shop/backend[Deployment]:TCP/9090',
    ]);
    expect(report.unknown).toEqual([
      {
        namespace: 'monitoring',
        name: 'prometheus',
        kind: 'StatefulSet',
        labels: { 'app.kubernetes.io/name': 'prometheus' },
        flows: 1,
      },
    ]);
  });

  it('judges flows the cluster only dropped by the same rule as the CLI: expected when denied, a disagreement when allowed', () => {
    const doc = threeTier();
    const lines = CAPTURE.split('\n').filter((l) => l.trim() !== '');
    const world = lines[lines.length - 1];
    const dropped = [
      // frontend → database 5432: the three-tier policies deny it too.
      lines[4]
        .replace('"FORWARDED"', '"DROPPED"')
        .replace(
          '"backend-5f6d8b7c9-abcde","labels":["k8s:app=backend"',
          '"frontend-7d4b9c8f5-x2x9z","labels":["k8s:app=frontend"',
        ),
      // Another outside address to the frontend's 8080, which the policies admit from anywhere.
      world.replace('"FORWARDED"', '"DROPPED"').replace('203.0.113.7', '198.51.100.9'),
    ];
    const text = `${CAPTURE.trimEnd()}\n${dropped.join('\n')}\n`;
    const report = observedReport(doc, importText(doc, text).capture);
    const reader = new CaptureReader('capture.jsonl', toCluster(doc));
    const splitter = new LineSplitter((t, n) => reader.line(t, n));
    splitter.push(text);
    splitter.end();
    const loaded = reader.finish();
    const cli = classifyFlows(loaded.resolver.cluster(), toPolicySet(doc), loaded.flows, {});
    expect(report.flows.map((f) => [f.key, f.class])).toEqual(
      cli.flows.map((f) => [`${f.srcId}>${f.dstId}:${f.flow.protocol}/${f.flow.port}`, f.class]),
    );
    expect(report.flows.filter((f) => f.class.startsWith('dropped')).map((f) => [f.key, f.class])).toEqual([
      ['shop/frontend[Deployment]>shop/database[Deployment]:TCP/5432', 'dropped-denied'],
      ['198.51.100.9>shop/frontend[Deployment]:TCP/8080', 'dropped-allowed'],
    ]);
    // Dropped traffic used no permission: the coverage is the capture's without them.
    expect(report.coverage).toEqual(observedReport(doc, importText(doc, CAPTURE).capture).coverage);
  });

  it('places flows on canvas nodes: workloads by id, outside addresses on the anywhere node or outside', () => {
    const doc = threeTier();
    const report = observedReport(doc, importText(doc, CAPTURE).capture);
    const world = report.flows.find((f) => f.srcId === '203.0.113.7');
    expect(world?.target).toBe('shop/frontend');
    expect(['any', 'outside']).toContain(world?.source);
    const prom = report.flows.find((f) => f.srcId.startsWith('monitoring/'));
    expect(prom?.source).toBeUndefined();
    expect(prom?.target).toBe('shop/backend');
  });

  it('follows the document: an edit that opens the denied port turns that flow allowed', () => {
    const doc = threeTier();
    const { capture } = importText(doc, CAPTURE);
    const before = observedReport(doc, capture);
    expect(before.flows.find((f) => f.port === 6379)?.class).toBe('denied');
    const edited = applyOp(doc, 'connect', {
      from: 'shop/backend',
      to: 'shop/database',
      ports: [{ protocol: 'TCP', port: 6379 }],
      enforce: 'both',
    }).doc;
    expect(observedReport(edited, capture).flows.find((f) => f.port === 6379)?.class).toBe('allowed');
  });

  it('keeps a renamed workload: its flows find it again by its labels', () => {
    const doc = threeTier();
    const { capture } = importText(doc, CAPTURE);
    const renamed = applyOp(doc, 'renameWorkload', { id: 'shop/database', name: 'postgres' }).doc;
    const report = observedReport(renamed, capture);
    expect(report.flows.find((f) => f.port === 5432)?.dstId).toBe('shop/postgres[Deployment]');
    expect(report.unknown.map((u) => u.name)).toEqual(['prometheus']);
  });

  it('judges with the what-if switches applied, as the simulator does', () => {
    const doc = threeTier();
    const { capture } = importText(doc, CAPTURE);
    const off = applyOp(doc, 'setPolicyEnabled', { key: 'shop/default-deny-egress', enabled: false }).doc;
    const off2 = applyOp(off, 'setPolicyEnabled', { key: 'shop/backend-egress', enabled: false }).doc;
    const off3 = applyOp(off2, 'setPolicyEnabled', { key: 'shop/allow-dns-egress', enabled: false }).doc;
    const off4 = applyOp(off3, 'setPolicyEnabled', { key: 'shop/database-ingress', enabled: false }).doc;
    const off5 = applyOp(off4, 'setPolicyEnabled', { key: 'shop/default-deny-ingress', enabled: false }).doc;
    expect(observedReport(off5, capture).flows.find((f) => f.port === 6379)?.class).toBe('allowed');
  });
});

describe('saved observed traffic', () => {
  const capture = (): ObservedCapture => importText(threeTier(), CAPTURE).capture;

  it('reads back what it saved', () => {
    const c = capture();
    expect(deserializeObserved(serializeObserved(c))).toEqual({ capture: c });
  });

  const tamper = (f: (v: { capture: Record<string, unknown> }) => void): string => {
    const v = JSON.parse(serializeObserved(capture()));
    f(v);
    return JSON.stringify(v);
  };

  it.each([
    ['not JSON', () => '{', /not JSON/],
    ['another format', () => JSON.stringify({ format: 'netpol-designer', version: 1 }), /not a record/],
    ['a newer version', () => tamper((v) => Object.assign(v, { version: 2 })), /version 2/],
    [
      'a peer index out of range',
      () => tamper((v) => ((v.capture.flows as { src: number }[])[0].src = 999)),
      /flow 1 names a peer/,
    ],
    [
      'a port out of range',
      () => tamper((v) => ((v.capture.flows as { port: number }[])[0].port = 70000)),
      /flow 1: port/,
    ],
    [
      'counts that do not add up',
      () => tamper((v) => ((v.capture.flows as { count: number }[])[0].count = 99)),
      /do not add up/,
    ],
    [
      'an invalid label',
      () => tamper((v) => ((v.capture.peers as { labels?: object }[])[0].labels = { 'bad key!': 'x' })),
      /peer 1/,
    ],
    [
      'a namespace that is no DNS label',
      () => tamper((v) => ((v.capture.peers as { namespace?: string }[])[0].namespace = 'Shop_1')),
      /peer 1/,
    ],
    [
      'an address that is none',
      () => tamper((v) => ((v.capture.peers as unknown[])[0] = { ip: '1.2.3' })),
      /peer 1/,
    ],
  ])('refuses %s with what is wrong', (_what, text, message) => {
    const r = deserializeObserved(text());
    expect(r.capture).toBeUndefined();
    expect(r.error).toMatch(message);
  });

  it('keeps a __proto__ label as a plain label, never on the prototype', () => {
    const text = serializeObserved(capture()).replace('"labels":{', '"labels":{"__proto__":"x",');
    const r = deserializeObserved(text);
    // "__proto__" is no valid label key: refused, and nothing was polluted.
    expect(r.error).toMatch(/peer/);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses a record larger than the bound unread', () => {
    expect(deserializeObserved(' '.repeat(33 * 1024 * 1024)).error).toMatch(/larger/);
  });
});

describe('telling a capture from manifests', () => {
  it.each([
    ['capture.jsonl', 'anything', true],
    ['flows.CSV', 'src,dst,protocol,port', true],
    ['hubble.json', CAPTURE.slice(0, 4096), true],
    ['plain.json', '{"src":"shop/a","dst":"10.0.0.1","protocol":"TCP","port":80}\n', true],
    ['bare-flow.json', '{"IP":{"source":"1.2.3.4"},"l4":{},"source":{}}', true],
    ['policy.json', '{\n  "apiVersion": "networking.k8s.io/v1",\n', false],
    ['one-line.json', '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"x"}}', false],
    ['policies.yaml', 'kind: NetworkPolicy\n', false],
    ['cut.json', '{"flow": {"verdict": "FORW', false],
  ])('%s is a capture: %s', (name, head, expected) => {
    expect(isCaptureFile(name, head)).toBe(expected);
  });
});
