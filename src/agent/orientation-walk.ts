// File list for a directory that is not a git repository: a walk that skips dependency and build
// directories and stops at a limit.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEPENDENCY_DIR_NAMES } from '../workcopy/deps.ts';
import { PLAIN_SKIPPED_DIRS } from '../workcopy/plain.ts';

/**
 * Not listed to the model: what the plain copy leaves out (so the list names only files the model's
 * copy holds) and every dependency directory (mounted or copied, never the project's own files).
 */
const SKIP = new Set([...PLAIN_SKIPPED_DIRS, ...DEPENDENCY_DIR_NAMES]);

export function walkPlain(top: string, limit: number): string[] {
  const files: string[] = [];
  const walk = (rel: string): void => {
    let entries;
    try {
      entries = readdirSync(join(top, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (files.length >= limit) return;
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(path);
      } else if (entry.isFile()) files.push(path);
    }
  };
  walk('');
  return files;
}
