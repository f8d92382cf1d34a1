// What the bubblewrap sandbox's filesystem looks like: which host places are hidden, which stay
// readable, and the mount arguments that build it. Computed once per sandbox (it reads the host's
// filesystem a little: which roots exist, where /etc/resolv.conf points, which PATH entries exist).
//
// Inside the sandbox:
// - `/` is the host's root, read-only (recursive: every submount too); `/dev` is a minimal new devtmpfs
//   (null, zero, random, tty, a new /dev/pts and /dev/shm); `/proc` is a new procfs for the new pid
//   namespace, so no host process (its environ, cmdline, fds) is visible.
// - HIDDEN behind empty tmpfs: /tmp and /var/tmp (private and writable), /home, /root, /run (sockets:
//   docker, dbus, the user's ssh/gpg agents under /run/user), /mnt, /media, and $HOME wherever it is.
//   `$HOME` is an empty writable tmpfs. Connecting to a unix socket needs no write access to its
//   mount, so hiding /run (and /tmp's X11/tmux sockets) is what keeps those sockets out of reach.
// - Re-exposed read-only from those hidden places: /etc/resolv.conf's target when it lives under /run
//   (systemd-resolved), and the toolchains on PATH that live under a hidden root (nvm, pyenv, rustup,
//   ~/.local/bin, …; see toolchains.ts) so `node` or `python` still run.
// - When hew runs as root (whose own files stay readable through the owner bits even without
//   capabilities): /etc/shadow, /etc/gshadow (and their backups), the SSH host keys and
//   /etc/ssl/private are covered too. Other root-owned, owner-readable files (e.g. under /var/lib)
//   stay readable; that is the residual risk of running hew as root.
// - The working copy is bound at the user's repository path (writable; read-only in `read-only`
//   mode), so the user's real repository there is hidden. Its git directory `.git` is bound again,
//   read-only, on top: hew runs git in the copy on the host, so nothing in the sandbox may change
//   git's config, hooks or attributes there (a mount point can be neither removed nor renamed). Dependency directories other than
//   node_modules (which the run copies privately, deps-mounts.ts) are bound read-only into it.
// - Everything else (/usr, /etc, /opt, /srv, /var/lib, …) stays readable and is never writable.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { isRealDirectory } from '../fs/real-directory.ts';
import path from 'node:path';
import { toolchainMounts } from './toolchains.ts';

/** Host directories hidden behind an empty tmpfs (their real path is used when they are symlinks). */
const HIDDEN_ROOTS: readonly string[] = ['/home', '/root', '/run', '/tmp', '/var/tmp', '/mnt', '/media'];

/** Files covered (as root only) with /dev/null, and directories covered with an empty tmpfs. */
const ROOT_SECRET_FILES = ['/etc/shadow', '/etc/shadow-', '/etc/gshadow', '/etc/gshadow-'];
const ROOT_SECRET_DIRS = ['/etc/ssl/private'];

/** HOME inside the sandbox when the host's is unusable (unset, `/`, or the repository itself). */
export const FALLBACK_HOME = '/tmp/home';

export interface LayoutInput {
  mode: 'read-only' | 'workspace-write';
  copyRoot: string;
  visibleRoot: string;
  /** The host's HOME (from the environment given to the sandbox). */
  home: string | undefined;
  /** The host's PATH (from the same environment); its toolchains under hidden roots are re-exposed. */
  pathVar: string | undefined;
  /** Host paths to expose read-only at the same path even though they sit under a hidden root. */
  readOnlyPaths?: readonly string[];
  /** Whether hew runs as uid 0 (covers root-readable secrets). */
  isRoot: boolean;
  /** The user's skill folders (src/skills/), each bound read-only from its real path at its listed path. */
  skillMounts?: readonly ReadOnlyMount[];
}

/** A host directory shown read-only at another path inside the sandbox. */
export interface ReadOnlyMount {
  source: string;
  target: string;
}

