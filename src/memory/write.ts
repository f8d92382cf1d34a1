// Writing a planned memory straight to its file (the user's global file, or the repository's own
// instructions file for `hew remember`, which the user typed): whole or not at all (writeFileAtomic
// renames a new file over the old, keeping its mode). The copy's file is written through the patch
// engine instead (tools/remember.ts), so it is part of the run's diff.
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../fs/write-atomic.ts';
import type { MemoryTarget } from './target.ts';

export function writeMemoryDirect(target: MemoryTarget, after: string): void {
  let mode = 0o644;
  if (target.exists) {
    mode = statSync(target.path).mode & 0o7777;
  } else if (target.scope === 'user') {
    mkdirSync(dirname(target.path), { recursive: true, mode: 0o700 });
  }
  writeFileAtomic(target.path, after, mode);
}
