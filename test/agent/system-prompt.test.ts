import { describe, expect, it } from 'vitest';
import { buildInstructions, commandEnvLine } from '../../src/agent/system-prompt.ts';
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
