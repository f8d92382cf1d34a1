// Git settings in the environment of every command the model (or a hook, or a task's check) runs,
// so that a plain `git status` or `git log` — which may run without approval — cannot start a
// program the model configured in the copy's `.git/config` (writable under danger-full-access):
// no fsmonitor daemon, no hook, no pager, no signature check, and no bare repository found by
// discovery (the model can write a directory that looks like one — HEAD, config, refs — without any
// `.git` in its path, and its config could name a diff driver that `git log -p` runs there). Given as
// GIT_CONFIG_COUNT/KEY/VALUE, which git reads at command scope, above every config file, and passes on
// to the git it runs. Filter and diff drivers of the copy's own config cannot be switched off this way
// without knowing their names (and an empty `diff.external` breaks `git diff`); they are kept out by
// the copy's `.git` being unwritable (read-only in the sandbox, refused by apply_patch), and writing
// it outside the sandbox is a command that needs approval.
import type { ConfigPair } from '../workcopy/git-hardening.ts';

export const COMMAND_GIT_CONFIG: readonly ConfigPair[] = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.pager', 'cat'],
  ['log.showSignature', 'false'],
  ['safe.bareRepository', 'explicit'],
];

/** `env` with COMMAND_GIT_CONFIG appended after any GIT_CONFIG_COUNT entries it already has (later wins). */
export function withCommandGitConfig(env: Record<string, string>): Record<string, string> {
  const out = { ...env };
  const given = Number(env.GIT_CONFIG_COUNT ?? '0');
  let n = Number.isInteger(given) && given > 0 ? given : 0;
  if (n === 0) {
    for (const key of Object.keys(out)) if (/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key)) delete out[key];
  }
  for (const [key, value] of COMMAND_GIT_CONFIG) {
    out[`GIT_CONFIG_KEY_${n}`] = key;
    out[`GIT_CONFIG_VALUE_${n}`] = value;
    n++;
  }
  out.GIT_CONFIG_COUNT = String(n);
  return out;
}
