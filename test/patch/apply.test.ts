// applyPatch on real temp directories: adds, deletes, updates, moves, summaries, modes, and the
// all-or-nothing promise (a failing file leaves every file as it was, even mid-write).

import { chmod, mkdir, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError } from '../../src/patch/index.ts';
import { applyPatchWithHooks } from '../../src/patch/apply.ts';
import { patch, read, snapshot, tempTree } from './temp-tree.ts';

describe('applyPatch: file operations', () => {
  it('adds a file, creating its parent directories', async () => {
    const root = await tempTree();
    const result = await applyPatch(root, patch('*** Add File: src/deep/new.txt', '+hello', '+world'));
    expect(await read(root, 'src/deep/new.txt')).toBe('hello\nworld\n');
    expect(result.changes).toEqual([{ path: 'src/deep/new.txt', kind: 'add', lines_added: 2, lines_removed: 0, diff: '@@ -0,0 +1,2 @@\n+hello\n+world\n' }]);
    expect(result.summary).toBe('Success. Updated the following files:\nA src/deep/new.txt (+2 -0)\n');
  });

  it('overwrites an existing file named by Add File, as Codex does', async () => {
    const root = await tempTree({ 'a.txt': 'old\n' });
    await applyPatch(root, patch('*** Add File: a.txt', '+new'));
    expect(await read(root, 'a.txt')).toBe('new\n');
  });

  it('deletes a file', async () => {
    const root = await tempTree({ 'gone.txt': 'x\n', 'kept.txt': 'y\n' });
    const result = await applyPatch(root, patch('*** Delete File: gone.txt'));
    expect(await snapshot(root)).toEqual({ 'kept.txt': 'y\n' });
    expect(result.summary).toBe('Success. Updated the following files:\nD gone.txt (+0 -1)\n');
    expect(result.changes).toEqual([{ path: 'gone.txt', kind: 'delete', lines_added: 0, lines_removed: 1, diff: '@@ -1,1 +0,0 @@\n-x\n' }]);
  });

  it('updates a file and keeps its mode', async () => {
    const root = await tempTree({ 'run.sh': '#!/bin/sh\necho hi\n' });
    await chmod(path.join(root, 'run.sh'), 0o755);
    const result = await applyPatch(root, patch('*** Update File: run.sh', '@@', ' #!/bin/sh', '-echo hi', '+echo bye'));
    expect(await read(root, 'run.sh')).toBe('#!/bin/sh\necho bye\n');
    expect((await stat(path.join(root, 'run.sh'))).mode & 0o777).toBe(0o755);
    const diff = '@@ -1,2 +1,2 @@\n #!/bin/sh\n-echo hi\n+echo bye\n';
    expect(result.changes).toEqual([{ path: 'run.sh', kind: 'update', lines_added: 1, lines_removed: 1, diff }]);
    expect(result.summary).toBe(`Success. Updated the following files:\nM run.sh (+1 -1)\n${diff}`);
  });

  it('moves a file with an edit into a new directory', async () => {
    const root = await tempTree({ 'src/old.ts': 'export const a = 1;\n' });
    const result = await applyPatch(
      root,
      patch('*** Update File: src/old.ts', '*** Move to: lib/sub/new.ts', '@@', '-export const a = 1;', '+export const a = 2;'),
    );
    expect(await snapshot(root)).toEqual({ src: '<dir>', lib: '<dir>', 'lib/sub': '<dir>', 'lib/sub/new.ts': 'export const a = 2;\n' });
    const diff = '@@ -1,1 +1,1 @@\n-export const a = 1;\n+export const a = 2;\n';
    expect(result.changes).toEqual([{ path: 'src/old.ts', kind: 'move', move_path: 'lib/sub/new.ts', lines_added: 1, lines_removed: 1, diff }]);
    expect(result.summary).toBe(`Success. Updated the following files:\nM lib/sub/new.ts (+1 -1)\n${diff}`);
  });

  it('moves onto an existing file by overwriting it, as Codex does', async () => {
    const root = await tempTree({ 'a.txt': 'from a\n', 'b.txt': 'old b\n' });
    await applyPatch(root, patch('*** Update File: a.txt', '*** Move to: b.txt', '@@', '-from a', '+moved'));
    expect(await snapshot(root)).toEqual({ 'b.txt': 'moved\n' });
  });

  it('renames a file with a Move and no hunks', async () => {
    const root = await tempTree({ 'a.txt': 'same\n' });
    await applyPatch(root, patch('*** Update File: a.txt', '*** Move to: b.txt'));
    expect(await snapshot(root)).toEqual({ 'b.txt': 'same\n' });
  });

  it('applies sections in order, so a later section sees an earlier one', async () => {
    const root = await tempTree();
    const result = await applyPatch(
      root,
      patch('*** Add File: n.txt', '+one', '+two', '*** Update File: n.txt', '@@', '-two', '+TWO'),
    );
    expect(await read(root, 'n.txt')).toBe('one\nTWO\n');
    // Both sections report the file from before the patch (absent) to after it.
    expect(result.summary).toBe('Success. Updated the following files:\nA n.txt (+2 -0)\nM n.txt (+2 -0)\n@@ -0,0 +1,2 @@\n+one\n+TWO\n');
  });

  it('accepts an absolute path inside the root and reports it relative', async () => {
    const root = await tempTree({ 'a.txt': 'x\n' });
    const result = await applyPatch(root, patch(`*** Update File: ${path.join(root, 'a.txt')}`, '@@', '-x', '+y'));
    expect(await read(root, 'a.txt')).toBe('y\n');
    expect(result.changes).toMatchObject([{ path: 'a.txt', kind: 'update' }]);
  });

  it('edits the target of a symlink that stays inside the root', async () => {
    const root = await tempTree({ 'real.txt': 'a\n' });
    await symlink('real.txt', path.join(root, 'link.txt'));
    await applyPatch(root, patch('*** Update File: link.txt', '@@', '-a', '+b'));
    expect(await read(root, 'real.txt')).toBe('b\n');
  });

  it('keeps CRLF endings and a missing final newline through a real file update', async () => {
    const root = await tempTree({ 'win.txt': 'a\r\nb\r\nc', 'uni.md': 'Ünïcödé — “quoted”\n' });
    await applyPatch(
      root,
      patch('*** Update File: win.txt', '@@', ' a', '-b', '+B', '*** Update File: uni.md', '@@', '+## 新しい'),
    );
    expect(await read(root, 'win.txt')).toBe('a\r\nB\r\nc');
    expect(await read(root, 'uni.md')).toBe('Ünïcödé — “quoted”\n## 新しい\n');
  });

  it('leaves no temporary files behind', async () => {
    const root = await tempTree({ 'a.txt': 'x\n' });
    await applyPatch(root, patch('*** Update File: a.txt', '@@', '-x', '+y', '*** Add File: b.txt', '+b'));
    expect((await readdir(root)).sort()).toEqual(['a.txt', 'b.txt']);
  });
});

