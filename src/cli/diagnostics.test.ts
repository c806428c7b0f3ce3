import { describe, expect, it } from 'vitest';
import { formatDiagnostic, hasErrors, sortDiagnostics, visibleDiagnostics } from './diagnostics';
import type { CliDiagnostic } from './types';

describe('formatDiagnostic', () => {
  it('prints file:line:column: severity: message', () => {
    expect(
      formatDiagnostic({ file: 'a.yaml', line: 3, column: 7, severity: 'error', message: 'bad CIDR' }),
    ).toBe('a.yaml:3:7: error: bad CIDR');
  });

  it('leaves out the position parts that are unknown', () => {
    expect(formatDiagnostic({ file: 'a.yaml', severity: 'error', message: 'no such file' })).toBe(
      'a.yaml: error: no such file',
    );
    expect(formatDiagnostic({ file: 'a.yaml', line: 2, severity: 'warning', message: 'm' })).toBe(
      'a.yaml:2: warning: m',
    );
    expect(formatDiagnostic({ severity: 'info', message: 'm' })).toBe('info: m');
  });

  it('keeps a diagnostic on one line', () => {
    expect(formatDiagnostic({ file: 'f', line: 1, column: 1, severity: 'error', message: 'a\n  b' })).toBe(
      'f:1:1: error: a b',
    );
  });
});

describe('sortDiagnostics', () => {
  it('orders by file read order, then line, then column', () => {
    const d = (file: string, line: number, column: number): CliDiagnostic => ({
      file,
      line,
      column,
      severity: 'error',
      message: `${file}${line}${column}`,
    });
    const sorted = sortDiagnostics([d('b', 1, 1), d('a', 2, 1), d('a', 1, 5), d('a', 1, 2)], ['b', 'a']);
    expect(sorted.map((x) => x.message)).toEqual(['b11', 'a12', 'a15', 'a21']);
  });
});

describe('severity filters', () => {
  const list: CliDiagnostic[] = [
    { severity: 'info', message: 'skipped Service' },
    { severity: 'warning', message: 'w' },
  ];

  it('hides info unless verbose', () => {
    expect(visibleDiagnostics(list, false).map((d) => d.message)).toEqual(['w']);
    expect(visibleDiagnostics(list, true)).toHaveLength(2);
  });

  it('counts only errors as errors', () => {
    expect(hasErrors(list)).toBe(false);
    expect(hasErrors([...list, { severity: 'error', message: 'e' }])).toBe(true);
  });
});
