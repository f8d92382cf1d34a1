// A tree of the copy as the user's repository stores it through Git LFS: every LFS-tracked file's
// content (the copy holds content, see lfs.ts) replaced by the pointer git-lfs's clean filter would
// write — byte for byte, so an unchanged file gets the very blob the user's HEAD has. With `store`,
// each content that is not yet among the user's LFS objects is written there (content-addressed,
// through a temporary file and a rename), as the user's own `git add` would; git-lfs never runs.
import { createHash, randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { git, gitBytes, gitLine, gitPaths, splitNul } from './git.ts';
import { lfsObjectPath, lfsPaths, parseLfsPointer } from './lfs.ts';

/** The pointer text git-lfs writes for content of this sha256 and size. */
export function lfsPointerText(oid: string, size: number): string {
  return `version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${size}\n`;
}

/** `tree` (of the copy at `root`) with LFS-tracked content replaced by pointers; `tree` itself when there is none. */
export async function lfsStoredTree(root: string, tree: string, opts: { commonDir: string; store: boolean }): Promise<string> {
  const entries = splitNul(await gitPaths(['ls-tree', '-r', '-z', '--full-tree', tree], { cwd: root })).map((line) => {
    const tab = line.indexOf('\t');
    const [mode, type, sha] = line.slice(0, tab).split(' ') as [string, string, string];
    return { mode, type, sha, rel: line.slice(tab + 1) };
  });
  const lfs = new Set(await lfsPaths(root, entries.map((e) => e.rel)));
  const updates: string[] = [];
  for (const e of entries) {
    if (!lfs.has(e.rel) || e.type !== 'blob' || (e.mode !== '100644' && e.mode !== '100755')) continue;
    const { stdout: content } = await gitBytes(['cat-file', 'blob', e.sha], { cwd: root });
    if (parseLfsPointer(content) !== null) continue; // already a pointer (an object not present locally)
    const oid = createHash('sha256').update(content).digest('hex');
    if (opts.store) await storeObject(opts.commonDir, oid, content);
    const pointer = await gitLine(['hash-object', '-w', '--no-filters', '--stdin'], { cwd: root, input: lfsPointerText(oid, content.length) });
    updates.push(`${e.mode} ${pointer}\t${e.rel}`);
  }
  if (updates.length === 0) return tree;
  const index = path.join(root, '.git', `index.hew-lfs-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const env = { GIT_INDEX_FILE: index };
    await git(['read-tree', tree], { cwd: root, env });
    await git(['update-index', '-z', '--index-info'], { cwd: root, env, input: updates.map((u) => `${u}\0`).join('') });
    return await gitLine(['write-tree'], { cwd: root, env });
  } finally {
    await rm(index, { force: true });
  }
}

/** Writes `content` as LFS object `oid` of the user's repository unless it is there already. */
async function storeObject(commonDir: string, oid: string, content: Buffer): Promise<void> {
  const dest = lfsObjectPath(commonDir, oid);
  if (await lstat(dest).then(() => true, () => false)) return;
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.hew-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(tmp, content, { flag: 'wx', mode: 0o644 });
    await rename(tmp, dest); // same content under the same name: replacing a present object changes nothing
  } finally {
    await rm(tmp, { force: true });
  }
}
