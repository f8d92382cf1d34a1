// Finding the dependency directories (node_modules, .venv, vendor, …) that git ignores in the user's
// repository, so the sandbox can mount them read-only into the copy at the same relative paths
// (SPEC §4: usable in the copy without being copied, and no write reaches the originals).
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { gitBytes, splitNul } from './git.ts';
import { decodePath } from './path-bytes.ts';
import { BUILD_OUTPUT_DIRS, CACHE_DIRS, VCS_DIRS } from './skipped-dirs.ts';

/** Directory names treated as installed dependencies. */
export const DEPENDENCY_DIR_NAMES: readonly string[] = ['node_modules', '.venv', 'venv', 'vendor', '.bundle', '.yarn'];

/**
 * Directories never descended into while looking: VCS data, build output and caches hold no installed
 * dependencies of the project (a dependency directory itself is found, not descended into either).
 */
const NO_DESCEND = new Set([...VCS_DIRS, ...BUILD_OUTPUT_DIRS, ...CACHE_DIRS]);

/**
 * Dependency directories under `top` (at most `maxDepth` levels down), relative to it, sorted.
 * For a git repository only the ones git ignores are returned (a committed `vendor/` is source and is
 * already in the copy).
 */
export async function findDependencyDirs(
  top: string,
  opts: { kind: 'git' | 'plain'; maxDepth?: number; names?: readonly string[] },
): Promise<string[]> {
  const maxDepth = opts.maxDepth ?? 3;
  const names = opts.names ?? DEPENDENCY_DIR_NAMES;
  const found: string[] = [];
  const walk = async (rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(path.join(top, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const childRel = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (names.includes(entry.name)) found.push(childRel);
      else if (depth < maxDepth && !NO_DESCEND.has(entry.name)) await walk(childRel, depth + 1);
    }
  };
  await walk('', 0);
  if (opts.kind === 'plain' || found.length === 0) return found.sort();
  const res = await gitBytes(['check-ignore', '-z', '--stdin'], { cwd: top, userRepo: true, okCodes: [0, 1], input: `${found.join('\0')}\0` });
  return splitNul(decodePath(res.stdout))
    .map((p) => p.replace(/\/$/, ''))
    .sort();
}
