import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedFiles } from '../../src/workcopy/changes.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { adoptSetupResult, untrackedPaths } from '../../src/workcopy/setup-base.ts';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';

describe('what a setup command wrote', () => {
  it.each([
    ['?? node_modules/\0 M package.json\0?? a b \0', ['node_modules/', 'a b ']],
    ['?? line\nbreak\0?? ok\0', ['ok']],
    ['', []],
    ['!! dist/\0', []],
  ])('untracked entries of %j', (status, paths) => {
    expect(untrackedPaths(status)).toEqual(paths);
  });

  it.each([
    ['?? a\0!! dist/\0!! x.log\0 M b\0', ['a', 'dist/', 'x.log']],
    ['!! line\nbreak\0', []],
  ])('untracked and ignored entries of %j', (status, paths) => {
    expect(untrackedPaths(status, true)).toEqual(paths);
  });

  it('is neither a change of the run nor in a later diff; the copy is re-based on it', async () => {
    const copy = await createWorkingCopy(fixtureRepo('date-parser'), join(tempDir(), 'work'));
    mkdirSync(join(copy.root, 'node_modules', 'x'), { recursive: true });
    writeFileSync(join(copy.root, 'node_modules', 'x', 'i.js'), '1');
    writeFileSync(join(copy.root, 'weird*[name]'), '');
    writeFileSync(join(copy.root, 'package.json'), '{"changed":true}\n');
    const before = copy.baseSnapshot;
    copy.baseSnapshot = await adoptSetupResult(copy);
    expect(copy.baseSnapshot).not.toBe(before);
    expect(await changedFiles(copy)).toEqual([]);
    expect(readFileSync(join(copy.root, '.git', 'info', 'exclude'), 'utf8')).toContain('/node_modules/\n/weird\\*\\[name\\]\n');
    // The agent's own later edits are changes as before.
    writeFileSync(join(copy.root, 'src', 'new.js'), 'x');
    expect(await changedFiles(copy)).toEqual([{ path: 'src/new.js', kind: 'add' }]);
  });
});
