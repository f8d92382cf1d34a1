// exec's command progress lines: the command shown safely and bounded, its directory relative to the
// repository, and how it ended — as tables.
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/protocol/events.ts';
import { commandEndLine, commandStartLine, hasStartLine, MAX_SHOWN_COMMAND, shownCommand, shownDir } from '../../src/cli/progress-lines.ts';
import { makeStyle } from '../../src/cli/human-output.ts';

type CommandItem = Extract<Item, { type: 'command_execution' }>;
const plain = makeStyle(false);

function command(over: Partial<CommandItem>): CommandItem {
  return { id: 'c1', type: 'command_execution', command: 'npm test', cwd: '/repo', exit_code: null, aggregated_output: '', duration_ms: null, status: 'in_progress', ...over };
}

describe('shownCommand', () => {
  const long = 'x'.repeat(MAX_SHOWN_COMMAND + 10);
  it.each([
    ['a plain command', 'npm test', 'npm test'],
    ['escape sequences made visible', 'echo \u001b]52;c;aGk=\u0007 ok\r', 'echo ␛]52;c;aGk=␇ ok␍'],
    ['a bidi override made visible', 'ls \u202egnp.exe', 'ls ⟨U+202E⟩gnp.exe'],
    ['a tab made visible', 'a\tb', 'a␉b'],
    ['more lines counted', 'cd src\nnpm test\nnpm run lint\n', 'cd src (+2 lines)'],
    ['one more line', 'a\nb', 'a (+1 line)'],
    ['a long first line cut', long, `${'x'.repeat(MAX_SHOWN_COMMAND - 1)}…`],
  ])('%s', (_name, input, shown) => {
    expect(shownCommand(input)).toBe(shown);
  });
});

describe('shownDir', () => {
  const roots = ['/home/u/repo', '/state/runs/r1/copy'];
  it.each([
    ['the repository top', '/home/u/repo', '.'],
    ['under the repository', '/home/u/repo/packages/app', 'packages/app'],
    ['under the working copy', '/state/runs/r1/copy/src', 'src'],
    ['a sibling with the same prefix is not inside', '/home/u/repo2/src', '/home/u/repo2/src'],
    ['elsewhere: shown whole', '/tmp/x', '/tmp/x'],
    ['a hostile directory name made visible', '/home/u/repo/a\u001b[2Kb', 'a␛[2Kb'],
  ])('%s', (_name, cwd, shown) => {
    expect(shownDir(cwd, roots)).toBe(shown);
  });
});

describe('command start and end lines', () => {
  it.each([
    ['shell', command({}), '› $ npm test · in .'],
    ['in a subdirectory', command({ cwd: '/repo/pkg' }), '› $ npm test · in pkg'],
    ['setup', command({ tool: 'setup', command: 'setup npm ci', id: 'setup' }), '› setup npm ci · in .'],
  ])('start: %s', (_name, item, line) => {
    expect(commandStartLine(item, ['/repo'], plain)).toBe(line);
  });

  it.each([
    ['success', command({ status: 'completed', exit_code: 0, duration_ms: 1234 }), '  ✓ exit 0 · 1.2s'],
    ['a failure', command({ status: 'failed', exit_code: 1, duration_ms: 400 }), '  ✗ exit 1 · 400ms'],
    ['a timeout', command({ status: 'failed', exit_code: 124, duration_ms: 120_000 }), '  ✗ timed out · exit 124 · 2m 00s'],
    ['an interrupt', command({ status: 'failed', exit_code: 130, duration_ms: 2_000 }), '  ✗ interrupted · exit 130 · 2.0s'],
    ['declined', command({ status: 'declined' }), '  ✗ declined — not run'],
    ['no exit code', command({ status: 'failed' }), '  ✗ failed'],
  ])('end: %s', (_name, item, line) => {
    expect(commandEndLine(item, plain)).toBe(line);
  });

  it.each([
    ['a shell command', command({}), true],
    ['the setup command', command({ tool: 'setup' }), true],
    ['read_file (one line when it ends)', command({ tool: 'read_file' }), false],
    ['grep', command({ tool: 'grep' }), false],
    ['a message', { id: 'm', type: 'agent_message', text: '', status: 'in_progress' } as Item, false],
  ])('hasStartLine: %s', (_name, item, expected) => {
    expect(hasStartLine(item)).toBe(expected);
  });
});
