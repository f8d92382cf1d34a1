// Generates a git repository of N small files (100 per directory, nested two levels) for the
// working-copy benchmark, with one modified and one untracked file so the overlay path is exercised.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git, tempDir } from '../test/support/fixtures.ts';

export function generateRepo(files: number): string {
  const root = join(tempDir('hew-bench-repo-'), `repo-${files}`);
  for (let i = 0; i < files; i++) {
    const dir = join(root, `pkg${Math.floor(i / 10_000)}`, `mod${Math.floor(i / 100) % 100}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `file${i % 100}.ts`), `export const value${i} = ${i};\n`);
  }
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  // No background auto-gc racing the benchmark; then packed, as a cloned repository is.
  git(root, '-c', 'gc.auto=0', 'commit', '-q', '-m', 'generated');
  git(root, 'repack', '-adq');
  writeFileSync(join(root, 'pkg0', 'mod0', 'file0.ts'), 'export const changed = true;\n');
  writeFileSync(join(root, 'untracked.ts'), 'export const untracked = true;\n');
  return root;
}
