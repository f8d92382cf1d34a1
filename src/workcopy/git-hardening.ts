// What keeps hew's own git calls from running a program that the working copy could name. The model
// may have written the copy's `.git` (under danger-full-access, or through a hole not yet found) and
// its `.gitattributes`; hew runs git there on the host, outside any sandbox. So, for every git call
// in a copy (see git.ts, the one runner):
// - GIT_DIR and GIT_WORK_TREE are explicit: `core.worktree` cannot send `reset --hard` or `clean`
//   elsewhere, and the copy's `.git` must be a real directory without a `commondir` file (a `.git`
//   replaced by a symlink or a `gitdir:` file, or pointing at another repository, is refused).
// - No system config, no system attributes; the global config is a file hew writes with only the
//   FIDELITY_KEYS of the user's own global and system config (line endings, file system semantics,
//   excludes and attributes files), so no driver the user defines (lfs, …) exists in the copy.
// - NO_PROGRAM_CONFIG at command scope (above the copy's own config): no hooks, fsmonitor, pager,
//   external diff, gpg, credential helper, askpass or ssh command, submodule recursion or auto gc.
// - Every filter, diff and merge driver named in the config git sees in the copy (read with
//   `git config --list --name-only`, as git itself resolves includes) is emptied at command scope,
//   for the subcommands that can read files through attributes (all but PLUMBING_WITHOUT_DRIVERS).
// Git calls in the user's repository get NO_PROGRAM_CONFIG too (their config is the user's own).
// The copy's own `.git/config` gets the LINE_ENDING_KEYS of the user's repository (its local config
// included) before checkout, so unmodified files check out to the user's bytes.
import { spawnSync } from 'node:child_process';
import { lstat } from 'node:fs/promises';
import { lstatSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ConfigPair = readonly [key: string, value: string];

/** Command-scope settings for every git call hew makes: nothing configured may run a program. */
export const NO_PROGRAM_CONFIG: readonly ConfigPair[] = [
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.pager', 'cat'],
  ['core.askPass', ''],
  ['core.sshCommand', ''],
  ['core.bare', 'false'],
  ['credential.helper', ''],
  ['diff.external', ''],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
  ['log.showSignature', 'false'],
  ['merge.verifySignatures', 'false'],
  ['gpg.program', ''],
  ['gpg.openpgp.program', ''],
  ['gpg.x509.program', ''],
  ['gpg.ssh.program', ''],
  ['gpg.ssh.defaultKeyCommand', ''],
  ['submodule.recurse', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
];

/**
 * The user's global/system settings a copy keeps (lower-case names): what decides the bytes of a
 * checked-out file and which files count as changed or ignored. Nothing here names a program.
 * Not `core.safecrlf`: it changes no byte, only refuses to add a file whose line endings would not
 * survive a round trip — and hew's own snapshots must take whatever the model wrote.
 */
export const FIDELITY_KEYS: ReadonlySet<string> = new Set([
  'core.autocrlf',
  'core.eol',
  'core.checkroundtripencoding',
  'core.attributesfile',
  'core.excludesfile',
  'core.ignorecase',
  'core.precomposeunicode',
  'core.protectntfs',
  'core.protecthfs',
  'core.symlinks',
  'core.filemode',
  'core.trustctime',
  'core.checkstat',
  'core.bigfilethreshold',
]);

/**
 * The FIDELITY_KEYS that decide how a blob checks out and how a file is read back in: the values the
 * user's repository resolves (local config over global and system) are written into the copy's own
 * config, so the copy's files, its `git diff` and apply's base all match the user's checkout.
 */
export const LINE_ENDING_KEYS: ReadonlySet<string> = new Set(['core.autocrlf', 'core.eol', 'core.checkroundtripencoding']);

/**
 * Subcommands that neither read a working-tree file through attributes nor write the index (writing
 * the index re-reads "racily clean" files through the clean filter: `write-tree` does), so no driver
 * can run and the config need not be read first. Everything else gets the drivers switched off.
 */
const PLUMBING_WITHOUT_DRIVERS: ReadonlySet<string> = new Set([
  'rev-parse',
  'commit-tree',
  'update-ref',
  'symbolic-ref',
  'check-ref-format',
  'diff-tree',
  'ls-files',
  'config',
  'remote',
  'branch',
  'init',
  'clone',
]);

/** The subcommand of `args` (after any leading global options). */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c' || a === '-C') i++;
    else if (!a.startsWith('-')) return a;
  }
  return '';
}

/** Whether `git args` can read a file through attributes (and so run a driver the config names). */
export function mayRunDrivers(args: readonly string[]): boolean {
  const sub = subcommand(args);
  if (sub === 'cat-file') return args.some((a) => a === '--filters' || a === '--textconv' || a.startsWith('--batch'));
  return !PLUMBING_WITHOUT_DRIVERS.has(sub);
}

