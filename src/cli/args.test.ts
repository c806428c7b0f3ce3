import { describe, expect, it } from 'vitest';
import { flagOption, type OptionSpec, type ParseResult, parseArgs, stringOption } from './args';

const specs: OptionSpec[] = [
  { name: 'format', takesValue: true, values: ['txt', 'json'] },
  { name: 'output', short: 'o', takesValue: true },
  { name: 'verbose', short: 'v', takesValue: false },
];

function ok(r: ParseResult) {
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.args;
}

function error(r: ParseResult): string {
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('parseArgs', () => {
  it('keeps positionals in order around options', () => {
    const a = ok(parseArgs(['a.yaml', '--format', 'json', 'dir', '-v', 'b.yml'], specs));
    expect(a.positionals).toEqual(['a.yaml', 'dir', 'b.yml']);
    expect(stringOption(a, 'format')).toBe('json');
    expect(flagOption(a, 'verbose')).toBe(true);
  });

  it('reads --name=value and short options with a separate or attached value', () => {
    expect(stringOption(ok(parseArgs(['--format=txt'], specs)), 'format')).toBe('txt');
    expect(stringOption(ok(parseArgs(['-o', 'out.txt'], specs)), 'output')).toBe('out.txt');
    expect(stringOption(ok(parseArgs(['-oout.txt'], specs)), 'output')).toBe('out.txt');
    expect(stringOption(ok(parseArgs(['--output', 'x'], specs)), 'output')).toBe('x');
  });

  it('refuses an option that takes a value given twice, and lets a repeated flag be', () => {
    expect(parseArgs(['--format', 'txt', '--format', 'json'], specs)).toEqual({
      ok: false,
      error: 'option --format is given more than once',
    });
    expect(parseArgs(['--output=a', '-o', 'b'], specs)).toMatchObject({ ok: false });
  });

  it('takes a value that looks like an option when one is required', () => {
    expect(stringOption(ok(parseArgs(['-o', '--weird'], specs)), 'output')).toBe('--weird');
  });

  it('treats everything after -- and a lone - as positionals', () => {
    const a = ok(parseArgs(['-', '--', '--format', '-v'], specs));
    expect(a.positionals).toEqual(['-', '--format', '-v']);
    expect(a.options.size).toBe(0);
  });

  it('reports absent options as undefined and unset flags as false', () => {
    const a = ok(parseArgs([], specs));
    expect(stringOption(a, 'format')).toBeUndefined();
    expect(flagOption(a, 'verbose')).toBe(false);
  });

  it('rejects unknown options, long and short', () => {
    expect(error(parseArgs(['--colour'], specs))).toBe('unknown option --colour');
    expect(error(parseArgs(['-x'], specs))).toBe('unknown option -x');
  });

  it('rejects a missing value, a value given to a flag, and a value outside the allowed set', () => {
    expect(error(parseArgs(['--format'], specs))).toBe('option --format needs a value');
    expect(error(parseArgs(['--verbose=yes'], specs))).toBe('option --verbose takes no value');
    expect(error(parseArgs(['--format', 'xml'], specs))).toBe(
      "option --format must be one of txt, json (got 'xml')",
    );
  });
});
