import { describe, expect, it } from 'vitest';
import type { DocFinding } from '../../design/types';
import { LINT_MARKER_OWNER, lintMarkers } from './lintMarkerData';
import { MARKER_SEVERITY } from './markers';

const finding = (key: string, severity: DocFinding['severity']): DocFinding => ({
  key,
  ruleId: 'unknown-named-port',
  severity,
  message: `\`shop/${key}\` has a problem`,
  title: 'Unknown named port',
  why: 'because',
  subject: { kind: 'policy', namespace: 'shop', name: key },
  nodes: [],
  anchors: {},
});

const lines = ['kind: NetworkPolicy', 'spec:', '  podSelector: {}', '  ingress: []'];

describe('lintMarkers', () => {
  it('underlines the key at each placed finding, with the rule id as code and its own owner', () => {
    const [m] = lintMarkers([finding('a', 'warning')], [{ line: 3, column: 3 }], lines);
    expect(m).toEqual({
      startLineNumber: 3,
      startColumn: 3,
      endLineNumber: 3,
      endColumn: 14,
      severity: MARKER_SEVERITY.Warning,
      message: 'shop/a has a problem',
      source: LINT_MARKER_OWNER,
      code: 'unknown-named-port',
    });
  });

  it('never marks a finding as an error (those are the parse errors), and infos stay infos', () => {
    const ms = lintMarkers(
      [finding('a', 'error'), finding('b', 'info')],
      [
        { line: 3, column: 3 },
        { line: 4, column: 3 },
      ],
      lines,
    );
    expect(ms.map((m) => m.severity)).toEqual([MARKER_SEVERITY.Warning, MARKER_SEVERITY.Info]);
  });

  it('skips findings without a place in the view, keeping the others paired with their own finding', () => {
    const ms = lintMarkers(
      [finding('a', 'info'), finding('b', 'warning')],
      [undefined, { line: 2, column: 1 }],
      lines,
    );
    expect(ms).toHaveLength(1);
    expect(ms[0]).toMatchObject({ startLineNumber: 2, message: 'shop/b has a problem' });
  });
});
