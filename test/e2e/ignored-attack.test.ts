// End to end, through the built CLI with real bwrap, as root and as nobody: a hostile model writes
// ignored files whose names hold terminal escapes and newlines, and symlinks in ignored places that
// point outside the repository (/etc/passwd, the user's home, /etc). Every name reaches the terminal
// escaped (exec's summary, hew diff, hew apply); `hew apply --include-ignored` writes the regular
// files and never a symlink, never anything outside the repository, never reads outside the copy;
// an ignored folder that is a symlink in the user's tree is a conflict, never written through.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chownTree, NOBODY, userBase, type As } from '../support/as-user.ts';
import { git, treeFingerprint } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** Outside /tmp (the sandbox's /tmp is its own) and readable by nobody. */
const base = userBase('hew-e2e-ignored-attack-');

const ESC = '\u001b';
const RED = `red${ESC}[31m.log`;
const TWO = 'two\nlines.log';
const CLEAR_DIR = `d${ESC}[2J.log`;
const TITLE = `t${ESC}]0;pwned${String.fromCharCode(7)}.log`;

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every regular file under `dir` (not .git), with its content. */
function filesUnder(dir: string, rel = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (r === '.git') continue;
    if (e.isDirectory()) for (const [k, v] of filesUnder(dir, r)) out.set(k, v);
    else if (e.isFile()) out.set(r, readFileSync(join(dir, r), 'utf8'));
  }
  return out;
}

describe.each(['root', 'nobody'] as const)('hostile ignored file names and symlinks, as %s', (as: As) => {
  it('are shown escaped; --include-ignored writes the files and no symlink, nothing outside the repository', async () => {
    const world = await hewWorld().asUser(as, base).withRepo(null).withTimeout(60_000).build();
    const { dir, repo } = world;
    const home = world.home.dir;
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitignore'), '*.log\ndist/\n');
    writeFileSync(join(repo, 'app.js'), 'let x = 1;\n');
    writeFileSync(join(home, 'secret.txt'), 'home secret\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    if (as === 'nobody') chownTree(dir, NOBODY);
    const passwdBefore = sha('/etc/passwd');
    const gitBefore = treeFingerprint(join(repo, '.git'));
    const homeSecret = sha(join(home, 'secret.txt'));

    const patch = ['*** Begin Patch', `*** Add File: ${TITLE}`, '+from apply_patch', '*** End Patch'].join('\n');
    const command = [
      `printf x > "$(printf 'red\\033[31m.log')"`,
      `printf y > "$(printf 'two\\nlines.log')"`,
      `mkdir -p "$(printf 'd\\033[2J.log')" && printf z > "$(printf 'd\\033[2J.log')/in.txt"`,
      'ln -s /etc/passwd passwd.log',
      `ln -s ${home} home.log`,
      `ln -s ${home}/secret.txt secret.log`,
      'mkdir -p dist && ln -s /etc dist/etc',
    ].join(' && ');
    await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: patch } }] },
      { outputs: [{ tool: 'shell', args: { command } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const run = (args: string[]) => world.hew(args);

    const exec = await run(['exec', 'write things']);
    expect(exec.code, exec.stderr).toBe(0);
    const runId = /^hew (\S+) ·/m.exec(exec.stderr)?.[1] ?? '';
    expect(runId).not.toBe('');
    const diff = await run(['diff', runId]);
    expect(diff.code, diff.stderr).toBe(0);
    const dry = await run(['apply', runId, '--include-ignored', '--dry-run']);
    expect(dry.code, dry.stderr).toBe(0);
    const taken = await run(['apply', runId, '--include-ignored']);
    expect(taken.code, taken.stderr).toBe(0);

    // --include-ignored: the regular files written, no symlink, nothing with content from outside the copy.
    expect(readFileSync(join(repo, RED), 'utf8')).toBe('x');
    expect(readFileSync(join(repo, TWO), 'utf8')).toBe('y');
    expect(readFileSync(join(repo, CLEAR_DIR, 'in.txt'), 'utf8')).toBe('z');
    expect(readFileSync(join(repo, TITLE), 'utf8')).toBe('from apply_patch\n');
    for (const link of ['passwd.log', 'home.log', 'secret.log', 'dist']) expect(existsSync(join(repo, link)), link).toBe(false);
    for (const [rel, text] of filesUnder(repo)) {
      expect(lstatSync(join(repo, rel)).isSymbolicLink()).toBe(false);
      expect(text, rel).not.toContain('root:x:0:0');
      expect(text, rel).not.toContain('home secret');
    }
    expect(taken.stdout).toContain('applied 4 files');
    expect(taken.stdout).toContain('4 ignored files not applied');
    expect(taken.stdout).toContain('  ignored secret.log (a symlink a command made: never applied)');
    for (const out of [exec.stderr, diff.stderr, taken.stdout, taken.stderr, dry.stdout]) {
      expect(out).not.toContain(ESC);
      expect(out).not.toContain(String.fromCharCode(7));
      expect(out).not.toContain(TWO);
    }
    // apply_patch's file is named one by one; the commands' top-level files too (each its own top-level entry);
    // names in git's C-quoted form (workcopy/path-bytes.ts quotePath).
    for (const out of [exec.stderr, diff.stderr]) {
      expect(out).toContain('  ignored "t\\033]0;pwned\\a.log"\n');
      expect(out).toContain('  ignored "red\\033[31m.log" (written by a command)');
      expect(out).toContain('  ignored "two\\nlines.log" (written by a command)');
      expect(out).toContain('  ignored "d\\033[2J.log/" (1 file written by commands)');
      expect(out).toContain('  ignored passwd.log (a symlink a command made: never applied)');
      expect(out).toContain('  ignored home.log (a symlink a command made: never applied)');
      expect(out).toContain('  ignored dist/etc (a symlink a command made: never applied)');
    }
    expect(sha('/etc/passwd')).toBe(passwdBefore);
    expect(sha(join(home, 'secret.txt'))).toBe(homeSecret);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});

describe('an ignored folder that is a symlink in the user\'s tree', () => {
  it('--include-ignored never writes through it: a conflict, nothing written anywhere', async () => {
    const world = await hewWorld().asUser('root', base).withRepo(null).withTimeout(60_000).build();
    const { dir, repo } = world;
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(join(repo, '.gitignore'), 'logs\n');
    writeFileSync(join(repo, 'app.js'), 'let x = 1;\n');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    symlinkSync(outside, join(repo, 'logs'));
    const gitBefore = treeFingerprint(join(repo, '.git'));
    await world.serve([
      { outputs: [{ tool: 'shell', args: { command: 'ls -la; mkdir -p logs && echo planted > logs/x.txt' } }] },
      { outputs: [{ text: 'done' }] },
    ]);
    const run = (args: string[]) => world.hew(args);
    const exec = await run(['exec', 'write logs']);
    expect(exec.code, exec.stderr).toBe(0);
    expect(exec.stderr).toContain('  ignored logs/ (1 file written by commands)');
    const taken = await run(['apply', '--include-ignored']);
    expect(taken.code).toBe(5);
    expect(taken.stderr).toContain('logs is a file or symlink in your tree');
    expect(readdirSync(outside)).toEqual([]);
    expect(lstatSync(join(repo, 'logs')).isSymbolicLink()).toBe(true);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
  });
});
