// apply_patch never writes into a git directory: a `.git` component in any letter case, for every
// operation (add, update, delete, move target), and a path that reaches the copy's `.git` through a
// symlink, are refused with a message for the model, and nothing is written.
import { mkdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyPatch, PatchError } from '../../src/patch/index.ts';
import { inGitDir } from '../../src/patch/paths.ts';
import { patch, snapshot, tempTree } from './temp-tree.ts';

describe('inGitDir', () => {
  it.each([
    ['.git/config', true],
    ['.GIT/hooks/pre-commit', true],
    ['sub/.Git/info/attributes', true],
    ['a\\.git\\config', true],
    ['.gitattributes', false],
    ['.github/workflows/ci.yml', false],
    ['src/git/config', false],
    ['x.git', false],
  ])('%s → %s', (rel, expected) => {
    expect(inGitDir(rel)).toBe(expected);
  });
});

describe('paths into .git', () => {
  const refused = async (root: string, text: string): Promise<string> => {
    const error = await applyPatch(root, text).then(() => null, (err: unknown) => err);
    expect(error).toBeInstanceOf(PatchError);
    return (error as PatchError).message;
  };

  it('refuses add, update, delete and move targets in .git, in any case, writing nothing', async () => {
    const root = await tempTree({ '.git/config': '[core]\n', 'a.txt': 'a\n' });
    const before = await snapshot(root);
    expect(await refused(root, patch('*** Add File: .git/info/attributes', '+* filter=pwn'))).toBe(
      "Path '.git/info/attributes' is inside the git directory (.git), which apply_patch never edits: hew runs git there outside the sandbox. " +
        "Edit the project's files instead; to change git settings, describe the change in your answer for the user.",
    );
    expect(await refused(root, patch('*** Update File: .git/config', '@@', ' [core]', '+\thooksPath = x'))).toMatch(/git directory/);
    expect(await refused(root, patch('*** Delete File: .git/config'))).toMatch(/git directory/);
    expect(await refused(root, patch('*** Update File: a.txt', '*** Move to: .git/hooks/post-checkout'))).toMatch(/git directory/);
    expect(await refused(root, patch('*** Add File: .GIT/config', '+x'))).toMatch(/git directory/);
    expect(await refused(root, patch('*** Add File: sub/.git/config', '+x'))).toMatch(/git directory/);
    expect(await refused(root, patch(`*** Add File: ${path.join(root, '.git', 'x')}`, '+x'))).toMatch(/git directory/);
    expect(await snapshot(root)).toEqual(before);
  });

  it('refuses a path that reaches .git through a symlink', async () => {
    const root = await tempTree({ '.git/config': '[core]\n', '.git/info/exclude': '' });
    await symlink('.git', path.join(root, 'gitlink'));
    await mkdir(path.join(root, 'dir'));
    await symlink('../.git/info', path.join(root, 'dir', 'info'));
    expect(await refused(root, patch('*** Add File: gitlink/config2', '+x'))).toMatch(/leads through a symlink .* into the git directory/);
    expect(await refused(root, patch('*** Add File: dir/info/attributes', '+* filter=pwn'))).toMatch(/git directory/);
  });

  it('still edits .gitattributes and .github files', async () => {
    const root = await tempTree({ '.git/config': '[core]\n' });
    await applyPatch(root, patch('*** Add File: .gitattributes', '+* text=auto'));
    await applyPatch(root, patch('*** Add File: .github/ci.yml', '+on: push'));
    expect((await snapshot(root))['.gitattributes']).toBe('* text=auto\n');
  });
});
