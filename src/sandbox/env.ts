// The environment every sandboxed command gets: the caller's environment minus secrets, plus
// settings that keep tools non-interactive and their output free of colour codes (SPEC §5).

/** Variable names dropped because they hold (or point at) credentials. Matched case-insensitively. */
const SECRET_NAME_PATTERNS: readonly RegExp[] = [
  /(^|_)API_?KEYS?$/i, // OPENAI_API_KEY, FOO_APIKEY
  /(^|_)TOKEN$/i, // GH_TOKEN, GITHUB_TOKEN, NPM_TOKEN, HF_TOKEN, AWS_SESSION_TOKEN
  /(^|_)AUTH_?TOKEN/i, // npm_config_//registry/:_authToken, SENTRY_AUTH_TOKEN_X
  /(^|_)SECRETS?($|_)/i, // CLIENT_SECRET, SECRET_KEY_BASE, JWT_SECRET
  /(^|_)(PASSWORD|PASSWD|PASSPHRASE)$/i,
  /ACCESS_KEY/i, // AWS_ACCESS_KEY_ID, *_ACCESS_KEY*
  /(^|_)PRIVATE_KEY/i,
  /(^|_)CREDENTIALS?($|_)/i, // GOOGLE_APPLICATION_CREDENTIALS, *_CREDENTIALS_FILE
  /(^|_)COOKIE$/i,
  /^AWS_/i, // every AWS setting (keys, session, profile, container credentials)
  /^AZURE_/i, // AZURE_CLIENT_SECRET, AZURE_CLIENT_ID, AZURE_TENANT_ID, AZURE_USERNAME, …
  /^ARM_CLIENT_/i, // Terraform's Azure credentials
  /^GOOGLE_(APPLICATION_CREDENTIALS|CLOUD_KEYFILE_JSON|CREDENTIALS)/i,
  /^CLOUDSDK_AUTH_/i,
  /^DIGITALOCEAN_/i,
  /^(DOCKER_AUTH_CONFIG|NETRC|NPM_CONFIG__AUTH|NODE_AUTH_TOKEN)$/i,
];

/** Exact names dropped: agents and prompts that could reach credentials or a person. */
const DROPPED_NAMES: ReadonlySet<string> = new Set([
  'SSH_AUTH_SOCK', // the ssh agent: signing with the user's keys
  'SSH_AGENT_PID',
  'GPG_AGENT_INFO',
  'SSH_ASKPASS', // would pop up a password prompt
  'GIT_ASKPASS',
  'SUDO_ASKPASS',
  'COLORTERM', // we ask for no colour
  'FORCE_COLOR',
  'CLICOLOR_FORCE',
]);

/** A value such as `postgres://user:secret@host/db` embeds a password: drop the variable. */
const URL_WITH_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

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

/** True when a variable would leak a credential into a command. */
export function isSecretVariable(name: string, value: string): boolean {
  if (DROPPED_NAMES.has(name.toUpperCase())) return true;
  if (SECRET_NAME_PATTERNS.some((re) => re.test(name))) return true;
  return URL_WITH_PASSWORD.test(value);
}

/**
 * The caller's environment without secrets, with the non-interactive settings applied, then
 * `extra` on top (hew's own additions, e.g. a task's env; these are trusted and not scrubbed).
 */
export function scrubbedEnv(
  base: NodeJS.ProcessEnv,
  extra?: Record<string, string>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) {
    if (value === undefined || isSecretVariable(name, value)) continue;
    env[name] = value;
  }
  Object.assign(env, NON_INTERACTIVE_ENV, extra ?? {});
  return env;
}
