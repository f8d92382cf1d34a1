// Which toolchains on PATH to re-expose (read-only) when they live under a place the sandbox hides,
// such as nvm's node under ~/.nvm or pyenv's python under ~/.pyenv. Without this `node`, `python` or
// `cargo` would vanish inside the sandbox for most developers.
//
// Rules, for each PATH entry under a hidden root (and not inside the repository):
// - Under a known version manager's home (~/.nvm, ~/.pyenv, ~/.rustup, …): that whole directory, since
//   its shims need its versions and libexec. These hold installs, not credentials.
// - ~/.cargo/bin: only the bin directory, plus ~/.rustup (cargo's rustup proxies need it); never the
//   rest of ~/.cargo, which holds `credentials.toml`.
// - `X/bin` where X is at least two levels below the home or hidden root (a self-contained install
//   such as ~/.cache/tool/node-v24/bin): X, so `npm` and friends find their `lib/`.
// - Anything else (~/bin, ~/.local/bin, ~/go/bin): only the entry itself.
// Binaries in an exposed directory that are symlinks to elsewhere under a hidden root do not work;
// `BwrapOptions.readOnlyPaths` exposes more.
import { isDirectory } from '../fs/repo-file.ts';
import path from 'node:path';

/** Version-manager homes exposed whole when a PATH entry is inside them (relative to a home). */
const TOOLCHAIN_HOMES: readonly string[] = [
  '.nvm',
  '.fnm',
  '.local/share/fnm',
  '.volta',
  '.nodenv',
  '.pyenv',
  '.rbenv',
  '.goenv',
  '.asdf',
  '.local/share/mise',
  '.local/share/rtx',
  '.sdkman',
  '.rustup',
  '.bun',
  '.deno',
  '.elan',
  '.ghcup',
  '.dotnet',
  '.juliaup',
];

export interface ToolchainInput {
  pathVar: string | undefined;
  /** Hidden roots (real paths), including HOME. */
  hiddenRoots: readonly string[];
  visibleRoot: string;
}

function within(p: string, dir: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The home a path under a hidden root belongs to: /home/USER for /home, else the root itself. */
function homeOf(entry: string, root: string): string {
  if (root === '/home' || root.endsWith('/home')) {
    const first = path.relative(root, entry).split(path.sep)[0];
    return first ? path.join(root, first) : root;
  }
  return root;
}

/** Host directories to bind read-only at the same path, deduplicated, parents before children. */
export function toolchainMounts(input: ToolchainInput): string[] {
  const out = new Set<string>();
  const entries = (input.pathVar ?? '').split(':').filter((e) => path.isAbsolute(e));
  for (const raw of entries) {
    const entry = path.resolve(raw);
    if (within(entry, input.visibleRoot)) continue; // the copy is there
    // The innermost hidden root containing the entry.
    const roots = input.hiddenRoots.filter((r) => within(entry, r)).sort((a, b) => b.length - a.length);
    const root = roots[0];
    if (root === undefined || entry === root) continue; // not hidden, or a whole hidden root: never
    const home = homeOf(entry, root);
    if (entry === home) continue; // never a whole home
    for (const m of mountsFor(entry, home)) if (isDirectory(m)) out.add(m);
  }
  // Drop paths already inside another exposed path.
  const sorted = [...out].sort((a, b) => a.length - b.length);
  return sorted.filter((p, i) => !sorted.slice(0, i).some((q) => within(p, q)));
}

function mountsFor(entry: string, home: string): string[] {
  for (const tool of TOOLCHAIN_HOMES) {
    const dir = path.join(home, tool);
    if (within(entry, dir)) return [dir];
  }
  if (within(entry, path.join(home, '.cargo', 'bin'))) return [entry, path.join(home, '.rustup')];
  if (path.basename(entry) === 'bin') {
    const prefix = path.dirname(entry);
    const depth = path.relative(home, prefix).split(path.sep).length;
    if (depth >= 2) return [prefix];
  }
  return [entry];
}
