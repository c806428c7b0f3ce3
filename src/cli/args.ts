// A small command-line parser: long options (`--name value`, `--name=value`), short aliases (`-o file`),
// boolean flags, enumerated values, and `--` to end options. Written here rather than taken from a package
// because the CLI needs only this much, and errors must read like the rest of our usage messages.

export interface OptionSpec {
  /** Long name without dashes: `format` for `--format`. */
  readonly name: string;
  /** One letter without the dash: `o` for `-o`. */
  readonly short?: string;
  /** True when the option takes a value; false for a flag. */
  readonly takesValue: boolean;
  /** The only values accepted, when the option takes one of a fixed set. */
  readonly values?: readonly string[];
}

export interface ParsedArgs {
  readonly positionals: readonly string[];
  /** Options by long name: the value given (an option that takes a value is given at most once), or `true` for a flag. */
  readonly options: ReadonlyMap<string, string | true>;
}

export type ParseResult =
  | { readonly ok: true; readonly args: ParsedArgs }
  | { readonly ok: false; readonly error: string };

function fail(error: string): ParseResult {
  return { ok: false, error };
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParseResult {
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short as string, s]));
  const positionals: string[] = [];
  const options = new Map<string, string | true>();

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    // A lone `-` is a positional (conventionally standard input), as is anything not starting with a dash.
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }

    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let written: string;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0) inline = arg.slice(eq + 1);
      spec = byLong.get(name);
      written = `--${name}`;
    } else {
      // `-o file` or `-ofile`; short flags are not bundled (`-ab`), which nothing here needs.
      const letter = arg.slice(1, 2);
      if (arg.length > 2) inline = arg.slice(2);
      spec = byShort.get(letter);
      written = `-${letter}`;
    }
    if (!spec) return fail(`unknown option ${written}`);

    if (!spec.takesValue) {
      if (inline !== undefined) return fail(`option ${written} takes no value`);
      options.set(spec.name, true);
      continue;
    }

    let value = inline;
    if (value === undefined) {
      if (i + 1 >= argv.length) return fail(`option ${written} needs a value`);
      value = argv[++i];
    }
    // A second value is a mistake to say, not one to settle by taking the last: `--from a --from b`.
    if (options.has(spec.name)) return fail(`option ${written} is given more than once`);
    if (spec.values && !spec.values.includes(value)) {
      return fail(`option ${written} must be one of ${spec.values.join(', ')} (got '${value}')`);
    }
    options.set(spec.name, value);
  }
  return { ok: true, args: { positionals, options } };
}

/** The string value of an option, or undefined when absent (flags read as undefined here). */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.options.get(name) === true;
}
