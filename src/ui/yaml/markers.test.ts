import { describe, expect, it } from 'vitest';
import { diagnosticsToMarkers, MARKER_SEVERITY } from './markers';

const lines = [
  'spec:',
  '  ingress:',
  '    - ports:',
  '        - port: eighty-thousand-x',
  '          protocol: TXP',
];

describe('diagnosticsToMarkers', () => {
  it('underlines the token at the reported line and column', () => {
    const [m] = diagnosticsToMarkers(
      [{ line: 5, column: 21, severity: 'error', message: 'protocol must be TCP, UDP or SCTP' }],
      lines,
    );
    expect(m).toMatchObject({
      startLineNumber: 5,
      startColumn: 21,
      endLineNumber: 5,
      endColumn: 24,
      severity: MARKER_SEVERITY.Error,
      message: 'protocol must be TCP, UDP or SCTP',
    });
  });

  it('maps warnings and infos to their Monaco severities', () => {
    const ms = diagnosticsToMarkers(
      [
        { line: 1, column: 1, severity: 'warning', message: 'w' },
        { line: 1, column: 1, severity: 'info', message: 'i' },
      ],
      lines,
    );
    expect(ms.map((m) => m.severity)).toEqual([MARKER_SEVERITY.Warning, MARKER_SEVERITY.Info]);
  });

  it('clamps positions past the end of the text to the last line', () => {
    const [m] = diagnosticsToMarkers([{ line: 99, column: 80, severity: 'error', message: 'end' }], lines);
    expect(m.startLineNumber).toBe(5);
    expect(m.startColumn).toBe(lines[4].length + 1);
    expect(m.endColumn).toBeGreaterThan(m.startColumn);
  });

  it('underlines the rest of the line when the column points at a blank', () => {
    const [m] = diagnosticsToMarkers([{ line: 3, column: 1, severity: 'error', message: 'indent' }], lines);
    expect(m.startColumn).toBe(1);
    expect(m.endColumn).toBe(lines[2].length + 1);
  });

  it('works on an empty document', () => {
    const [m] = diagnosticsToMarkers([{ line: 1, column: 1, severity: 'error', message: 'empty' }], []);
    expect(m).toMatchObject({ startLineNumber: 1, startColumn: 1, endColumn: 2 });
  });
});