export interface Layout {
  /** Mount arguments before the copy is bound. */
  before: string[];
  /** Mount arguments for the copy. */
  copy: string[];
  /** Mount arguments after the copy (hidden places inside the repository path, e.g. a HOME there). */
  after: string[];
  /** HOME inside the sandbox. */
  home: string;
  /** What is hidden and what is re-exposed, for `hew doctor` and tests. */
  hidden: string[];
  exposed: string[];
}

/** True when `p` is `dir` or below it. */
export function isWithin(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realOrSelf(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/** HOME as the sandbox shows it: the host's path (as an empty tmpfs) unless that would clash with the copy. */
export function sandboxHome(home: string | undefined, visibleRoot: string): string {
  if (!home || !path.isAbsolute(home)) return FALLBACK_HOME;
  const h = path.resolve(home);
  if (h === '/' || isWithin(h, visibleRoot)) return FALLBACK_HOME;
  return h;
}

export function planLayout(input: LayoutInput): Layout {
  const visibleRoot = path.resolve(input.visibleRoot);
  if (visibleRoot === '/') throw new Error('the working copy cannot be shown at /');
  const home = sandboxHome(input.home, visibleRoot);

  // Hidden roots that exist, by real path, outermost first so a parent tmpfs never covers a child's.
  const roots = new Set<string>();
  for (const r of HIDDEN_ROOTS) if (existsSync(r)) roots.add(realOrSelf(r));
  const hostHome = input.home && path.isAbsolute(input.home) ? path.resolve(input.home) : undefined;
  if (hostHome && hostHome !== '/' && existsSync(hostHome)) roots.add(realOrSelf(hostHome));
  const hidden = [...roots].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));

  const before: string[] = [];
  const after: string[] = [];
  for (const dir of hidden) {
    // A hidden place inside the repository path is hidden after the copy is bound there.
    (isWithin(dir, visibleRoot) ? after : before).push('--tmpfs', dir);
  }
  if (!hidden.includes(home)) before.push('--tmpfs', home);

  if (input.isRoot) {
    for (const f of ROOT_SECRET_FILES) if (existsSync(f)) before.push('--ro-bind', '/dev/null', f);
    for (const f of sshHostKeys()) before.push('--ro-bind', '/dev/null', f);
    for (const d of ROOT_SECRET_DIRS) if (isRealDirectory(d)) before.push('--tmpfs', d);
  }

  const exposed: string[] = [];
  const isHidden = (p: string): boolean => hidden.some((dir) => isWithin(p, dir)) || isWithin(p, home);
  const resolv = realOrSelf('/etc/resolv.conf');
  if (resolv !== '/etc/resolv.conf' && isHidden(resolv)) exposed.push(resolv);
  const toolchains = toolchainMounts({ pathVar: input.pathVar, hiddenRoots: [...hidden, home], visibleRoot });
  for (const p of [...toolchains, ...(input.readOnlyPaths ?? [])]) {
    const abs = path.resolve(p);
    if (!exposed.includes(abs) && !isWithin(abs, visibleRoot) && existsSync(abs)) exposed.push(abs);
  }
  // --ro-bind-try: a path removed between planning and a command is skipped, not fatal.
  for (const p of exposed) before.push('--ro-bind-try', p, p);
  // A user's skill folder at its listed path (under the hidden HOME, a tmpfs where bwrap can make the
  // mount point; a linked folder is bound by its target). Never one inside the repository's path.
  for (const m of input.skillMounts ?? []) {
    const target = path.resolve(m.target);
    if (isWithin(target, visibleRoot) || !existsSync(m.source)) continue;
    before.push('--ro-bind-try', m.source, target);
    exposed.push(target);
  }

  const copy = [input.mode === 'read-only' ? '--ro-bind' : '--bind', input.copyRoot, visibleRoot];
  const copyGit = path.join(input.copyRoot, '.git');
  if (isRealDirectory(copyGit)) copy.push('--ro-bind', copyGit, path.join(visibleRoot, '.git'));
  return { before, copy, after, home, hidden, exposed };
}

function sshHostKeys(): string[] {
  try {
    return readdirSync('/etc/ssh')
      .filter((name) => /^ssh_host_.*_key$/.test(name))
      .map((name) => `/etc/ssh/${name}`);
  } catch {
    return [];
  }
}
