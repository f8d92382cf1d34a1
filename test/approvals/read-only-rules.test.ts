// Every read-only rule's own examples, checked through the whole classifier: a rule without
// examples, or with a wrong one, fails here. Plus the option parser under the rules.
import { describe, expect, it } from 'vitest';
import { isReadOnlyCommand } from '../../src/approvals/read-only.ts';
import { READ_ONLY_RULES } from '../../src/approvals/read-only-rules/index.ts';
import type { Example } from '../../src/approvals/read-only-rules/index.ts';
import { optionTable, parseOptions } from '../../src/approvals/read-only-rules/options.ts';
import { parseScript } from '../../src/approvals/shell-words.ts';

const show = (e: Example) => JSON.stringify(e);

/** Each command's words, whether the example is a script or an argv. */
function commandsOf(e: Example): string[][] {
  if (typeof e !== 'string') return [[...e]];
  return parseScript(e)?.map((c) => c.words) ?? [e.split(/\s+/)];
}

/** An example belongs to a rule when it runs that program (and, for `git x`, that subcommand). */
function exercises(command: string, e: Example): boolean {
  const [program, sub] = command.split(' ') as [string, string | undefined];
  return commandsOf(e).some((words) => words[0] === program && (sub === undefined || words.includes(sub)));
}

describe('read-only rules', () => {
  it.each(READ_ONLY_RULES.map((r) => [r.command, r] as const))('%s carries examples of both kinds, all its own', (_, rule) => {
    expect(rule.match.length).toBeGreaterThan(0);
    expect(rule.notMatch.length).toBeGreaterThan(0);
    for (const e of [...rule.match, ...rule.notMatch]) expect(exercises(rule.command, e), show(e)).toBe(true);
  });

  const matches = READ_ONLY_RULES.flatMap((r) => r.match.map((e) => [r.command, show(e), e] as const));
  it.each(matches)('%s: %s is read-only', (_, __, example) => {
    expect(isReadOnlyCommand(example as string | string[])).toBe(true);
  });

  const misses = READ_ONLY_RULES.flatMap((r) => r.notMatch.map((e) => [r.command, show(e), e] as const));
  it.each(misses)('%s: %s needs approval', (_, __, example) => {
    expect(isReadOnlyCommand(example as string | string[])).toBe(false);
  });

  it('has one rule per command', () => {
    const commands = READ_ONLY_RULES.map((r) => r.command);
    expect(new Set(commands).size).toBe(commands.length);
  });
});

describe('parseOptions', () => {
  const table = optionTable(['-l', '-a', '-n=', '--lines=', '--all', '--color=?', '-U=?', '-NUM']);

  it.each([
    [['-la', 'f'], { options: [{ name: '-l' }, { name: '-a' }], positionals: ['f'], optionAfterOperand: false }],
    [['-n5', 'f'], { options: [{ name: '-n', value: '5' }], positionals: ['f'], optionAfterOperand: false }],
    [['-ln', '5'], { options: [{ name: '-l' }, { name: '-n', value: '5' }], positionals: [], optionAfterOperand: false }],
    [['--lines', '-a'], { options: [{ name: '--lines', value: '-a' }], positionals: [], optionAfterOperand: false }],
    [['--lines=5', '-'], { options: [{ name: '--lines', value: '5' }], positionals: ['-'], optionAfterOperand: false }],
    [['--color', 'x'], { options: [{ name: '--color' }], positionals: ['x'], optionAfterOperand: false }],
    [['-U', '3'], { options: [{ name: '-U' }], positionals: ['3'], optionAfterOperand: false }],
    [['-U3'], { options: [{ name: '-U', value: '3' }], positionals: [], optionAfterOperand: false }],
    [['-12', '--', '-x', '--lines'], { options: [{ name: '-NUM', value: '12' }], positionals: ['-x', '--lines'], optionAfterOperand: false }],
    [['f', '-l'], { options: [{ name: '-l' }], positionals: ['f'], optionAfterOperand: true }],
  ])('%j parses exactly', (args, expected) => {
    expect(parseOptions(args, table)).toEqual(expected);
  });

  it.each([
    [['--line=5']], // an abbreviation
    [['--al']],
    [['--all=x']], // a value for an option that takes none
    [['-n']], // a missing value
    [['--lines']],
    [['-lx']], // an unlisted letter in a cluster
    [['-5x']],
    [['--output=f']],
  ])('%j is unsure', (args) => {
    expect(parseOptions(args, table)).toBeNull();
  });

  it('rejects a malformed or repeated spec', () => {
    expect(() => optionTable(['-ab'])).toThrow(/one letter/);
    expect(() => optionTable(['-a', '-a='])).toThrow(/twice/);
  });
});
