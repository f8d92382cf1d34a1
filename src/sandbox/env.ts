// The one environment of every command hew runs in a run's copy: the agent's shell commands, the
// task's `check`, the hooks (and any other command run there): the user's environment, minus the
// run's secrets (its EnvPolicy, src/secrets/), plus the few settings non-interactive running needs
// (NON_INTERACTIVE_ENV) and the git settings of git-env.ts. Nothing else is changed: no `CI`, no
// `NO_COLOR`, `TERM` and the colour variables as the user has them, so a project's tests behave as
// in the user's shell (docs/sandbox.md "The commands' environment"). Every sandbox (bwrap, seatbelt,
// none) starts from `commandEnvironment`, then sets only what its own confinement moves (HOME, TMPDIR).
import { createEnvPolicy, type EnvPolicy } from '../secrets/env-policy.ts';
import { withCommandGitConfig } from './git-env.ts';

/** The built-in rules alone, for callers that were given no run policy. */
const DEFAULT_POLICY: EnvPolicy = createEnvPolicy();

/**
 * What hew changes in the user's environment, and only because commands run without a terminal
 * (stdout and stderr are pipes, stdin is closed): nothing may wait for a person. Pagers print
 * straight through; git and its credential manager never prompt; `EDITOR`/`VISUAL`/`GIT_EDITOR=true`
 * make any attempt to open an editor return at once (git then aborts an empty commit message
 * instead of waiting); apt, npm (`npm init`, `npx`) and pip take their defaults instead of asking;
 * Python writes its output as it goes, so a timed-out or interleaved run still shows it in order.
 * The system prompt lists exactly these (agent/system-prompt.ts `commandEnvLine`).
 */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  MANPAGER: 'cat',
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_EDITOR: 'true',
  EDITOR: 'true',
  VISUAL: 'true',
  DEBIAN_FRONTEND: 'noninteractive',
  npm_config_yes: 'true',
  PIP_NO_INPUT: '1',
  PYTHONUNBUFFERED: '1',
};

/**
 * The environment of a command run in the copy: `hostEnv` (the user's) without the variables
 * `policy` removes, with NON_INTERACTIVE_ENV and the command git settings applied. Sandboxes add
 * their own HOME/TMPDIR and the command's extra variables (e.g. a hook's HEW_HOOK) on top.
 */
export function commandEnvironment(hostEnv: NodeJS.ProcessEnv, policy: EnvPolicy = DEFAULT_POLICY): Record<string, string> {
  return withCommandGitConfig({ ...policy.commandEnv(hostEnv), ...NON_INTERACTIVE_ENV });
}
