// The typo guard as a table: words that must be refused (and the command suggested) and words that
// must pass through as prompts.
import { describe, expect, it } from 'vitest';
import { editDistance, nearCommand } from '../../src/cli/near-command.ts';

const COMMANDS = ['exec', 'runs', 'diff', 'apply', 'discard', 'resume', 'rewind', 'demo', 'doctor', 'batch', 'report', 'watch', 'config', 'models', 'help', 'completion'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['dif', 'diff', 1],
    ['exce', 'exec', 1],
    ['hlep', 'help', 1],
    ['fix', 'diff', 3],
    ['kitten', 'sitting', 3],
  ])('%s → %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });
});

describe('nearCommand', () => {
  it.each([
    ['dif', 'diff'],
    ['dff', 'diff'],
    ['Diff', 'diff'],
    ['exe', 'exec'],
    ['exce', 'exec'],
    ['run', 'runs'],
    ['rnus', 'runs'],
    ['dfif', 'diff'],
    ['aply', 'apply'],
    ['appyl', 'apply'],
    ['apple', 'apply'],
    ['dicard', 'discard'],
    ['resmue', 'resume'],
    ['wacth', 'watch'],
    ['docter', 'doctor'],
    ['modles', 'models'],
    ['model', 'models'],
    ['hlep', 'help'],
    ['halp', 'help'],
    ['completon', 'completion'],
    // Real words one edit from a command are refused too (send them with `hew -- patch`):
    ['patch', 'batch'],
    ['match', 'batch'], // as near watch: on a tie, the first command listed
    ['diffs', 'diff'],
  ])('refuses %s (did you mean %s)', (word, command) => {
    expect(nearCommand(word, COMMANDS)).toBe(command);
  });

  it.each(['fix', 'test', 'refactor', 'review', 'lint', 'build', 'explain', 'hello', 'go', 'x', 'deploy', 'docs', 'complete', 'fix the bug', 'dif.', '-dif', 'diff', 'exec', ''])(
    'lets %j through as a prompt',
    (word) => {
      expect(nearCommand(word, COMMANDS)).toBeUndefined();
    },
  );
});
