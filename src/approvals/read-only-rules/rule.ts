// What a read-only rule is: a program (or a git subcommand), the exact options it may take without
// approval, further limits on its operands, and examples that must and must not be read-only. The
// examples are whole commands, checked by a test against `isReadOnlyCommand`, so a rule without
// examples, or with a wrong one, fails the suite.
import { optionTable, parseOptions } from './options.ts';
import type { OptionSpec, OptionTable, ParsedArgs } from './options.ts';

/** Decides from the arguments (program name excluded) whether this invocation only reads. */
export type ArgsCheck = (args: readonly string[]) => boolean;

/** A command as the model may send it: a bash script, or an argv. */
export type Example = string | readonly string[];

interface RuleBase {
  /** The words the rule is for: `sort`, or `git grep` for a git subcommand. */
  command: string;
  /** Whole commands that must be read-only (at least one). */
  match: readonly Example[];
  /** Whole commands that must not be (at least one): the attacks and near misses this rule stops. */
  notMatch: readonly Example[];
  /**
   * Set only for programs none of whose options (listed or not) writes or runs anything and whose
   * operands are all inputs: then an unquoted glob or brace is fine even though it may expand to
   * options (`--compress-program=sh` is a file name the model can create) or to more operands
   * (`uniq *` can mean `uniq IN OUT`). Elsewhere such a word needs approval.
   */
  acceptsExpansions?: true;
}

/** The usual rule: an exact option list, then limits on what was parsed. */
export interface OptionRule extends RuleBase {
  options: readonly OptionSpec[];
  /** Limits on operands and option values (an output file, a script, a format); default: none. */
  accepts?: (parsed: ParsedArgs) => boolean;
}

/** A program whose arguments are not options (find's expression, git's subcommand). */
export interface CustomRule extends RuleBase {
  check: ArgsCheck;
}

/** A program that never treats an argument as an action (`echo`, `true`): any arguments. */
export interface AnyArgumentsRule extends RuleBase {
  anyArguments: true;
}

export type ReadOnlyRule = OptionRule | CustomRule | AnyArgumentsRule;

const tables = new WeakMap<OptionRule, OptionTable>();

/** The check a rule stands for. */
function ruleCheck(rule: ReadOnlyRule): ArgsCheck {
  if ('anyArguments' in rule) return () => true;
  if ('check' in rule) return rule.check;
  return (args) => {
    let table = tables.get(rule);
    if (!table) {
      table = optionTable(rule.options);
      tables.set(rule, table);
    }
    const parsed = parseOptions(args, table);
    return parsed !== null && (rule.accepts?.(parsed) ?? true);
  };
}

export interface IndexedRule {
  check: ArgsCheck;
  acceptsExpansions: boolean;
}

/** Rules by their command, checked for duplicates. */
export function indexRules(rules: readonly ReadOnlyRule[]): ReadonlyMap<string, IndexedRule> {
  const index = new Map<string, IndexedRule>();
  for (const rule of rules) {
    if (index.has(rule.command)) throw new Error(`two read-only rules for ${rule.command}`);
    index.set(rule.command, { check: ruleCheck(rule), acceptsExpansions: rule.acceptsExpansions === true });
  }
  return index;
}

/** At most `n` operands: more would be an output (`uniq IN OUT`) or are not expected. */
export function atMostOperands(n: number): (parsed: ParsedArgs) => boolean {
  return (parsed) => parsed.positionals.length <= n;
}
