import { describe, expect, it } from 'vitest';
import { deriveEdges } from '../../design/edges';
import { must, shopDoc } from '../../design/testing/build';
import { buildAdminEdges } from './adminFlow';

describe('buildAdminEdges', () => {
  it('draws nothing without admin policies', () => {
    const d = shopDoc();
    expect(buildAdminEdges(d, deriveEdges(d), new Set(['ns:shop']))).toEqual([]);
  });

  it('gives the default deny one admin edge per shown node pair, unselectable', () => {
    let d = must(shopDoc(), 'addNamespace', { name: 'ops' });
    d = must(d, 'setClusterDefaultDeny', { on: true });
    const edges = buildAdminEdges(d, deriveEdges(d), new Set(['ns:shop', 'ns:ops']));
    expect(edges.map((e) => e.id)).toEqual([
      'admin:Baseline:default:ns:ops->ns:ops',
      'admin:Baseline:default:ns:ops->ns:shop',
      'admin:Baseline:default:ns:shop->ns:ops',
      'admin:Baseline:default:ns:shop->ns:shop',
    ]);
    expect(edges.every((e) => e.type === 'admin' && e.selectable === false)).toBe(true);
    // a node the canvas does not show (e.g. hidden) takes its edges with it
    expect(buildAdminEdges(d, deriveEdges(d), new Set(['ns:shop'])).map((e) => e.target)).toEqual([
      'ns:shop',
    ]);
  });
});
