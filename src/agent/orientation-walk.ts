// File list for a directory that is not a git repository: a walk that skips dependency and build
// directories and stops at a limit.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'dist', 'build', 'target', '.next', '.cache', 'vendor']);

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
