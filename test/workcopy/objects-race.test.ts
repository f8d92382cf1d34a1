// A background repack in the user's repository while the copy takes its objects (git's `gc --auto`
// after a commit) must not break the copy: vanished loose objects are found again in the new pack.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ownObjects } from '../../src/workcopy/objects.ts';
import { git, tempDir } from '../support/fixtures.ts';

describe('ownObjects while the user repository repacks', () => {
  it('finds loose objects that vanished into a pack after they were listed', async () => {
    const repo = join(tempDir(), 'repo');
    mkdirSync(repo);
    for (let i = 0; i < 300; i++) writeFileSync(join(repo, `f${i}.txt`), `file ${i}\n`);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'add', '-A');
    git(repo, '-c', 'gc.auto=0', 'commit', '-q', '-m', 'many loose objects');
    const dest = join(tempDir(), 'copy');
    git(tempDir(), 'init', '-q', '--bare', dest);
    const passes: number[] = [];
    const copied = await ownObjects(join(repo, '.git'), dest, {
      afterList: (pass) => {
        passes.push(pass);
        if (pass === 0) {
          execFileSync('git', ['repack', '-adq'], { cwd: repo });
          execFileSync('git', ['prune-packed'], { cwd: repo });
        }
      },
    });
    expect(passes).toEqual([0, 1]);
    expect(copied).toBeGreaterThan(0);
    expect(readdirSync(join(dest, 'objects', 'pack')).some((f) => f.endsWith('.pack'))).toBe(true);
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const fsck = spawnSync('git', ['fsck', '--connectivity-only', head], { cwd: dest, encoding: 'utf8' });
    expect(fsck.stderr).not.toMatch(/missing|fatal|error/);
    expect(fsck.status).toBe(0);
  });
});
