// Test helpers for the patch engine: real temporary directories filled with files, a snapshot of
// a tree (to prove a failed patch changed nothing), and a patch-text builder.

import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];

afterEach(async () => {
  for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A new temp dir (removed after the test) holding `files` (path → content). */
export async function tempTree(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hew-patch-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** Every file and directory under `dir`: relative path → content (directories map to '<dir>'). */
export async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full);
    out[rel] = entry.isDirectory() ? '<dir>' : entry.isSymbolicLink() ? '<link>' : await readFile(full, 'utf8');
  }
  return out;
}

export async function read(dir: string, name: string): Promise<string> {
  return readFile(path.join(dir, name), 'utf8');
}

/** Wraps body lines in Begin/End markers. */
export function patch(...body: string[]): string {
  return ['*** Begin Patch', ...body, '*** End Patch'].join('\n');
}