describe('applyPatch: all or nothing', () => {
  it('changes nothing on disk when one file of several fails', async () => {
    const root = await tempTree({ 'a.txt': 'a\n', 'b.txt': 'b\n', 'c.txt': 'c\n' });
    const before = await snapshot(root);
    const text = patch(
      '*** Update File: a.txt',
      '@@',
      '-a',
      '+A',
      '*** Add File: new/dir/n.txt',
      '+n',
      '*** Delete File: b.txt',
      '*** Update File: c.txt',
      '@@',
      '-not in the file',
      '+x',
    );
    await expect(applyPatch(root, text)).rejects.toThrow(PatchError);
    expect(await snapshot(root)).toEqual(before);
  });

  it('restores files already replaced when a later rename fails for real', async () => {
    const root = await tempTree({ 'a.txt': 'original a\n', 'd.txt': 'doomed\n' });
    const text = patch('*** Update File: a.txt', '@@', '-original a', '+changed a', '*** Add File: c.txt', '+c', '*** Delete File: d.txt');
    // Between writing the temp files and renaming them, a directory appears where c.txt goes.
    const hooks = { beforeSwap: () => mkdir(path.join(root, 'c.txt')) };
    await expect(applyPatchWithHooks(root, text, hooks)).rejects.toThrow(
      /Could not write 'c\.txt'.*Every file already written was restored; nothing was changed\./,
    );
    expect(await snapshot(root)).toEqual({ 'a.txt': 'original a\n', 'c.txt': '<dir>', 'd.txt': 'doomed\n' });
  });

  it('puts back written files when a delete fails for real', async () => {
    const root = await tempTree({ 'a.txt': 'original\n', 'd.txt': 'doomed\n' });
    const text = patch('*** Add File: new/b.txt', '+b', '*** Update File: a.txt', '@@', '-original', '+changed', '*** Delete File: d.txt');
    const hooks = {
      beforeSwap: async () => {
        await rm(path.join(root, 'd.txt'));
        await mkdir(path.join(root, 'd.txt')); // unlink of a directory fails
        await writeFile(path.join(root, 'd.txt', 'inside'), 'x');
      },
    };
    await expect(applyPatchWithHooks(root, text, hooks)).rejects.toThrow(/Could not write 'd\.txt'/);
    const after = await snapshot(root);
    expect(after['a.txt']).toBe('original\n');
    expect(after['new/b.txt']).toBeUndefined();
    expect(after['new']).toBeUndefined();
    expect(Object.keys(after).filter((k) => k.includes('.tmp'))).toEqual([]);
  });
});
