import { describe, expect, it } from 'vitest';
import { parseManifests } from '../manifest';
import { examples } from './examples';
import { emptyDoc } from './model';
import { importManifests } from './ops';
import { probe, simulate } from './simulate';

function load(id: string) {
  const ex = examples.find((e) => e.id === id)!;
  return importManifests.perform(emptyDoc(), { files: [{ path: `${id}.yaml`, text: ex.yaml }] });
}

const allowed = (
  doc: ReturnType<typeof load>['doc'],
  from: string,
  to: string,
  port: number,
  protocol: 'TCP' | 'UDP' = 'TCP',
) => probe(doc, { from, to, port, protocol }).verdict?.allowed;

describe('built-in examples', () => {
  it('parse without any diagnostic', () => {
    for (const ex of examples.filter((e) => e.yaml))
      expect(parseManifests([{ path: ex.id, text: ex.yaml }]).diagnostics, ex.id).toEqual([]);
  });

  it('three-tier allows exactly the tiers in order, and DNS for everyone', () => {
    const { doc } = load('three-tier');
    expect(doc.workloads.map((w) => w.id)).toEqual([
      'kube-system/coredns',
      'shop/backend',
      'shop/database',
      'shop/frontend',
    ]);
    expect(allowed(doc, 'shop/frontend', 'shop/backend', 8080)).toBe(true);
    expect(allowed(doc, 'shop/backend', 'shop/database', 5432)).toBe(true);
    expect(allowed(doc, 'shop/frontend', 'shop/database', 5432)).toBe(false);
    expect(allowed(doc, '203.0.113.9', 'shop/frontend', 8080)).toBe(true);
    expect(allowed(doc, '203.0.113.9', 'shop/backend', 8080)).toBe(false);
    for (const w of ['shop/frontend', 'shop/backend', 'shop/database']) {
      expect(allowed(doc, w, 'kube-system/coredns', 53, 'UDP')).toBe(true);
      expect(allowed(doc, w, 'kube-system/coredns', 53, 'TCP')).toBe(true);
    }
    expect(simulate(doc).isolation['shop/database'].state).toBe('both');
  });

  it('namespace-isolation keeps dev and prod apart but lets prometheus scrape both', () => {
    const { doc } = load('namespace-isolation');
    expect(allowed(doc, 'dev/web', 'dev/api', 8080)).toBe(true);
    expect(allowed(doc, 'dev/web', 'prod/api', 8080)).toBe(false);
    expect(allowed(doc, 'prod/web', 'dev/api', 8080)).toBe(false);
    expect(allowed(doc, 'monitoring/prometheus', 'prod/api', 9090)).toBe(true);
    expect(allowed(doc, 'monitoring/prometheus', 'prod/api', 8080)).toBe(false);
  });

  it('database-isolation lets only labelled clients in and only backups out', () => {
    const { doc } = load('database-isolation');
    expect(allowed(doc, 'apps/orders', 'data/postgres', 5432)).toBe(true);
    expect(allowed(doc, 'apps/billing', 'data/postgres', 5432)).toBe(true);
    expect(allowed(doc, 'apps/reports', 'data/postgres', 5432)).toBe(false);
    expect(allowed(doc, 'data/postgres', '10.20.1.1', 443)).toBe(true);
    expect(allowed(doc, 'data/postgres', '10.20.5.1', 443)).toBe(false);
  });
});
