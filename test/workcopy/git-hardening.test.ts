// The hardened git runner against a table of tricks a model could leave in a working copy's `.git`
// or attributes: after each, every git operation hew does in a copy (checkpoint, changed files,
// diffs, reading a blob as apply does, rewind's reset and clean) runs no program and touches no
// other directory. Plus the pure pieces: driver names → settings, the kept global settings, the
// subcommands that skip the config read, and the environment of the model's commands.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withCommandGitConfig } from '../../src/sandbox/git-env.ts';
import { readBlob } from '../../src/workcopy/apply-read.ts';
import { restoreCheckpoint } from '../../src/workcopy/snapshots.ts';
import { changedFiles, checkpoint, diffAgainstBase } from '../../src/workcopy/changes.ts';
import { createWorkingCopy, type WorkingCopy } from '../../src/workcopy/create.ts';
import { git, gitLine } from '../../src/workcopy/git.ts';
import { driverOverrides, FIDELITY_KEYS, fidelityConfigText, LINE_ENDING_KEYS, mayRunDrivers } from '../../src/workcopy/git-hardening.ts';
import { diffStat, fileDiffs } from '../../src/workcopy/stat.ts';
import { cleanupTempDirs, sh, tempDir } from './fixtures.ts';

afterAll(cleanupTempDirs);

interface Trick {
  name: string;
  /** Config lines set with `git config` in the copy (as a model command would). */
  config?: [string, string][];
  /** Files written in the copy (relative paths; `.git/…` included). */
  files?: Record<string, string>;
  /** Executable files written in the copy. */
  scripts?: string[];
}

async function setup(): Promise<{ copy: WorkingCopy; marker: string; pwn: string; other: string }> {
  const base = tempDir('hew-harden-');
  const repo = path.join(base, 'repo');
  mkdirSync(repo);
  writeFileSync(path.join(repo, 'a.txt'), 'a\n');
  sh(repo, ['init', '-q', '-b', 'main']);
  sh(repo, ['add', '-A']);
  sh(repo, ['commit', '-q', '-m', 'init']);
  const copy = await createWorkingCopy(repo, path.join(base, 'copy'));
  const marker = path.join(base, 'MARKER');
  const pwn = path.join(base, 'pwn.sh');
  writeFileSync(pwn, `#!/bin/sh\necho "$*" >> ${marker}\ncat\n`, { mode: 0o755 });
  const other = path.join(base, 'other');
  mkdirSync(other);
  writeFileSync(path.join(other, 'keep.txt'), 'keep\n');
  return { copy, marker, pwn, other };
}

const HOOKS = ['reference-transaction', 'post-checkout', 'post-index-change', 'pre-commit', 'post-commit', 'pre-auto-gc'];

const tricks = (pwn: string, other: string, base: string): Trick[] => [
  { name: 'filter in .git/config + .gitattributes', config: [['filter.x.clean', `${pwn} clean`], ['filter.x.smudge', `${pwn} smudge`]], files: { '.gitattributes': '* filter=x\n' } },
  { name: 'long-running filter process, required', config: [['filter.x.process', `${pwn} process`], ['filter.x.required', 'true']], files: { '.gitattributes': '* filter=x\n' } },
  { name: 'filter named in .git/info/attributes', config: [['filter.y.clean', `${pwn} clean`]], files: { '.git/info/attributes': '* filter=y\n' } },
  { name: 'filter name with dots', config: [['filter.a.b.clean', `${pwn} clean`]], files: { '.gitattributes': '* filter=a.b\n' } },
  { name: 'filter defined in an included file', config: [['include.path', path.join(base, 'inc.cfg')]], files: { '.gitattributes': '* filter=inc\n' } },
  { name: 'filter in config.worktree', config: [['core.repositoryformatversion', '1'], ['extensions.worktreeConfig', 'true']], files: { '.git/config.worktree': `[filter "w"]\n\tclean = ${pwn} clean\n`, '.gitattributes': '* filter=w\n' } },
  { name: 'external diff and diff driver', config: [['diff.external', `${pwn} external`], ['diff.x.textconv', `${pwn} textconv`], ['diff.x.command', `${pwn} command`]], files: { '.gitattributes': '* diff=x\n' } },
  { name: 'fsmonitor', config: [['core.fsmonitor', `${pwn} fsmonitor`]] },
  { name: 'hooks in .git/hooks and core.hooksPath', config: [['core.hooksPath', path.join(base, 'hooks')]], scripts: HOOKS.map((h) => `.git/hooks/${h}`) },
  { name: 'pager', config: [['core.pager', `${pwn} pager`], ['pager.diff', `${pwn} pager-diff`]] },
  { name: 'gpg signing', config: [['commit.gpgSign', 'true'], ['gpg.program', `${pwn} gpg`], ['log.showSignature', 'true']] },
  { name: 'core.worktree elsewhere', config: [['core.worktree', other]] },
  { name: 'submodule recursion', config: [['submodule.recurse', 'true']] },
];

