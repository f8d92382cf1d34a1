// Exact option parsing for the read-only rules, in the manner of GNU getopt_long and git's
// parse-options: short options cluster (`-la`), a value may be attached (`-n5`, `--lines=5`) or be
// the next word, `--` ends the options, and a lone `-` is an operand. Unlike getopt, nothing is
// guessed: an option that is not listed, an abbreviated long option (`--outp` for `--output`, which
// getopt and git's parse-options both accept), a value given to an option that takes none, or a
// missing value makes the whole invocation "unsure" (null), and unsure is never read-only.

/** How an option takes a value. `optional` values must be attached (`-U5`, `--color=never`). */
export type Arity = 'none' | 'required' | 'optional';

/**
 * One option as written in a rule: `-l` and `--all` take no value; `-n=` and `--lines=` take a
 * value, attached or as the next word; `--color=?` and `-U=?` take a value only when attached;
 * `-NUM` accepts a bare number (`head -5`, `grep -3`).
 */
export type OptionSpec = `-${string}`;

export interface OptionTable {
  short: ReadonlyMap<string, Arity>;
  long: ReadonlyMap<string, Arity>;
  numeric: boolean;
}

export interface ParsedOption {
  /** As listed in the rule, without a value suffix: `-n`, `--lines`, `-NUM`. */
  name: string;
  value?: string;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Operands in order (after `--` too); `-` is one. */
  positionals: string[];
  /**
   * An option came after an operand. GNU getopt permutes, so it is still an option; with
   * POSIXLY_CORRECT in the environment it is an operand instead.
   */
  optionAfterOperand: boolean;
}

const SPEC = /^(--?)([^=]+)(=\??)?$/;

function arityOf(suffix: string | undefined): Arity {
  return suffix === undefined ? 'none' : suffix === '=' ? 'required' : 'optional';
}

/** Builds a table from a rule's specs; throws on a malformed spec (a mistake in the rules). */
export function optionTable(specs: readonly OptionSpec[]): OptionTable {
  const short = new Map<string, Arity>();
  const long = new Map<string, Arity>();
  let numeric = false;
  for (const spec of specs) {
    if (spec === '-NUM') {
      numeric = true;
      continue;
    }
    const m = SPEC.exec(spec);
    if (!m) throw new Error(`malformed option spec ${spec}`);
    const [, dashes, name, suffix] = m as unknown as [string, string, string, string | undefined];
    const table = dashes === '--' ? long : short;
    if (dashes === '-' && name.length !== 1) throw new Error(`short option spec ${spec} must be one letter`);
    if (table.has(name)) throw new Error(`option ${dashes}${name} listed twice`);
    table.set(name, arityOf(suffix));
  }
  return { short, long, numeric };
}

/** Parses `args` against the table; null for anything not exactly listed. */
export function parseOptions(args: readonly string[], table: OptionTable): ParsedArgs | null {
  const options: ParsedOption[] = [];
  const positionals: string[] = [];
  let optionAfterOperand = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (positionals.length > 0) optionAfterOperand = true;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const arity = table.long.get(name);
      if (arity === undefined) return null; // unknown, or an abbreviation of a listed or unlisted option
      if (eq >= 0) {
        if (arity === 'none') return null;
        options.push({ name: `--${name}`, value: arg.slice(eq + 1) });
      } else if (arity === 'required') {
        const value = args[++i];
        if (value === undefined) return null;
        options.push({ name: `--${name}`, value });
      } else {
        options.push({ name: `--${name}` });
      }
    } else if (table.numeric && /^-\d+$/.test(arg)) {
      options.push({ name: '-NUM', value: arg.slice(1) });
    } else {
      const consumedNext = parseCluster(arg, args[i + 1], table, options);
      if (consumedNext === null) return null;
      if (consumedNext) i++;
    }
  }
  return { options, positionals, optionAfterOperand };
}

/** `-abc`: each letter an option; a letter that takes a value takes the rest of the word. */
function parseCluster(arg: string, next: string | undefined, table: OptionTable, out: ParsedOption[]): boolean | null {
  for (let j = 1; j < arg.length; j++) {
    const letter = arg[j] as string;
    const arity = table.short.get(letter);
    if (arity === undefined) return null;
    if (arity === 'none') {
      out.push({ name: `-${letter}` });
      continue;
    }
    const rest = arg.slice(j + 1);
    if (rest !== '') {
      out.push({ name: `-${letter}`, value: rest });
      return false;
    }
    if (arity === 'optional') {
      out.push({ name: `-${letter}` });
      return false;
    }
    if (next === undefined) return null;
    out.push({ name: `-${letter}`, value: next });
    return true;
  }
  return false;
}

/** The values given to any of `names` (`-e`, `--expression`). */
export function valuesOf(parsed: ParsedArgs, ...names: string[]): string[] {
  return parsed.options.flatMap((o) => (names.includes(o.name) && o.value !== undefined ? [o.value] : []));
}

export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((o) => names.includes(o.name));
}
