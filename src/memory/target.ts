// Which file a memory goes to, what it holds now, and how big its section may grow.
// Project: the instructions file of a root (the run's copy, or the repository for `hew remember`):
// AGENTS.override.md when it is readable as a repository file (the file hew reads there), else
// AGENTS.md (made when absent). The chosen file must be a regular file, not a link: hew never writes
// through one. User: the global $XDG_CONFIG_HOME/hew/AGENTS.md; a link there is the user's own (a
// dotfiles link), so its target is written (also one that does not exist yet: the link stays). Caps: docs/memory.md.
import { lstatSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeReason, readBounded, UnreadableFileError } from '../fs/read-bounded.ts';
import { readRepoFile } from '../fs/repo-file.ts';
import { isNotFound } from '../fs/not-found.ts';

export type MemoryScope = 'project' | 'user';

export interface MemoryTarget {
  scope: MemoryScope;
  /** Absolute path read and written (for a user file behind a link, the link's target). */
  path: string;
  /** Relative to the root for a project file ('AGENTS.md'); absolute for the user's. */
  shown: string;
  /** The file's text now ('' when it does not exist yet). */
  content: string;
  exists: boolean;
}

export type TargetResult = { ok: true; target: MemoryTarget } | { ok: false; message: string };

/** The largest instructions file hew appends to (a bigger one would be cut by any sane cap). */
const MAX_TARGET_BYTES = 1024 * 1024;
const LIMIT = { maxBytes: MAX_TARGET_BYTES, overLimit: 'refuse' } as const;

/** The most the section may hold, in bytes, per scope, for a given project_doc_max_bytes. */
export function sectionCap(scope: MemoryScope, projectDocMaxBytes: number): number {
  return scope === 'project' ? Math.min(4096, Math.floor(projectDocMaxBytes / 8)) : Math.min(2048, Math.floor(projectDocMaxBytes / 16));
}

/** The project instructions file under `root` (the copy's root, or the repository's top). */
export function projectTarget(root: string): TargetResult {
  const override = join(root, 'AGENTS.override.md');
  try {
    readRepoFile(root, override, LIMIT);
    return regularTarget(root, 'AGENTS.override.md');
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    // As when reading: an override that cannot be read leaves AGENTS.md in charge.
  }
  return regularTarget(root, 'AGENTS.md');
}

function regularTarget(root: string, name: string): TargetResult {
  const path = join(root, name);
  try {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return { ok: false, message: `Not remembered: ${name} is a symbolic link; edit it with apply_patch.` };
    if (!st.isFile()) return { ok: false, message: `Not remembered: ${name} is not a regular file.` };
  } catch (err) {
    if (isNotFound(err)) return { ok: true, target: { scope: 'project', path, shown: name, content: '', exists: false } };
    return { ok: false, message: `Not remembered: ${name} cannot be read (${(err as Error).message}).` };
  }
  try {
    const read = readBounded(path, { ...LIMIT, noFollow: true });
    return { ok: true, target: { scope: 'project', path, shown: name, content: read.bytes.toString('utf8'), exists: true } };
  } catch (err) {
    if (!(err instanceof UnreadableFileError)) throw err;
    return { ok: false, message: `Not remembered: ${name} ${describeReason(err.reason)}.` };
  }
}

/** The user's global instructions file in `configDir` ($XDG_CONFIG_HOME/hew). */
export function userTarget(configDir: string): TargetResult {
  const shown = join(configDir, 'AGENTS.md');
  const path = linkTarget(shown);
  if (path === null) return { ok: false, message: `Not remembered: ${shown} is a loop of symbolic links.` };
  try {
    const read = readBounded(path, LIMIT);
    return { ok: true, target: { scope: 'user', path, shown, content: read.bytes.toString('utf8'), exists: true } };
  } catch (err) {
    if (err instanceof UnreadableFileError && err.reason.code === 'missing') {
      return { ok: true, target: { scope: 'user', path, shown, content: '', exists: false } };
    }
    if (!(err instanceof UnreadableFileError)) throw err;
    return { ok: false, message: `Not remembered: ${shown} ${describeReason(err.reason)}.` };
  }
}

/**
 * Where writing `file` must go so a link stays a link: its real path, or — for a link to a file that
 * does not exist yet (a dotfiles link made before its target) — the end of its chain of links; the
 * file itself when absent. Null for a loop.
 */
function linkTarget(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    // Absent, or a link to nothing yet: follow the links by hand.
  }
  let at = file;
  for (let hops = 0; hops < 40; hops++) {
    let link: string;
    try {
      if (!lstatSync(at).isSymbolicLink()) return at;
      link = readlinkSync(at);
    } catch {
      return at;
    }
    at = resolve(dirname(at), link);
  }
  return null;
}
