// The bwrap argv itself: mount order (hide, then the copy, then read-only dependencies), the
// network switch per sandbox and per command, HOME placement, and the per-command mount-point check.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareBwrap } from '../../src/sandbox/bwrap.ts';
import { FALLBACK_HOME, planLayout, sandboxHome } from '../../src/sandbox/bwrap-layout.ts';
import { makeTempDir } from './helpers.ts';
import { limitsPrologue } from '../../src/sandbox/limits.ts';

let dir: string;
let cleanup: () => void;
let copy: string;
let repo: string;
let deps: string;
beforeEach(() => {
  ({ dir, cleanup } = makeTempDir('hew-args-'));
  copy = path.join(dir, 'copy');
  repo = path.join(dir, 'repo');
  deps = path.join(dir, 'user-node_modules');
  mkdirSync(path.join(copy, '.venv'), { recursive: true });
  mkdirSync(path.join(deps, 'lib'), { recursive: true });
});
afterEach(() => cleanup());

const indexOfPair = (argv: string[], a: string, b: string): number => argv.findIndex((x, i) => x === a && argv[i + 1] === b);

describe('bwrap argv', () => {
  it('hides first, then binds the copy, then dependencies read-only; confines always', () => {
    const p = prepareBwrap({
      mode: 'workspace-write',
      network: false,
      copyRoot: copy,
      visibleRoot: repo,
      dependencyMounts: [{ source: deps, target: path.join(repo, '.venv') }],
      env: { PATH: '/usr/bin:/bin', HOME: '/home/ann' },
    });
    const { argv, sandboxCwd, hostCwd } = p.invocation({ command: 'true', cwd: copy });
    expect([sandboxCwd, hostCwd]).toEqual([repo, copy]);
    for (const flag of ['--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net', '--die-with-parent', '--clearenv']) {
      expect(argv).toContain(flag);
    }
    // bwrap's child stays in the process group hew kills (bwrap.ts; the terminal is kept out by runProcess's new session).
    expect(argv).not.toContain('--new-session');
    expect(indexOfPair(argv, '--cap-drop', 'ALL')).toBeGreaterThan(0);
    const tmp = indexOfPair(argv, '--tmpfs', '/tmp');
    const bind = indexOfPair(argv, '--bind', copy);
    const dep = indexOfPair(argv, '--ro-bind', deps);
    expect(indexOfPair(argv, '--ro-bind', '/')).toBeLessThan(tmp);
    expect(tmp).toBeLessThan(bind);
    expect(bind).toBeLessThan(dep);
    expect(argv[dep + 2]).toBe(path.join(repo, '.venv'));
    expect(argv.slice(argv.indexOf('--') + 1)).toEqual([...limitsPrologue(), 'bash', '-c', 'true']);
    expect(argv[indexOfPair(argv, '--setenv', 'HOME') + 2]).toBe('/home/ann');
    expect(argv[indexOfPair(argv, '--chdir', repo)]).toBe('--chdir');
  });

  it('leaves the network namespace shared only when the sandbox or the command allows it', () => {
    const base = { mode: 'read-only' as const, copyRoot: copy, visibleRoot: repo, env: {} };
    expect(prepareBwrap({ ...base, network: false }).invocation({ command: 'x', cwd: copy }).argv).toContain('--unshare-net');
    expect(prepareBwrap({ ...base, network: false }).invocation({ command: 'x', cwd: copy, network: true }).argv).not.toContain('--unshare-net');
    expect(prepareBwrap({ ...base, network: true }).invocation({ command: 'x', cwd: copy }).argv).not.toContain('--unshare-net');
    expect(indexOfPair(prepareBwrap({ ...base, network: false }).invocation({ command: 'x', cwd: copy }).argv, '--ro-bind', copy)).toBeGreaterThan(0);
  });

  it('skips a dependency mount whose mount point in the copy was replaced by a symlink', () => {
    const p = prepareBwrap({
      mode: 'workspace-write',
      network: false,
      copyRoot: copy,
      visibleRoot: repo,
      dependencyMounts: [{ source: deps, target: path.join(repo, '.venv') }],
      env: {},
    });
    expect(p.invocation({ command: 'x', cwd: copy }).argv).toContain(deps);
    rmSync(path.join(copy, '.venv'), { recursive: true });
    symlinkSync('/etc', path.join(copy, '.venv'));
    expect(p.invocation({ command: 'x', cwd: copy }).argv).not.toContain(deps);
  });

  it('refuses dependency targets outside the repository path and a cwd outside the copy', () => {
    expect(() => prepareBwrap({ mode: 'read-only', network: false, copyRoot: copy, visibleRoot: repo, dependencyMounts: [{ source: deps, target: '/usr/lib' }] })).toThrow(/inside/);
    const p = prepareBwrap({ mode: 'read-only', network: false, copyRoot: copy, visibleRoot: repo, env: {} });
    expect(() => p.invocation({ command: 'x', cwd: dir })).toThrow(/outside the working copy/);
    expect(p.invocation({ command: 'x', cwd: path.join(repo, 'sub') }).hostCwd).toBe(path.join(copy, 'sub'));
  });
});

describe('sandbox HOME and layout', () => {
  it('keeps the host HOME path unless it is unusable or inside the repository', () => {
    expect(sandboxHome('/home/ann', '/home/ann/code/app')).toBe('/home/ann');
    expect(sandboxHome(undefined, '/r')).toBe(FALLBACK_HOME);
    expect(sandboxHome('/', '/r')).toBe(FALLBACK_HOME);
    expect(sandboxHome('relative', '/r')).toBe(FALLBACK_HOME);
    expect(sandboxHome('/r', '/r')).toBe(FALLBACK_HOME);
    expect(sandboxHome('/r/home', '/r')).toBe(FALLBACK_HOME);
  });

  it('never shows the copy at /, and hides /home, /root, /run and /tmp', () => {
    const input = { mode: 'workspace-write' as const, copyRoot: copy, home: '/root', pathVar: '', isRoot: false };
    expect(() => planLayout({ ...input, visibleRoot: '/' })).toThrow();
    const layout = planLayout({ ...input, visibleRoot: repo });
    for (const d of ['/home', '/root', '/run', '/tmp']) expect(layout.hidden).toContain(d);
    expect(layout.home).toBe('/root');
  });

  it("binds a user's skill folders read-only at their listed paths, after HOME's tmpfs, never into the repository path", () => {
    const input = { mode: 'workspace-write' as const, copyRoot: copy, visibleRoot: repo, home: '/root', pathVar: '', isRoot: false };
    const skillMounts = [
      { source: copy, target: '/root/.agents/skills/pdf' },
      { source: copy, target: path.join(repo, '.agents/skills/inside') },
      { source: '/no/such/dir', target: '/root/.agents/skills/gone' },
    ];
    const layout = planLayout({ ...input, skillMounts });
    const at = layout.before.indexOf('/root/.agents/skills/pdf');
    expect(layout.before.slice(at - 2, at + 1)).toEqual(['--ro-bind-try', copy, '/root/.agents/skills/pdf']);
    expect(at).toBeGreaterThan(layout.before.lastIndexOf('--tmpfs'));
    expect(layout.exposed).toContain('/root/.agents/skills/pdf');
    expect([...layout.before, ...layout.after].join(' ')).not.toContain('.agents/skills/inside');
    expect(layout.before).not.toContain('/root/.agents/skills/gone');
  });
});
