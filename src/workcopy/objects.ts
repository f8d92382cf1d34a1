// Making a copy's object database its own. A `--shared` clone borrows the user's objects through
// alternates, which is fast but not read-only: whenever git in the copy writes an object that already
// exists in the user's store it "freshens" it (utime on the user's object or pack file), and a `git gc`
// in the user's repo can later prune objects the copy still needs. So by default the copy gets its own
// copies of the object files (reflinked where the filesystem can), and the alternates link is dropped.
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isNotFound } from '../fs/not-found.ts';
import { eachLimit } from './pool.ts';

/** Entries of an objects directory that are transient (quarantines, temp packs) and never copied. */
function isTransient(name: string): boolean {
  return name.startsWith('tmp_') || name.startsWith('incoming-') || name.startsWith('.tmp-') || name.endsWith('.lock');
}

/**
 * Copies every object file of `srcGitDir/objects` into `destGitDir/objects` and replaces the copy's
 * alternates with the source's own (upstream) alternates, if any. Returns the number of files copied.
 */
export interface OwnObjectsHooks {
  /** Test seam: runs after each listing, before its files are copied. */
  afterList?: (pass: number) => Promise<void> | void;
}

export async function ownObjects(srcGitDir: string, destGitDir: string, hooks: OwnObjectsHooks = {}): Promise<number> {
  const src = path.join(srcGitDir, 'objects');
  const dest = path.join(destGitDir, 'objects');
  const listFiles = async (): Promise<string[]> => {
    const files: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(path.join(src, rel), { withFileTypes: true });
      } catch (err) {
        if (isNotFound(err)) return;
        throw err;
      }
      for (const entry of entries) {
        const childRel = rel === '' ? entry.name : path.join(rel, entry.name);
        if (isTransient(entry.name) || childRel === path.join('info', 'alternates')) continue;
        if (entry.isDirectory()) await walk(childRel);
        else if (entry.isFile()) files.push(childRel);
      }
    };
    await walk('');
    return files;
  };

  // The user's git may repack while we copy (a background `gc --auto`): a loose object then vanishes
  // after its pack was written. So a vanished file is tolerated, and the store is listed again until
  // a pass finds nothing new and nothing vanished; the new packs hold what disappeared.
  const copied = new Set<string>();
  const dirs = new Map<string, Promise<unknown>>();
  for (let pass = 0; pass < 5; pass++) {
    const todo = (await listFiles()).filter((rel) => !copied.has(rel));
    await hooks.afterList?.(pass);
    let vanished = 0;
    await eachLimit(todo, 8, async (rel) => {
      const dir = path.dirname(path.join(dest, rel));
      let made = dirs.get(dir);
      if (made === undefined) {
        made = mkdir(dir, { recursive: true });
        dirs.set(dir, made);
      }
      await made;
      try {
        await copyFile(path.join(src, rel), path.join(dest, rel), constants.COPYFILE_FICLONE);
        copied.add(rel);
      } catch (err) {
        if (!isNotFound(err)) throw err;
        vanished += 1;
      }
    });
    // Everything listed was copied: the objects reachable when we listed are all here.
    if (vanished === 0) break;
  }

  // Keep the user's own alternates chain (as absolute paths); drop the link to the user's store.
  const alternates = path.join(dest, 'info', 'alternates');
  let upstream: string[] = [];
  try {
    const text = await readFile(path.join(src, 'info', 'alternates'), 'utf8');
    upstream = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => path.resolve(src, line));
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  if (upstream.length > 0) await writeFile(alternates, `${upstream.join('\n')}\n`);
  else await rm(alternates, { force: true });
  return copied.size;
}
