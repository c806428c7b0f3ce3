// Fuzzing the manifest reader (issue 12): random and mutated documents, valid ones broken at random places,
// hostile values (prototype keys, control characters, aliases, deep nesting). Whatever the text, reading it
// returns a manifest set whose every diagnostic has a place in the file and a message, and never throws.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { emitAdminPolicies } from './emitAdmin';
import { emitCluster } from './emitCluster';
import { emitNetworkPolicies } from './emitNetworkPolicy';
import { parseExpectations } from './expectations';
import { namespaceNameProblem, objectNameProblem, unreadableName } from './kubeValidation';
import { parseManifests } from './parse';
import { adminPoliciesArb, clusterArb, networkPoliciesArb } from './testing/arbitraries';

/** Keys and values that have broken readers before, or could. */
const HOSTILE = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'a\nfake.yaml:1:1: error: forged',
  '\u001b[31m',
  '\u202e',
  '',
  ' ',
  '*a',
  '&a',
  'NetworkPolicy',
  'networking.k8s.io/v1',
  'policy.networking.k8s.io/v1alpha1',
  'matchLabels',
  'podSelector',
  'ingress',
  'x'.repeat(300),
];
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 12 }));
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A Kubernetes-looking object with hostile parts, written as YAML (or JSON). */
const hostileObject = fc
  .record({
    apiVersion: fc.oneof(
      fc.constantFrom('networking.k8s.io/v1', 'v1', 'apps/v1', 'policy.networking.k8s.io/v1alpha1'),
      hostileValue,
    ),
    kind: fc.oneof(
      fc.constantFrom('NetworkPolicy', 'Pod', 'Namespace', 'Deployment', 'AdminNetworkPolicy', 'List'),
      hostileValue,
    ),
    metadata: fc.oneof(
      fc.record({
        name: hostileValue,
        namespace: hostileValue,
        labels: hostileValue,
        annotations: hostileValue,
      }),
      hostileValue,
    ),
    spec: hostileValue,
    items: hostileValue,
  })
  .chain((o) => fc.constantFrom(dump(o), JSON.stringify(o)));

/** A text with random edits: characters deleted, inserted or replaced at random places. */
function mutated(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const edit = fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 8 }),
    insert: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom(':', '- ', '---\n', '{', '[', '"', '&a ', '*a', '\t', '\n  ', '!!binary ', '? '),
    ),
  });
  return fc.tuple(text, fc.array(edit, { maxLength: 6 })).map(([t, edits]) => {
    let out = t;
    for (const e of edits) {
      const at = out.length === 0 ? 0 : e.at % (out.length + 1);
      out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
    }
    return out;
  });
}

const validText = fc.oneof(
  networkPoliciesArb.map((p) => emitNetworkPolicies(p)),
  adminPoliciesArb.map((p) => emitAdminPolicies(p)),
  clusterArb.map((c) => emitCluster(c)),
);

const anyText = fc.oneof(
  mutated(validText),
  hostileObject,
  mutated(hostileObject),
  fc.array(hostileObject, { maxLength: 3 }).map((docs) => docs.join('\n---\n')),
  fc.string({ maxLength: 200 }),
);

function assertPositioned(
  text: string,
  diagnostics: readonly { file: string; line: number; column: number; message: string }[],
) {
  const lines = text.split(/\r\n?|\n/).length;
  for (const d of diagnostics) {
    expect(d.file).toBe('f.yaml');
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.message.length).toBeGreaterThan(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding raw control characters is the point
    expect(d.message).not.toMatch(/[\n\u001b]/);
  }
}

describe('the manifest reader never throws (fuzz)', () => {
  it('reads random, hostile and mutated documents into a manifest set with positioned diagnostics', {
    timeout: 120_000,
  }, () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const m = parseManifests([{ path: 'f.yaml', text }]);
        assertPositioned(text, m.diagnostics);
        // Nothing unreadable reached the engine, and a name the API server would refuse (read anyway, as
        // documented) never goes unreported.
        const warned = m.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.message);
        const reported = (problem: string | undefined) => {
          if (problem) expect(warned.some((w) => w.includes(problem))).toBe(true);
        };
        for (const p of m.policies.networkPolicies) {
          expect(unreadableName(p.name)).toBe(false);
          expect(unreadableName(p.namespace)).toBe(false);
          reported(objectNameProblem('NetworkPolicy', p.name));
          reported(namespaceNameProblem(p.namespace));
        }
        for (const w of m.cluster.workloads) {
          expect(unreadableName(w.namespace)).toBe(false);
          reported(namespaceNameProblem(w.namespace));
        }
      }),
      {
        numRuns: 150,
        // Found by this test: a name the API server refuses but that can be shown is read with a warning.
        examples: [
          [
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ('null'\n  namespace: app\nspec:\n  podSelector: {}\n",
          ],
        ],
      },
    );
  });

  it('reads random and mutated expectation files the same way', { timeout: 60_000 }, () => {
    const expectations = fc.oneof(
      mutated(fc.constant('expectations:\n- {from: shop/web, to: shop/db, port: 80, allowed: true}\n')),
      hostileValue.map((v) => dump({ expectations: [v] })),
    );
    fc.assert(
      fc.property(expectations, (text) => {
        const r = parseExpectations({ path: 'f.yaml', text });
        assertPositioned(text, r.diagnostics);
      }),
      { numRuns: 200 },
    );
  });
});
