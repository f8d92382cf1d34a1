// Every rejection, with the message the model gets back: it must say where the problem is and
// what to send instead. Each case also checks that the disk was left untouched.

import { describe, expect, it } from 'vitest';
import { applyPatch, parsePatch, PatchError } from '../../src/patch/index.ts';
import { patch, snapshot, tempTree } from './temp-tree.ts';

const PY = 'def a():\n    return 1\n\ndef b():\n    total = compute(x)\n    return total\n';

async function rejection(text: string, files: Record<string, string | Buffer> = { 'f.py': PY }): Promise<string> {
  const root = await tempTree(files);
  const before = await snapshot(root);
  const error = await applyPatch(root, text).then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(PatchError);
  expect(await snapshot(root)).toEqual(before);
  return (error as PatchError).message;
}

describe('malformed patches', () => {
  it('rejects an empty patch', async () => {
    for (const text of ['', '  \n\n']) {
      expect(await rejection(text)).toBe(
        "The patch is empty. Send the patch text: '*** Begin Patch', file sections, then '*** End Patch'.",
      );
    }
  });

  it('rejects text not starting with *** Begin Patch, pointing at a later one', async () => {
    expect(await rejection('hello\n*** Begin Patch\n*** Delete File: f.py\n*** End Patch')).toBe(
      `Invalid patch line 1: the patch must start with '*** Begin Patch', got "hello". It appears at line 2: remove the text before it.`,
    );
    expect(await rejection('*** Update File: f.py')).toMatch(/^Invalid patch line 1: the patch must start with '\*\*\* Begin Patch'/);
  });

  it('rejects a patch with no file sections', async () => {
    expect(await rejection(patch())).toMatch(/^The patch changes nothing: it has no file sections\./);
  });

  it('rejects an Update with no hunks, saying how to replace a file', async () => {
    expect(await rejection(patch('*** Update File: f.py'))).toBe(
      "Invalid patch line 2: '*** Update File: f.py' has no hunks. Add hunks that start with '@@' and hold ' ', '-' and '+' lines; " +
        "to replace the whole file, use '*** Delete File: f.py' then '*** Add File: f.py'.",
    );
  });

  it('rejects a hunk with no lines', async () => {
    expect(await rejection(patch('*** Update File: f.py', '@@', '@@', '-x'))).toBe(
      "Invalid patch line 3: hunk 1 of 'f.py' has no lines. After '@@' give the ' ' context, '-' removed and '+' added lines.",
    );
  });

  it('rejects a hunk line with an invalid prefix, naming the line', async () => {
    const message = await rejection(patch('*** Update File: f.py', '@@', ' def a():', 'return 1', '+x'));
    expect(message).toMatch(/^Invalid patch line 5 in the update of 'f\.py': "return 1"\. /);
    expect(message).toContain("Every hunk line must start with ' ' (context), '-' (removed) or '+' (added)");
  });

  it('counts line numbers in the text as sent, fence included', async () => {
    const text = `\`\`\`diff\n${patch('*** Update File: f.py', '@@', 'oops')}\n\`\`\``;
    expect(await rejection(text)).toMatch(/^Invalid patch line 5 in the update of 'f\.py': "oops"/);
  });

  it('rejects an unknown header, saying what was expected', async () => {
    expect(await rejection(patch('*** Frobnicate File: x'))).toBe(
      "Invalid patch line 2: expected a file header ('*** Add File: <path>', '*** Update File: <path>' or " +
        `'*** Delete File: <path>') or '*** End Patch', got "*** Frobnicate File: x".`,
    );
  });

  it('hints at the cause for hunk lines outside an Update and Add lines without +', async () => {
    expect(await rejection(patch('@@', '-x'))).toMatch(/got "@@"\. Hunk lines belong after an '\*\*\* Update File: <path>' header\./);
    expect(await rejection(patch('*** Add File: n.txt', '+a', 'b'))).toMatch(
      /^Invalid patch line 4: .*got "b"\. Inside '\*\*\* Add File:' every line of the new file must start with '\+'\./,
    );
  });

  it('rejects text after *** End Patch', async () => {
    expect(await rejection(patch('*** Delete File: f.py', '*** End Patch', 'junk'))).toMatch(
      /^Invalid patch line 3: '\*\*\* End Patch' must be the last line, but more text follows it \(line 4\)\./,
    );
  });

  it('rejects a header without a path', async () => {
    expect(await rejection(patch('*** Delete File:   '))).toBe(
      'Invalid patch line 2: "*** Delete File:" names no file. Write the path after the colon.',
    );
  });

  it('rejects misplaced *** End of File markers', async () => {
    expect(await rejection(patch('*** Update File: f.py', '@@', '*** End of File'))).toBe(
      "Invalid patch line 4: '*** End of File' must close a hunk of 'f.py' that has lines.",
    );
    expect(await rejection(patch('*** Update File: f.py', '@@', '-x', '*** End of File', '+y'))).toBe(
      "Invalid patch line 6: lines after '*** End of File' must start a new hunk with '@@' in 'f.py'.",
    );
  });

  it('throws the same PatchError from parsePatch alone', () => {
    expect(() => parsePatch('nonsense')).toThrow(PatchError);
  });
});