describe('the hardened runner: nothing the copy names runs', () => {
  const names = tricks('pwn', 'other', 'base').map((t) => t.name);

  it.each(names)('%s', async (name) => {
    const { copy, marker, pwn, other } = await setup();
    const here = path.dirname(copy.root);
    const trick = tricks(pwn, other, here).find((t) => t.name === name)!;
    writeFileSync(path.join(here, 'inc.cfg'), `[filter "inc"]\n\tclean = ${pwn} clean\n\tsmudge = ${pwn} smudge\n`);
    mkdirSync(path.join(here, 'hooks'));
    for (const h of HOOKS) writeFileSync(path.join(here, 'hooks', h), `#!/bin/sh\necho "hook ${h}" >> ${marker}\n`, { mode: 0o755 });
    for (const [rel, text] of Object.entries(trick.files ?? {})) {
      mkdirSync(path.dirname(path.join(copy.root, rel)), { recursive: true });
      writeFileSync(path.join(copy.root, rel), text);
    }
    for (const rel of trick.scripts ?? []) {
      mkdirSync(path.dirname(path.join(copy.root, rel)), { recursive: true });
      writeFileSync(path.join(copy.root, rel), `#!/bin/sh\necho "hook ${rel}" >> ${marker}\n`);
      chmodSync(path.join(copy.root, rel), 0o755);
    }
    for (const [key, value] of trick.config ?? []) sh(copy.root, ['config', key, value], { GIT_DIR: path.join(copy.root, '.git') });
    writeFileSync(path.join(copy.root, 'a.txt'), 'a\nchanged\n');
    writeFileSync(path.join(copy.root, 'b.txt'), 'new\n');

    const step = await checkpoint(copy, 1);
    expect(step).not.toBeNull();
    expect((await changedFiles(copy)).map((c) => c.path)).toContain('b.txt');
    await diffAgainstBase(copy);
    await diffStat(copy);
    await fileDiffs(copy);
    const blob = await gitLine(['rev-parse', `${step}:a.txt`], { cwd: copy.root });
    expect(await readBlob(copy.root, blob, '100644', 'a.txt')).toMatchObject({ type: 'file' });
    await restoreCheckpoint(copy.root, copy.baseSnapshot);

    expect(existsSync(marker) ? readFileSync(marker, 'utf8') : '').toBe('');
    expect(readFileSync(path.join(other, 'keep.txt'), 'utf8')).toBe('keep\n');
    expect(existsSync(path.join(copy.root, 'b.txt'))).toBe(false);
  });

  it.each([
    ['a symlink', (gitDir: string, elsewhere: string) => (renameSync(gitDir, elsewhere), symlinkSync(elsewhere, gitDir))],
    ['a gitdir file', (gitDir: string, elsewhere: string) => (renameSync(gitDir, elsewhere), writeFileSync(gitDir, `gitdir: ${elsewhere}\n`))],
    ['a commondir file', (gitDir: string, elsewhere: string) => (mkdirSync(elsewhere), writeFileSync(path.join(gitDir, 'commondir'), `${elsewhere}\n`))],
  ])('refuses a .git replaced by %s', async (_name, replace) => {
    const { copy } = await setup();
    replace(path.join(copy.root, '.git'), path.join(path.dirname(copy.root), 'elsewhere'));
    await expect(checkpoint(copy, 1)).rejects.toThrow(/refusing to run git in the working copy .*tampered/);
    await expect(gitLine(['rev-parse', 'HEAD'], { cwd: copy.root })).rejects.toThrow(/refusing to run git/);
  });

  it('leaves the user’s global filters out of the copy', async () => {
    const { copy } = await setup();
    const names = await git(['config', '--list', '--name-only'], { cwd: copy.root });
    expect(names).not.toMatch(/^filter\./m);
  });
});

