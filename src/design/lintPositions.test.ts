import { describe, expect, it } from 'vitest';
import { rulePosition } from './lintPositions';
import { threeTier } from './testing/lintDocs';
import type { DesignDoc } from './types';
import { policyYaml } from './yaml';

/** The name of the policy whose document holds 1-based `line`. */
function policyAt(text: string, line: number): string {
  const lines = text.split('\n');
  let start = line - 1;
  while (start > 0 && lines[start - 1] !== '---') start--;
  return /\n {2}name: (\S+)/.exec(`\n${lines.slice(start, line).join('\n')}`)?.[1] ?? '';
}

describe("an explanation's rule link", () => {
  it("points at the rule's item in the policies view: the right policy, direction and index", () => {
    const doc = threeTier();
    const text = policyYaml(doc);
    const lines = text.split('\n');
    const at = rulePosition(text, {
      tier: 'NetworkPolicy',
      policy: 'shop/backend-ingress',
      direction: 'Ingress',
      ruleIndex: 0,
    })!;
    expect(policyAt(text, at.line)).toBe('backend-ingress');
    expect(lines[at.line - 2]).toBe('  ingress:');
    expect(lines[at.line - 1]).toMatch(/^ {2}- /);
    const egress = rulePosition(text, {
      tier: 'NetworkPolicy',
      policy: 'shop/frontend-egress',
      direction: 'Egress',
      ruleIndex: 0,
    })!;
    expect(policyAt(text, egress.line)).toBe('frontend-egress');
    expect(lines[egress.line - 2]).toBe('  egress:');
  });

  it('points at the rule of a cluster-wide policy, and at nothing for a policy the text does not hold', () => {
    const doc: DesignDoc = {
      ...threeTier(),
      adminPolicies: [
        {
          tier: 'Admin',
          name: 'deny-x',
          priority: 20,
          subject: { namespaces: {} },
          ingress: [
            { action: 'Allow', peers: [{ namespaces: {} }] },
            { name: 'no-frontend', action: 'Deny', peers: [{ namespaces: {} }] },
          ],
          egress: [],
        },
      ],
    };
    const text = policyYaml(doc);
    const at = rulePosition(text, { tier: 'Admin', policy: 'deny-x', direction: 'Ingress', ruleIndex: 1 })!;
    expect(policyAt(text, at.line)).toBe('deny-x');
    expect(text.split('\n')[at.line - 1]).toContain('no-frontend');
    expect(
      rulePosition(text, { tier: 'NetworkPolicy', policy: 'shop/gone', direction: 'Ingress', ruleIndex: 0 }),
    ).toBeUndefined();
  });
});
