import { lstatSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { currentTree, SNAPSHOT_INDEX } from '../../src/workcopy/commits.ts';
import { copyIndexFile } from '../../src/workcopy/index-copy.ts';
import { cleanupTempDirs, initRepo, sh, tempDir, write } from './fixtures.ts';

afterAll(cleanupTempDirs);

describe('copyIndexFile', () => {
  it('keeps the mtime of the index it copies, rounded down to the second', async () => {
    const dir = tempDir();
    const src = path.join(dir, 'index');
    writeFileSync(src, 'DIRC');
    utimesSync(src, 1_700_000_000.5, 1_700_000_123.75);
    await copyIndexFile(src, path.join(dir, 'copy'));
    expect(statSync(path.join(dir, 'copy')).mtimeMs).toBe(1_700_000_123_000);
  });

  it('keeps a racily clean entry racy, so a same-second, same-size rewrite is re-hashed (the rewind flake)', async () => {
    // The state a rewind leaves: hew-index holds a file's stat data from a write in second S, the index
    // itself was written in S too (so git treats the entry as racily clean), and the file was rewritten
    // in place in S with the same size and mtime. One second later a snapshot must still see the change.
    for (let attempt = 0; ; attempt++) {
      const root = initRepo(tempDir());
      write(root, 'a.txt', 'base\n');
      sh(root, ['add', '-A']);
      sh(root, ['commit', '-q', '-m', 'base']);
      write(root, 'a.txt', 'aaaa\n');
      const before = lstatSync(path.join(root, 'a.txt'));
      await currentTree(root, { keep: true });
      writeFileSync(path.join(root, 'a.txt'), 'bbbb\n'); // in place: same inode, same size
      utimesSync(path.join(root, 'a.txt'), before.atime, before.mtime);
      utimesSync(path.join(root, '.git', SNAPSHOT_INDEX), before.atime, before.mtime); // written in second S
      const after = lstatSync(path.join(root, 'a.txt'));
      // git compares ctime too: the scenario needs both writes in the same second (retried if the machine was slow).
      if (Math.floor(after.ctimeMs / 1000) !== Math.floor(before.ctimeMs / 1000)) {
        if (attempt < 20) continue;
        throw new Error('could not write a file twice within one second');
      }
      await sleep(1000 - (Date.now() % 1000) + 20); // into second S+1: a fresh copy of the index would not be racy
      const tree = await currentTree(root, { keep: true });
      const content = sh(root, ['cat-file', '-p', `${tree}:a.txt`]);
      expect(content).toBe('bbbb\n');
      return;
    }
  });
});
