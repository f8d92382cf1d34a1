// The cost of one checkpoint (what hew records after a step that changed files): in a working copy
// of a 1,000-file repository, one file edited, then `checkpoint` timed — hew's own index gives the
// stat data, so only the edited file is hashed. Median of `runs` steps in one copy.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test/support/fixtures.ts';
import { checkpoint } from '../src/workcopy/changes.ts';
import { createWorkingCopy } from '../src/workcopy/create.ts';
import { median } from './measure.ts';

export async function measureCheckpoint(repo: string, runs: number): Promise<number> {
  const copy = await createWorkingCopy(repo, join(tempDir('hew-bench-copy-'), 'work'));
  const times: number[] = [];
  for (let step = 1; step <= runs; step++) {
    writeFileSync(join(copy.root, 'pkg1', `file${step % 50}.ts`), `export const step = ${step};\n`);
    const t0 = performance.now();
    const commit = await checkpoint(copy, step);
    times.push(performance.now() - t0);
    if (commit === null) throw new Error(`step ${step} changed a file but made no checkpoint`);
  }
  return median(times);
}
