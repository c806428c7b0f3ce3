import { describe, expect, it } from 'vitest';
import { checkExpectations } from '../engine/expectations';
import { parseExpectations } from '../manifest';
import { toCluster, toPolicySet } from './model';
import { EXPECTATIONS_FILE, expectationsYaml } from './saveExpectations';
import { must, shopDoc } from './testing/build';
import type { DesignDoc } from './types';

function designed(): DesignDoc {
  let d = shopDoc();
  d = must(d, 'connect', {
    from: 'shop/frontend',
    to: 'shop/backend',
    ports: [{ protocol: 'TCP', port: 8080 }],
  });
  d = must(d, 'setDefaultDeny', { namespace: 'shop', mode: 'ingress' });
  return d;
}

const read = (text: string) => parseExpectations({ path: EXPECTATIONS_FILE, text });

describe('expectationsYaml', () => {
  it('pins the whole matrix so that netpol check passes on the same policies', () => {
    const doc = designed();
    const parsed = read(expectationsYaml(doc));
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.expectations.length).toBeGreaterThan(0);
    const outcomes = checkExpectations(
      toCluster(doc),
      toPolicySet(doc),
      parsed.expectations.map((e) => e.expectation),
    );
    expect(outcomes.filter((o) => !o.passed)).toEqual([]);
    // and it pins denials too, not only what is allowed
    expect(parsed.expectations.some((e) => !e.expectation.allowed)).toBe(true);
  });

  it('fails the check once the policies change', () => {
    const doc = designed();
    const text = expectationsYaml(doc);
    const opened = must(doc, 'setDefaultDeny', { namespace: 'shop', mode: 'none' });
    const outcomes = checkExpectations(
      toCluster(opened),
      toPolicySet(opened),
      read(text).expectations.map((e) => e.expectation),
    );
    expect(outcomes.some((o) => !o.passed)).toBe(true);
  });

  it('pins chosen probes, naming workloads by id and external blocks by their first address', () => {
    let doc = designed();
    doc = must(doc, 'addExternal', { cidr: '192.0.2.0/24' });
    const text = expectationsYaml(doc, [
      { from: 'shop/frontend', to: 'shop/backend', port: 8080, protocol: 'TCP' },
      { from: 'shop/frontend', to: 'shop/database', port: 5432, protocol: 'TCP' },
      { from: 'ext:192.0.2.0/24', to: 'shop/backend', port: 8080, protocol: 'TCP' },
      { from: 'shop/ghost', to: 'shop/backend', port: 8080, protocol: 'TCP' },
    ]);
    const got = read(text).expectations.map((e) => {
      const x = e.expectation;
      const name = (p: typeof x.from) => (p.kind === 'endpoint' ? p.text : '?');
      return `${name(x.from)} -> ${name(x.to)} ${x.port} ${x.allowed}`;
    });
    expect(got).toEqual([
      'shop/frontend[Deployment] -> shop/backend[Deployment] 8080 true',
      'shop/frontend[Deployment] -> shop/database[Deployment] 5432 false',
      '192.0.2.0 -> shop/backend[Deployment] 8080 false',
    ]);
  });
});
