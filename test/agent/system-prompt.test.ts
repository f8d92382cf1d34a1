// The system prompt's environment line and its git line (the user's branch and base commit, and whether the model can commit).
import { describe, expect, it } from 'vitest';
import { buildInstructions, commandEnvLine, gitPromptLine, type PromptGit } from '../../src/agent/system-prompt.ts';
import { NON_INTERACTIVE_ENV } from '../../src/sandbox/env.ts';
import { COMMAND_GIT_CONFIG } from '../../src/sandbox/git-env.ts';

describe('commandEnvLine', () => {
  const changes = { variables: NON_INTERACTIVE_ENV, gitConfig: COMMAND_GIT_CONFIG };

  it('names every variable and git setting hew changes, from the list the sandbox applies', () => {
    const line = commandEnvLine(changes);
    expect(line).not.toContain('\n');
    for (const [k, v] of Object.entries(NON_INTERACTIVE_ENV)) expect(line).toContain(`${k}=${v}`);
    for (const [k, v] of COMMAND_GIT_CONFIG) expect(line).toContain(`${k}=${v}`);
    expect(line).not.toMatch(/\bCI=|NO_COLOR|TERM=/);
  });

  it('is one line of the instructions', () => {
    const text = buildInstructions({ root: '/repo', subdir: '', sandbox: 'workspace-write', network: false, commandEnv: changes });
    expect(text.split('\n').filter((l) => l.startsWith('Commands run without a terminal'))).toEqual([commandEnvLine(changes)]);
  });

  it('formats a small list', () => {
    expect(commandEnvLine({ variables: { PAGER: 'cat' }, gitConfig: [] })).toBe(
      "Commands run without a terminal (output piped, stdin closed) in the user's environment minus secrets; hew changes only PAGER=cat.",
    );
  });
});

const SHA = '1a2b3c4d5e6f70819293a4b5c6d7e8f901234567';

describe('gitPromptLine', () => {
  it.each<[string, PromptGit, string[], string[]]>([
    ['on a branch, sandboxed', { isGit: true, branch: 'main', commit: SHA, readOnly: true }, ['branch main at 1a2b3c4,', 'You cannot commit', 'git status and git diff'], [SHA, 'hew-run']],
    ['detached', { isGit: true, branch: null, commit: SHA, readOnly: true }, ['detached HEAD at 1a2b3c4'], ['branch ']],
    ['unborn branch', { isGit: true, branch: 'trunk', commit: null, readOnly: true }, ['branch trunk (no commits yet)'], ['detached']],
    ['no sandbox: .git writable', { isGit: true, branch: 'main', commit: SHA, readOnly: false }, ["Don't commit; hew records your changes."], ['cannot commit']],
    ['HEAD not read (a reftable repository)', { isGit: true, branch: null, commit: null, readOnly: true }, ["Git: the copy is the user's checkout, with their"], ['detached', 'unknown']],
    ['a plain directory', { isGit: false, branch: null, commit: null, readOnly: true }, ['not a git repository', 'You cannot commit'], ['branch', 'checkout']],
  ])('%s', (_name, git, has, lacks) => {
    const line = gitPromptLine(git);
    for (const text of has) expect(line).toContain(text);
    for (const text of lacks) expect(line).not.toContain(text);
    expect(line).not.toContain('\n');
  });

  it('is in the instructions when given, and absent otherwise', () => {
    const base = { root: '/w', subdir: '', sandbox: 'workspace-write', network: false };
    expect(buildInstructions({ ...base, git: { isGit: true, branch: 'main', commit: SHA, readOnly: true } })).toContain('Git: the copy is the user’s checkout'.replace('’', "'"));
    expect(buildInstructions(base)).not.toContain('Git:');
    expect(buildInstructions(base)).not.toContain("Don't commit");
  });
});
