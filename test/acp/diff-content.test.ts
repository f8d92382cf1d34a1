import { describe, expect, it } from 'vitest';
import { diffContent, hunkSides } from '../../src/acp/diff-content.ts';
import type { FileChange } from '../../src/protocol/files.ts';
import { expectValidAcp } from '../support/acp-schema.ts';

const REPO = '/home/me/proj';

describe('hunkSides', () => {
  const rows: { what: string; diff: string; oldText: string; newText: string }[] = [
    { what: 'one hunk', diff: '@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n', oldText: 'a\nb\nc', newText: 'a\nB\nc' },
    { what: 'two hunks joined by a blank line', diff: '@@ -1,2 +1,2 @@\n-x\n+X\n y\n@@ -10,2 +10,3 @@\n p\n+q\n r', oldText: 'x\ny\n\np\nr', newText: 'X\ny\n\np\nq\nr' },
    { what: 'no newline markers carry no text', diff: '@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n', oldText: 'a', newText: 'b' },
    { what: 'file headers of a /diff are skipped', diff: 'diff --git a/f b/f\nindex 1..2 100644\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-old\n+new\n', oldText: 'old', newText: 'new' },
    { what: 'an added file has an empty old side', diff: '@@ -0,0 +1,2 @@\n+one\n+two\n', oldText: '', newText: 'one\ntwo' },
    { what: 'nothing', diff: '', oldText: '', newText: '' },
  ];
  it.each(rows)('$what', ({ diff, oldText, newText }) => {
    expect(hunkSides(diff)).toEqual({ oldText, newText });
  });
});

describe('diffContent', () => {
  const rows: { what: string; change: FileChange; want: unknown[] }[] = [
    {
      what: 'an update',
      change: { path: 'src/a.ts', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [{ type: 'diff', path: '/home/me/proj/src/a.ts', oldText: 'a', newText: 'b' }],
    },
    {
      what: 'a new file: oldText null',
      change: { path: 'n.ts', kind: 'add', diff: '@@ -0,0 +1 @@\n+x\n' },
      want: [{ type: 'diff', path: '/home/me/proj/n.ts', oldText: null, newText: 'x' }],
    },
    {
      what: "a deleted file: newText ''",
      change: { path: 'd.ts', kind: 'delete', diff: '@@ -1 +0,0 @@\n-x\n' },
      want: [{ type: 'diff', path: '/home/me/proj/d.ts', oldText: 'x', newText: '' }],
    },
    {
      what: 'a move with changes: the new path, and the rename said',
      change: { path: 'old.ts', kind: 'move', move_path: 'new.ts', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [
        { type: 'diff', path: '/home/me/proj/new.ts', oldText: 'a', newText: 'b' },
        { type: 'content', content: { type: 'text', text: 'renamed old.ts → new.ts' } },
      ],
    },
    {
      what: 'a pure rename: no diff, the rename said',
      change: { path: 'old.ts', kind: 'move', move_path: 'new.ts' },
      want: [{ type: 'content', content: { type: 'text', text: 'renamed old.ts → new.ts' } }],
    },
    {
      what: 'a cut diff says where to see all',
      change: { path: 'big.ts', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n', diff_truncated: true },
      want: [
        { type: 'diff', path: '/home/me/proj/big.ts', oldText: 'a', newText: 'b' },
        { type: 'content', content: { type: 'text', text: '… the diff of big.ts was cut here; `/diff big.ts` shows all of it' } },
      ],
    },
    {
      what: 'no diff (past the item cap, binary)',
      change: { path: 'img.png', kind: 'update' },
      want: [{ type: 'content', content: { type: 'text', text: 'img.png: update, no text diff to show; `/diff img.png` shows what changed' } }],
    },
    {
      what: 'a UTF-8 name in display form',
      change: { path: 'café.txt', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [{ type: 'diff', path: '/home/me/proj/café.txt', oldText: 'a', newText: 'b' }],
    },
    {
      what: 'a C-quoted name with a newline is unquoted',
      change: { path: '"a\\nb.txt"', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [{ type: 'diff', path: '/home/me/proj/a\nb.txt', oldText: 'a', newText: 'b' }],
    },
    {
      what: 'a name that is not UTF-8 gets a line, not a diff',
      change: { path: '"caf\\351.txt"', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [{ type: 'content', content: { type: 'text', text: '"caf\\351.txt": update (its name cannot be shown here; `/diff` lists it)' } }],
    },
    {
      what: 'a path out of the repository is never named',
      change: { path: '../../etc/passwd', kind: 'update', diff: '@@ -1 +1 @@\n-a\n+b\n' },
      want: [{ type: 'content', content: { type: 'text', text: '../../etc/passwd: update (its name cannot be shown here; `/diff` lists it)' } }],
    },
  ];
  it.each(rows)('$what', ({ change, want }) => {
    const content = diffContent(change, REPO);
    expect(content).toEqual(want);
    expectValidAcp('SessionUpdate', { sessionUpdate: 'tool_call_update', toolCallId: 'x', content });
  });
});
