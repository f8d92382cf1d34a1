// Git LFS in the copy. The hardened git runner switches every filter driver off, so the copy's
// checkout leaves LFS pointer files where the user has real content, and git-lfs never runs (not on
// the host for the copy, not in the sandbox, never with the user's credentials or the network).
// Here, host side and read-only, each pointer file in a fresh copy is replaced by the content it
// names, taken from the user's own `.git/lfs/objects/<oid[0:2]>/<oid[2:4]>/<oid>` and checked
// against the pointer's sha256 and size. So the model, the base snapshot, `hew diff` and apply all
// see content, never pointers; hew writes content into the user's working tree, and the user's own
// `git add` stores it through their LFS clean filter. An object that is not present locally (never
// fetched) leaves the pointer in the copy, and the path is reported among what was not copied.
import type { LeftOut } from '../protocol/files.ts';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { readBoundedAsync } from '../fs/read-bounded.ts';
import { gitBytes, gitPaths, splitNul } from './git.ts';
import { decodePath, encodePath, isPlainPath, quotePath } from './path-bytes.ts';

/** What an LFS pointer names. */
export interface LfsPointer {
  oid: string;
  size: number;
}

/** A pointer file is small text: git-lfs never writes one over 1024 bytes. */
const MAX_POINTER_BYTES = 1024;
/** More than any attributes file needs; past it the rest is not searched for `filter=lfs`. */
const MAX_ATTRIBUTES_BYTES = 4 << 20;
const VERSION_LINE = 'version https://git-lfs.github.com/spec/v1';

/** The object a pointer file's bytes name, or null when the bytes are not an LFS pointer. */
export function parseLfsPointer(bytes: Buffer): LfsPointer | null {
  if (bytes.length > MAX_POINTER_BYTES) return null;
  const text = bytes.toString('latin1');
  if (!text.endsWith('\n')) return null;
  const lines = text.slice(0, -1).split('\n');
  if (lines[0] !== VERSION_LINE) return null;
  let oid: string | null = null;
  let size: number | null = null;
  for (const line of lines.slice(1)) {
    const o = /^oid sha256:([0-9a-f]{64})$/.exec(line);
    const s = /^size (0|[1-9][0-9]{0,15})$/.exec(line);
    if (o) oid = o[1] as string;
    else if (s) size = Number(s[1]);
    else if (!/^[a-z0-9.-]+ \S.*$/.test(line)) return null;
  }
  return oid !== null && size !== null && Number.isSafeInteger(size) ? { oid, size } : null;
}

/** Where git-lfs keeps an object in a repository's common git directory. */
export function lfsObjectPath(commonDir: string, oid: string): string {
  return path.join(commonDir, 'lfs', 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
}

/**
 * Replaces each LFS pointer file in the fresh copy at `root` with the content the user's repository
 * holds for it; returns notes for pointers whose object is not there. Does nothing (two cheap git
 * calls) in a repository whose attributes name no `filter=lfs`.
 */
export async function resolveLfsPointers(commonDir: string, root: string): Promise<LeftOut[]> {
  const paths = await lfsTrackedPaths(root);
  const notes: LeftOut[] = [];
  for (const rel of paths) {
    if (!isPlainPath(rel)) {
      notes.push({ path: quotePath(rel), reason: 'Git LFS file with a name that is not UTF-8: the copy has the pointer file' });
      continue;
    }
    const file = path.join(root, rel);
    const pointer = await readPointer(file);
    if (pointer === null) continue;
    const object = lfsObjectPath(commonDir, pointer.oid);
    if (await objectMatches(object, pointer)) await pipeline(createReadStream(object), createWriteStream(file)); // the file keeps its mode
    else notes.push({ path: quotePath(rel), reason: 'Git LFS object not present locally: the copy has the pointer file' });
  }
  return notes;
}

/** Tracked paths whose `filter` attribute is `lfs`; only the attributes files are listed unless one mentions it. */
async function lfsTrackedPaths(root: string): Promise<string[]> {
  const attributeFiles = splitNul(await gitPaths(['ls-files', '-z', '--', ':(glob)**/.gitattributes'], { cwd: root }));
  if (!(await anyMentionsLfs(root, attributeFiles))) return [];
  return lfsPaths(root, splitNul(await gitPaths(['ls-files', '-z'], { cwd: root })));
}

/** Those of `paths` whose `filter` attribute in the copy is `lfs`; cheap when no attributes file mentions it. */
export async function lfsPaths(root: string, paths: readonly string[]): Promise<string[]> {
  const attributeFiles = paths.filter((p) => p === '.gitattributes' || p.endsWith('/.gitattributes'));
  if (!(await anyMentionsLfs(root, attributeFiles))) return [];
  const input = encodePath(paths.map((p) => `${p}\0`).join(''));
  const { stdout } = await gitBytes(['check-attr', '-z', '--stdin', 'filter'], { cwd: root, input });
  const fields = splitNul(decodePath(stdout));
  const out: string[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) if (fields[i + 2] === 'lfs') out.push(fields[i] as string);
  return out;
}

/** Whether the copy's `.git/info/attributes` or one of these attributes files names the lfs filter. */
export async function anyMentionsLfs(root: string, attributeFiles: readonly string[]): Promise<boolean> {
  for (const rel of [...attributeFiles.map((p) => path.join(root, p)), path.join(root, '.git', 'info', 'attributes')]) {
    if (await mentionsLfs(rel)) return true;
  }
  return false;
}

/** Whether an attributes file (the copy's: hostile at `--branch` time) names the lfs filter; read bounded, never a link or device. */
async function mentionsLfs(file: string): Promise<boolean> {
  const read = await readBoundedAsync(file, { maxBytes: MAX_ATTRIBUTES_BYTES, overLimit: 'truncate', noFollow: true }).catch(() => null);
  return read !== null && read.bytes.includes('filter=lfs');
}

/** The pointer a regular file of the copy holds, or null. */
async function readPointer(file: string): Promise<LfsPointer | null> {
  const read = await readBoundedAsync(file, { maxBytes: MAX_POINTER_BYTES, overLimit: 'truncate', noFollow: true }).catch(() => null);
  return read === null || read.truncated ? null : parseLfsPointer(read.bytes);
}

/** Whether the user's object file is a regular file of the pointer's size and sha256. */
async function objectMatches(object: string, pointer: LfsPointer): Promise<boolean> {
  const st = await lstat(object).catch(() => null);
  if (st === null || !st.isFile() || st.size !== pointer.size) return false;
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(object)) hash.update(chunk as Buffer);
  return hash.digest('hex') === pointer.oid;
}
