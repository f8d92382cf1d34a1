// Paths in a patch must stay inside the root: `..`, absolute paths elsewhere and symlinks that
// lead out are refused before anything is written, inside or outside the root.

import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError } from '../../src/patch/index.ts';
import { patch, snapshot, tempTree } from './temp-tree.ts';

async function refusal(root: string, text: string): Promise<string> {
  const error = await applyPatch(root, text).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PatchError);
  return (error as PatchError).message;
}

describe('paths escaping the root', () => {
  it('refuses .. paths and absolute paths elsewhere, writing nothing', async () => {
    const parent = await tempTree({ 'root/a.txt': 'a\n' });
    const root = path.join(parent, 'root');
    expect(await refusal(root, patch('*** Add File: ../evil.txt', '+x'))).toBe(
      `Path '../evil.txt' is outside the working copy. apply_patch only edits files inside the working copy (${root}); use a path relative to it.`,
    );
    expect(await refusal(root, patch(`*** Add File: ${path.join(parent, 'evil.txt')}`, '+x'))).toMatch(
      /^Path '.*evil\.txt' is outside the working copy\./,
    );
    expect(await refusal(root, patch('*** Update File: a.txt', '*** Move to: sub/../../evil.txt'))).toMatch(
      /^Path 'sub\/\.\.\/\.\.\/evil\.txt' is outside the working copy\./,
    );
    expect(await snapshot(parent)).toEqual({ root: '<dir>', 'root/a.txt': 'a\n' });
  });

  it('refuses the root itself as a file', async () => {
    const root = await tempTree({ 'a.txt': 'a\n' });
    expect(await refusal(root, patch('*** Delete File: .'))).toMatch(/^Path '\.' is the working copy root itself, not a file\./);
  });

  it('refuses writing through a symlinked directory that leads outside', async () => {
    const outside = await tempTree({ 'secret.txt': 'secret\n' });
    const root = await tempTree({ 'a.txt': 'a\n' });
    await symlink(outside, path.join(root, 'out'));
    const message = await refusal(root, patch('*** Add File: out/new.txt', '+x', '*** Update File: a.txt', '@@', '-a', '+b'));
    expect(message).toBe(
      `Path 'out/new.txt' leads through a symlink to ${outside}, which is outside the working copy. ` +
        `apply_patch only edits files inside the working copy (${root}); use a path relative to it.`,
    );
    expect(await snapshot(outside)).toEqual({ 'secret.txt': 'secret\n' });
    expect(await snapshot(root)).toEqual({ 'a.txt': 'a\n', out: '<link>' });
  });

  it('refuses updating or deleting a symlinked file that points outside', async () => {
    const outside = await tempTree({ 'secret.txt': 'secret\n' });
    const root = await tempTree();
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'link.txt'));
    expect(await refusal(root, patch('*** Update File: link.txt', '@@', '-secret', '+owned'))).toMatch(
      /^Path 'link\.txt' leads through a symlink to .*secret\.txt, which is outside the working copy\./,
    );
    expect(await refusal(root, patch('*** Delete File: link.txt'))).toMatch(/leads through a symlink/);
    expect(await snapshot(outside)).toEqual({ 'secret.txt': 'secret\n' });
  });

  it('refuses a path through a broken symlink and a path through a file', async () => {
    const root = await tempTree({ 'file.txt': 'x\n' });
    await symlink(path.join(root, 'missing-target'), path.join(root, 'dangling'));
    expect(await refusal(root, patch('*** Add File: dangling', '+x'))).toMatch(/^Path 'dangling' goes through a broken symlink/);
    expect(await refusal(root, patch('*** Add File: file.txt/inner', '+x'))).toBe(
      "Path 'file.txt/inner' goes through a file as if it were a directory.",
    );
  });

  it('accepts paths that only pass through .. inside the root, and roots reached by a symlink', async () => {
    const holder = await tempTree({ 'real/sub/a.txt': 'a\n' });
    await mkdir(path.join(holder, 'links'));
    const linkedRoot = path.join(holder, 'links', 'root');
    await symlink(path.join(holder, 'real'), linkedRoot);
    const result = await applyPatch(
      linkedRoot,
      patch('*** Update File: sub/../sub/a.txt', '@@', '-a', '+b', `*** Add File: ${path.join(linkedRoot, 'n.txt')}`, '+n'),
    );
    expect(result.changes).toMatchObject([
      { path: 'sub/a.txt', kind: 'update' },
      { path: 'n.txt', kind: 'add' },
    ]);
    expect(await snapshot(path.join(holder, 'real'))).toEqual({ sub: '<dir>', 'sub/a.txt': 'b\n', 'n.txt': 'n\n' });
  });
});
