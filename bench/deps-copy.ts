// What a run's private, writable node_modules costs (src/workcopy/deps-copy.ts): the wall time of
// copying a pnpm-shaped node_modules of `files` files (sizes 200 B–12 KB, about 180 MB for 20,000),
// made fresh in a temporary directory. The copy is made while the first model request is in flight.
// Run alone: `node bench/deps-copy.ts [files]`.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { copyDependencyDir } from '../src/workcopy/deps-copy.ts';

/** A node_modules laid out as pnpm does: .pnpm/pkgN@1.0.0/node_modules/pkgN/lib*, and a symlink per package. */
function makeNodeModules(dir: string, files: number): number {
  let bytes = 0;
  let seed = 1;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const perPackage = 25;
  for (let p = 0; p * perPackage < files; p++) {
    const pkg = path.join(dir, '.pnpm', `pkg${p}@1.0.0`, 'node_modules', `pkg${p}`);
    for (let f = 0; f < perPackage && p * perPackage + f < files; f++) {
      const lib = path.join(pkg, `lib${f % 5}`);
      mkdirSync(lib, { recursive: true });
      const size = 200 + (next() % 11_800);
      writeFileSync(path.join(lib, `f${f}.js`), Buffer.alloc(size, 97 + (f % 26)));
      bytes += size;
    }
    symlinkSync(`.pnpm/pkg${p}@1.0.0/node_modules/pkg${p}`, path.join(dir, `pkg${p}`));
  }
  return bytes;
}

export async function measureDepsCopy(files: number): Promise<{ ms: number; megabytes: number }> {
  const base = mkdtempSync(path.join(tmpdir(), 'hew-bench-deps-'));
  try {
    const source = path.join(base, 'node_modules');
    const dest = path.join(base, 'copy-node_modules');
    mkdirSync(dest);
    const bytes = makeNodeModules(source, files);
    const t0 = performance.now();
    const outcome = await copyDependencyDir(source, dest);
    const ms = performance.now() - t0;
    if (!outcome.copied) throw new Error(`the copy failed: ${outcome.reason}`);
    return { ms: Math.round(ms), megabytes: Math.round(bytes / 1024 / 1024) };
  } finally {
    rmSync(base, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const files = Number(process.argv[2] ?? 20_000);
  const { ms, megabytes } = await measureDepsCopy(files);
  console.log(`private node_modules copy: ${files} files, ${megabytes} MB: ${ms} ms`);
}
