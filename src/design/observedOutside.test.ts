import { describe, expect, it } from 'vitest';
import { outsideBlocks } from './observedOutside';
import { observedReport } from './observedReport';
import { applyOp } from './ops';
import { threeTierWithCapture } from './testing/capture';

const CAPTURE = [
  '203.0.113.7,shop/frontend,TCP,8080',
  '203.0.113.200,shop/frontend,TCP,8080',
  'shop/backend,2001:db8:1:2::5,TCP,443',
  'shop/backend,2001:db8:1:2::9,TCP,443',
  'shop/backend,198.51.100.1,TCP,443',
  'shop/frontend,shop/backend,TCP,8080',
].join('\n');

const setup = () => threeTierWithCapture(CAPTURE, 'capture.csv');

describe('outside addresses of observed traffic', () => {
  it('lists each address with its flows from and to the cluster, and the node it is drawn on', () => {
    const { doc, capture } = setup();
    const report = observedReport(doc, capture);
    expect(report.outside.map((a) => [a.ip, a.from, a.to])).toEqual([
      ['203.0.113.7', 1, 0],
      ['203.0.113.200', 1, 0],
      ['2001:db8:1:2::5', 0, 1],
      ['2001:db8:1:2::9', 0, 1],
      ['198.51.100.1', 0, 1],
    ]);
    // The flows say which side is outside.
    expect(report.flows.map((f) => f.outside)).toEqual(['src', 'src', 'dst', 'dst', 'dst', undefined]);
  });

  it('aggregates them to the prefixes chosen by the rule generate --from-flows writes its ipBlocks by', () => {
    const { doc, capture } = setup();
    const report = observedReport(doc, capture);
    const prefixes = { ipv4Prefix: 24, ipv6Prefix: 64 };
    const blocks = outsideBlocks(report.outside, report.externalNodes, prefixes);
    expect(blocks.map((b) => [b.cidr, b.addresses.length, b.from, b.to, b.onCanvas])).toEqual([
      ['203.0.113.0/24', 2, 2, 0, false],
      ['2001:db8:1:2::/64', 2, 0, 2, false],
      ['198.51.100.0/24', 1, 0, 1, false],
    ]);
    // The same blocks as the policies generated from the same flows at the same prefixes.
    const generated = applyOp(doc, 'generateFromFlows', {
      capture,
      workloads: ['shop/frontend', 'shop/backend'],
      ...prefixes,
    }).doc;
    const ipBlocks = new Set(
      generated.policies
        .filter((p) => p.name.endsWith('-from-flows'))
        .flatMap((p) => [
          ...(p.ingress ?? []).flatMap((r) => r.from ?? []),
          ...(p.egress ?? []).flatMap((r) => r.to ?? []),
        ])
        .flatMap((peer) => (peer.ipBlock ? [peer.ipBlock.cidr] : [])),
    );
    expect(ipBlocks).toEqual(new Set(blocks.map((b) => b.cidr)));
    // Each address alone at the longest prefixes.
    expect(outsideBlocks(report.outside, report.externalNodes, {}).map((b) => b.cidr)).toEqual([
      '203.0.113.7/32',
      '203.0.113.200/32',
      '2001:db8:1:2::5/128',
      '2001:db8:1:2::9/128',
      '198.51.100.1/32',
    ]);
  });

  it('adds the blocks as external nodes in one operation; the flows are then drawn on them', () => {
    const { doc, capture } = setup();
    const report = observedReport(doc, capture);
    const blocks = outsideBlocks(report.outside, report.externalNodes, { ipv4Prefix: 24, ipv6Prefix: 64 });
    const r = applyOp(doc, 'addObservedExternals', {
      blocks: blocks.map((b) => b.cidr),
      positions: { '203.0.113.0/24': { x: 900, y: 40 } },
    });
    const added = r.doc.externals.filter((e) => !doc.externals.includes(e)).map((e) => e.id);
    expect(added.sort()).toEqual(['ext:198.51.100.0/24', 'ext:2001:db8:1:2::/64', 'ext:203.0.113.0/24']);
    expect(r.doc.layout['ext:203.0.113.0/24']).toEqual({ x: 900, y: 40 });
    const after = observedReport(r.doc, capture);
    expect(after.outside.map((a) => a.node)).toEqual([
      'ext:203.0.113.0/24',
      'ext:203.0.113.0/24',
      'ext:2001:db8:1:2::/64',
      'ext:2001:db8:1:2::/64',
      'ext:198.51.100.0/24',
    ]);
    expect(after.flows[0]?.source).toBe('ext:203.0.113.0/24');
    expect(
      outsideBlocks(after.outside, after.externalNodes, { ipv4Prefix: 24, ipv6Prefix: 64 }).every(
        (b) => b.onCanvas,
      ),
    ).toBe(true);
    // Once there, adding them again changes nothing and says why.
    const again = applyOp(r.doc, 'addObservedExternals', { blocks: blocks.map((b) => b.cidr) });
    expect(again.doc).toBe(r.doc);
    expect(again.notices[0]?.message).toMatch(/on the canvas already/);
  });

  it('refuses the whole step when a block is not a CIDR, leaving the document as it was', () => {
    const { doc } = setup();
    const r = applyOp(doc, 'addObservedExternals', { blocks: ['10.0.0.0/8', '10.0.0.0/33'] });
    expect(r.doc).toBe(doc);
    expect(r.notices[0]).toMatchObject({
      severity: 'error',
      message: expect.stringMatching(/not a valid CIDR/),
    });
  });
});