describe('driverOverrides', () => {
  it.each([
    [['filter.lfs.clean', 'filter.lfs.smudge'], [['filter.lfs.clean', ''], ['filter.lfs.smudge', ''], ['filter.lfs.process', ''], ['filter.lfs.required', 'false']]],
    [['filter.a.b.process'], [['filter.a.b.clean', ''], ['filter.a.b.smudge', ''], ['filter.a.b.process', ''], ['filter.a.b.required', 'false']]],
    [['diff.x.textconv'], [['diff.x.command', ''], ['diff.x.textconv', '']]],
    [['merge.m.driver'], [['merge.m.driver', '']]],
    [['diff.external', 'core.fsmonitor', 'user.name', 'merge.conflictstyle'], []],
  ] as [string[], [string, string][]][])('%j', (names, pairs) => {
    expect(driverOverrides(names)).toEqual(pairs);
  });
});

describe('mayRunDrivers', () => {
  it.each([
    [['add', '-A'], true],
    [['write-tree'], true],
    [['checkout', '-q', '-B', 'x'], true],
    [['reset', '--hard', 'HEAD'], true],
    [['diff', '--no-ext-diff', 'a', 'b'], true],
    [['cat-file', '--filters', '--path=a', 'sha'], true],
    [['cat-file', 'blob', 'sha'], false],
    [['rev-parse', 'HEAD'], false],
    [['update-ref', 'HEAD', 'sha'], false],
    [['diff-tree', '-r', 'a', 'b'], false],
    [['-c', 'x=y', 'rev-parse'], false],
  ] as [string[], boolean][])('%j → %s', (args, expected) => {
    expect(mayRunDrivers(args)).toBe(expected);
  });
});

describe('fidelityConfigText', () => {
  it('keeps line-ending and file-system settings, nothing that names a program', () => {
    const listing = ['core.autocrlf\ninput', 'filter.lfs.clean\ngit-lfs clean -- %f', 'core.excludesfile\n~/.gitignore "x"', 'core.fsmonitor\ntrue', 'core.symlinks', 'user.name\nMe', ''].join('\0');
    expect(fidelityConfigText(listing)).toBe('[core]\n\tautocrlf = "input"\n[core]\n\texcludesfile = "~/.gitignore \\"x\\""\n[core]\n\tsymlinks = "true"\n');
  });

  it('with LINE_ENDING_KEYS keeps only what decides a checked-out file’s line endings (later values win, in order)', () => {
    const listing = ['core.autocrlf\nfalse', 'core.safecrlf\ntrue', 'core.eol\ncrlf', 'core.excludesfile\n/x', 'filter.a.smudge\nrm -rf', 'core.autocrlf\ntrue', 'core.checkRoundtripEncoding\nSHIFT-JIS', ''].join('\0');
    expect(fidelityConfigText(listing, LINE_ENDING_KEYS)).toBe(
      '[core]\n\tautocrlf = "false"\n[core]\n\teol = "crlf"\n[core]\n\tautocrlf = "true"\n[core]\n\tcheckroundtripencoding = "SHIFT-JIS"\n',
    );
    expect(FIDELITY_KEYS.has('core.safecrlf')).toBe(false);
  });
});

describe('withCommandGitConfig (the environment of the model’s commands)', () => {
  it('adds fsmonitor, hooks, pager and bare-repository settings after any the environment has', () => {
    expect(withCommandGitConfig({ PATH: '/bin' })).toMatchObject({
      PATH: '/bin',
      GIT_CONFIG_COUNT: '5',
      GIT_CONFIG_KEY_0: 'core.fsmonitor',
      GIT_CONFIG_VALUE_0: 'false',
      GIT_CONFIG_KEY_1: 'core.hooksPath',
      GIT_CONFIG_VALUE_1: '/dev/null',
      GIT_CONFIG_KEY_4: 'safe.bareRepository',
      GIT_CONFIG_VALUE_4: 'explicit',
    });
    const kept = withCommandGitConfig({ GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_VALUE_0: 'me' });
    expect(kept).toMatchObject({ GIT_CONFIG_COUNT: '6', GIT_CONFIG_KEY_0: 'user.name', GIT_CONFIG_KEY_1: 'core.fsmonitor' });
    expect(withCommandGitConfig({ GIT_CONFIG_KEY_3: 'stale' }).GIT_CONFIG_KEY_3).toBe('log.showSignature');
    expect(withCommandGitConfig({})).toMatchObject({ GIT_CONFIG_KEY_4: 'safe.bareRepository', GIT_CONFIG_VALUE_4: 'explicit' });
  });
});
