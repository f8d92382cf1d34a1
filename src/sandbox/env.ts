// The environment every sandboxed command gets: the caller's environment minus secrets (the run's
// EnvPolicy, src/secrets/), plus settings that keep tools non-interactive and their output free of
// colour codes (SPEC §5). Every sandbox (bwrap, seatbelt, none) builds its environment here.
import { createEnvPolicy, type EnvPolicy } from '../secrets/env-policy.ts';

/** Not secrets: dropped because commands are asked for no colour (NO_COLOR below). */
const COLOUR_NAMES: ReadonlySet<string> = new Set(['COLORTERM', 'FORCE_COLOR', 'CLICOLOR_FORCE']);

/** The built-in rules alone, for callers that were given no run policy. */
const DEFAULT_POLICY: EnvPolicy = createEnvPolicy();

/**
 * Set on top of the caller's environment. `EDITOR`/`VISUAL`/`GIT_EDITOR=true` make any attempt to
 * open an editor return at once (git then aborts an empty commit message instead of waiting);
 * `TERM=dumb` and `NO_COLOR=1` keep ANSI codes out of what the model reads.
 */
export const NON_INTERACTIVE_ENV: Readonly<Record<string, string>> = {
  CI: '1',
  PAGER: 'cat',
  GIT_PAGER: 'cat',
  MANPAGER: 'cat',
  GIT_TERMINAL_PROMPT: '0',
  GCM_INTERACTIVE: 'never',
  GIT_EDITOR: 'true',
  EDITOR: 'true',
  VISUAL: 'true',
  TERM: 'dumb',
  NO_COLOR: '1',
  DEBIAN_FRONTEND: 'noninteractive',
  npm_config_yes: 'true',
  PIP_NO_INPUT: '1',
  PYTHONUNBUFFERED: '1',
};

/**
 * The caller's environment without the variables `policy` removes (secrets: src/secrets/), with the
 * non-interactive settings applied, then `extra` on top (hew's own additions, e.g. a hook's
 * HEW_HOOK; these are trusted and not scrubbed).
 */
export function scrubbedEnv(
  base: NodeJS.ProcessEnv,
  extra?: Record<string, string>,
  policy: EnvPolicy = DEFAULT_POLICY,
): Record<string, string> {
  const env = policy.commandEnv(base);
  for (const name of Object.keys(env)) if (COLOUR_NAMES.has(name.toUpperCase())) delete env[name];
  Object.assign(env, NON_INTERACTIVE_ENV, extra ?? {});
  return env;
}