/** Keys of a config listing → command-scope settings that make every named driver do nothing. */
export function driverOverrides(names: readonly string[]): ConfigPair[] {
  const pairs: ConfigPair[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const first = name.indexOf('.');
    const last = name.lastIndexOf('.');
    if (first === last) continue;
    const section = name.slice(0, first).toLowerCase();
    const driver = name.slice(first + 1, last);
    const id = `${section}.${driver}`;
    if (seen.has(id)) continue;
    if (section === 'filter') {
      seen.add(id);
      // An empty `process` also switches clean and smudge off; `required` false lets content through as is.
      for (const v of ['clean', 'smudge', 'process']) pairs.push([`${id}.${v}`, '']);
      pairs.push([`${id}.required`, 'false']);
    } else if (section === 'diff') {
      seen.add(id);
      pairs.push([`${id}.command`, ''], [`${id}.textconv`, '']); // empty: fails, never runs
    } else if (section === 'merge') {
      seen.add(id);
      pairs.push([`${id}.driver`, '']);
    }
  }
  return pairs;
}

/** Settings as GIT_CONFIG_COUNT/KEY/VALUE variables (no quoting: keys and values stay separate). */
export function configEnv(pairs: readonly ConfigPair[]): Record<string, string> {
  const env: Record<string, string> = { GIT_CONFIG_COUNT: String(pairs.length) };
  pairs.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${i}`] = key;
    env[`GIT_CONFIG_VALUE_${i}`] = value;
  });
  return env;
}

/** Why a copy's git directory cannot be trusted to be its own, or null when it is a plain directory. */
export async function foreignGitDir(root: string): Promise<string | null> {
  const gitDir = path.join(root, '.git');
  const st = await lstat(gitDir).catch(() => null);
  if (st === null) return `${gitDir} is missing`;
  if (st.isSymbolicLink()) return `${gitDir} is a symbolic link`;
  if (!st.isDirectory()) return `${gitDir} is not a directory`;
  if (await lstat(path.join(gitDir, 'commondir')).then(() => true, () => false)) return `${gitDir}/commondir points at another repository`;
  return null;
}

/** Sync twin of foreignGitDir, for the one synchronous caller (completion). */
export function foreignGitDirSync(root: string): string | null {
  const gitDir = path.join(root, '.git');
  let st;
  try {
    st = lstatSync(gitDir);
  } catch {
    return `${gitDir} is missing`;
  }
  if (st.isSymbolicLink()) return `${gitDir} is a symbolic link`;
  if (!st.isDirectory()) return `${gitDir} is not a directory`;
  try {
    lstatSync(path.join(gitDir, 'commondir'));
    return `${gitDir}/commondir points at another repository`;
  } catch {
    return null;
  }
}

/** Quotes a config value for a config file. */
function quoteValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

/** Config-file text of the settings of `listing` (`git config -z --list`) named in `keys` (lower-case), in order. */
export function fidelityConfigText(listing: string, keys: ReadonlySet<string> = FIDELITY_KEYS): string {
  const lines: string[] = [];
  for (const entry of listing.split('\0')) {
    const nl = entry.indexOf('\n');
    const key = (nl === -1 ? entry : entry.slice(0, nl)).toLowerCase();
    if (!keys.has(key)) continue;
    const value = nl === -1 ? 'true' : entry.slice(nl + 1);
    const dot = key.indexOf('.');
    lines.push(`[${key.slice(0, dot)}]\n\t${key.slice(dot + 1)} = ${quoteValue(value)}\n`);
  }
  return lines.join('');
}

let globalFile: string | null = null;

/**
 * The hew-made global config for copies (once per process, in a private temp directory removed at
 * exit): the user's global and system config, read as git reads it outside any repository, reduced
 * to FIDELITY_KEYS. `baseEnv` gives the environment git would run with for the user.
 */
export function copyGlobalConfig(baseEnv: () => Record<string, string>): string {
  if (globalFile !== null) return globalFile;
  const noRepo = path.join(tmpdir(), `hew-no-repository-${process.pid}`);
  const res = spawnSync('git', ['config', '-z', '--list', '--includes'], {
    cwd: '/',
    env: { ...baseEnv(), GIT_DIR: noRepo },
    encoding: 'utf8',
  });
  const listing = res.status === 0 ? res.stdout : '';
  const dir = mkdtempSync(path.join(tmpdir(), 'hew-git-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'config');
  writeFileSync(file, fidelityConfigText(listing), { mode: 0o600 });
  globalFile = file;
  return file;
}