describe('patches that do not fit the files', () => {
  it('names a missing file to update and suggests Add File', async () => {
    expect(await rejection(patch('*** Update File: nope.py', '@@', '-x', '+y'))).toBe(
      "Failed to update 'nope.py' (patch line 2): the file does not exist. Check the path, or use '*** Add File: nope.py' to create it. Nothing was changed.",
    );
  });

  it('refuses to delete a missing file', async () => {
    expect(await rejection(patch('*** Delete File: nope.py'))).toBe(
      "Failed to delete 'nope.py' (patch line 2): the file does not exist. Check the path. Nothing was changed.",
    );
  });

  it('shows the expected lines and the nearest lines in the file for a hunk that does not match', async () => {
    const text = patch(
      '*** Update File: f.py',
      '@@',
      '-    return 1',
      '+    return 2',
      '@@',
      ' def b():',
      '-    total = compute(y)',
      '-    return total',
      '+    return 0',
      '@@',
      '-zzz',
      '+q',
    );
    expect(await rejection(text)).toBe(
      [
        'Failed to apply hunk 2 of 3 (patch line 6) for f.py: the expected lines were not found.',
        "Expected lines (' ' context, '-' removed):",
        ' def b():',
        '-    total = compute(y)',
        '-    return total',
        'Nearest lines in f.py (lines 4-6, 96% similar):',
        '4 | def b():',
        '5 |     total = compute(x)',
        '6 |     return total',
        'Copy context and removed lines exactly from the file (read it again if unsure). Nothing was changed. Fix the hunk and send the whole patch again.',
      ].join('\n'),
    );
  });

  it('shows only the first lines of a long hunk', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `line ${i}`);
    const body = lines.map((l) => `-${l} changed`);
    const message = await rejection(patch('*** Update File: long.txt', '@@', ...body, '+x'), { 'long.txt': `${lines.join('\n')}\n` });
    expect(message).toContain('-line 9 changed\n… (20 more)');
    expect(message).toMatch(/Nearest lines in long\.txt \(lines 1-30, \d+% similar\):\n 1 \| line 0\n/);
    expect(message).toContain('   | … (18 more)');
  });

  it('says when the @@ context line is missing and shows the most similar line', async () => {
    expect(await rejection(patch('*** Update File: f.py', '@@ def c():', '-    return 1', '+    return 2'))).toBe(
      [
        "Failed to apply hunk 1 of 1 (patch line 3) for f.py: its '@@ def c():' line was not found in the file.",
        'The most similar line is:',
        '1 | def a():',
        "Copy the @@ line from the file exactly, or use a bare '@@'. Nothing was changed. Fix the hunk and send the whole patch again.",
      ].join('\n'),
    );
  });

  it('says where a hunk found after its @@ line was looked for', async () => {
    const message = await rejection(patch('*** Update File: f.py', '@@ def b():', '-    return 1', '+    return 2'));
    expect(message).toMatch(/^Failed to apply hunk 1 of 1 \(patch line 3\) for f\.py: the expected lines were not found after its '@@' line \(found at line 4\)\./);
  });

  it('refuses a hunk that matches several places, listing them', async () => {
    const file = 'a\nx = 1\nb\nx = 1\nend\n';
    const message = await rejection(patch('*** Update File: g.txt', '@@', ' end', '+tail', '@@', '-x = 1', '+x = 2'), { 'g.txt': file });
    expect(message).toBe(
      'Failed to apply hunk 2 of 2 (patch line 6) for g.txt: its lines match 2 places (lines 2, 4) and none follows the previous hunk.\n' +
        "Add context lines, or an '@@ <line>' header naming the enclosing function or class, so it matches one place. " +
        'Nothing was changed. Fix the hunk and send the whole patch again.',
    );
  });

  it('refuses directories and binary files', async () => {
    const files = { 'd/inner.txt': 'x', 'bin.dat': Buffer.from([0x62, 0x00, 0x01]) };
    expect(await rejection(patch('*** Update File: d', '@@', '-x', '+y'), files)).toBe(
      "'d' (patch line 2) is a directory; apply_patch works on files only.",
    );
    expect(await rejection(patch('*** Update File: bin.dat', '@@', '-x', '+y'), files)).toBe(
      "'bin.dat' (patch line 2) is a binary file; apply_patch edits text files only.",
    );
  });

  it('refuses to update a file that is not UTF-8', async () => {
    const files = { 'latin1.txt': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]) };
    expect(await rejection(patch('*** Update File: latin1.txt', '@@', '-café', '+tea'), files)).toBe(
      "'latin1.txt' (patch line 2) is not UTF-8 text; apply_patch edits UTF-8 text files only.",
    );
  });

  it('refuses a patch that makes one path both a file and a directory', async () => {
    expect(await rejection(patch('*** Add File: a', '+x', '*** Add File: a/b', '+y'))).toBe(
      "'a' cannot be both a file and a directory in one patch.",
    );
  });
});
