// Notices the user editing their repository while a session runs, so `/apply` can say which of the
// run's files they touched meanwhile. Cheap by design: one non-recursive node:fs.watch per directory
// that holds repository files (never .git, node_modules or other ignored trees), capped; directories
// created later are not watched. Writes hew itself makes (`/apply`) can be announced and are ignored.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** At most this many directories are watched (inotify watches are a shared, limited resource). */
const MAX_WATCHED_DIRS = 2000;
/**
 * Directories of the run's files that are never watched: git's own data, and node_modules (a
 * package manager rewrites thousands of directories there; watching them would spend the watch cap).
 * Not the shared lists of workcopy/skipped-dirs.ts: a run's file under `build/` or `.cache/` is the
 * user's tracked file, and an edit to it there is still worth telling about.
 */
const SKIPPED = new Set(['.git', 'node_modules']);

export class RepoWatcher {
  private readonly top: string;
  private readonly watchers: FSWatcher[] = [];
  private readonly edited = new Set<string>();
  private readonly ours = new Map<string, number>();
  private closed = false;

  /** Watches the directories holding `files` (paths relative to `top`). */
  constructor(top: string, files: readonly string[]) {
    this.top = top;
    for (const dir of directoriesOf(files).slice(0, MAX_WATCHED_DIRS)) {
      try {
        const watcher = watch(path.join(top, dir), { persistent: false }, (_event, name) => {
          if (name) this.saw(dir === '' ? String(name) : `${dir}/${String(name)}`);
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // a directory that vanished, or no inotify watches left: watch what we can
      }
    }
  }

  get watchedDirs(): number {
    return this.watchers.length;
  }

  private saw(rel: string): void {
    const until = this.ours.get(rel);
    if (until !== undefined && Date.now() < until) return;
    this.edited.add(rel);
  }

  /** Paths among `paths` the user changed since the watch started (or the last `reset`). */
  editedAmong(paths: readonly string[]): string[] {
    return paths.filter((p) => this.edited.has(p));
  }

  /** hew is about to write these paths: events for them in the next `ms` are its own. */
  expectWrites(paths: readonly string[], ms = 2000): void {
    const until = Date.now() + ms;
    for (const p of paths) this.ours.set(p, until);
  }

  /** Forget what was seen (a new run starts from the tree as it is now). */
  reset(): void {
    this.edited.clear();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const watcher of this.watchers) watcher.close();
  }
}

/** The distinct directories (relative, '' for the top) of `files`, shallowest first, skipping .git and node_modules. */
function directoriesOf(files: readonly string[]): string[] {
  const dirs = new Set<string>(['']);
  for (const file of files) {
    const parts = file.split('/');
    parts.pop();
    if (parts.some((p) => SKIPPED.has(p))) continue;
    for (let i = 1; i <= parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return [...dirs].sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
}

function depth(dir: string): number {
  return dir === '' ? 0 : dir.split('/').length;
}
