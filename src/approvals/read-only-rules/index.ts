// The read-only list: every rule, and the check for one program with its arguments. A program
// without a rule is not read-only. Conservative on purpose: a false "no" costs one question, a
// false "yes" runs a write (or a program) without asking.
import { FILE_RULES } from './files.ts';
import { GIT_RULE, GIT_RULES } from './git.ts';
import type { ReadOnlyRule } from './rule.ts';
import { indexRules } from './rule.ts';
import { SEARCH_RULES } from './search.ts';
import { TEXT_RULES } from './text.ts';

export type { Example } from './rule.ts';

/** Every rule, git's subcommands included; each carries its examples. */
export const READ_ONLY_RULES: readonly ReadOnlyRule[] = [...FILE_RULES, ...TEXT_RULES, ...SEARCH_RULES, ...GIT_RULES];

const PROGRAMS = indexRules([...FILE_RULES, ...TEXT_RULES, ...SEARCH_RULES, GIT_RULE]);

/**
 * Whether `program` with `args` only reads, by the rule for that program. `expands`: some argument
 * is a glob or brace the shell will expand into words nobody has seen yet.
 */
export function isReadOnlyInvocation(program: string, args: readonly string[], expands = false): boolean {
  const rule = PROGRAMS.get(program);
  return rule !== undefined && (!expands || rule.acceptsExpansions) && rule.check(args);
}
