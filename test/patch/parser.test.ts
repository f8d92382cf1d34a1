// The patch grammar: every element of the Codex format, the lenient forms accepted, and
// patchChanges (the preview of what a patch names).

import { describe, expect, it } from 'vitest';
import { parsePatch, patchChanges } from '../../src/patch/index.ts';
import { patch } from './temp-tree.ts';

describe('parsePatch: the Codex grammar', () => {
  it('parses add, delete and update-with-move sections with their hunks', () => {
    const parsed = parsePatch(
      patch(
        '*** Add File: path/add.py',
        '+abc',
        '+def',
        '*** Delete File: path/delete.py',
        '*** Update File: path/update.py',
        '*** Move to: path/update2.py',
        '@@ def f():',
        '-    pass',
        '+    return 123',
      ),
    );
    expect(parsed.ops).toEqual([
      { kind: 'add', path: 'path/add.py', contents: 'abc\ndef\n', patchLine: 2 },
      { kind: 'delete', path: 'path/delete.py', patchLine: 5 },
      {
        kind: 'update',
        path: 'path/update.py',
        movePath: 'path/update2.py',
        patchLine: 6,
        hunks: [
          {
            context: 'def f():',
            endOfFile: false,
            patchLine: 8,
            lines: [
              { op: '-', text: '    pass' },
              { op: '+', text: '    return 123' },
            ],
          },
        ],
      },
    ]);
  });

  it('splits several hunks at @@ lines, bare or with context, and keeps line prefixes apart', () => {
    const parsed = parsePatch(
      patch('*** Update File: a.txt', '@@', ' foo', '-bar', '+BAR', '@@ class Baz', ' baz', '-qux', '+QUX'),
    );
    const op = parsed.ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks.map((h) => h.context)).toEqual([null, 'class Baz']);
    expect(op.hunks[0]!.lines).toEqual([
      { op: ' ', text: 'foo' },
      { op: '-', text: 'bar' },
      { op: '+', text: 'BAR' },
    ]);
    expect(op.hunks[1]!.patchLine).toBe(7);
  });

  it('accepts a first hunk without @@ and marks hunks closed by *** End of File', () => {
    const op = parsePatch(patch('*** Update File: f.py', ' import foo', '+bar', '*** End of File')).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks).toEqual([
      {
        context: null,
        endOfFile: true,
        patchLine: 3,
        lines: [
          { op: ' ', text: 'import foo' },
          { op: '+', text: 'bar' },
        ],
      },
    ]);
  });

  it('reads an empty line inside a hunk as an empty context line', () => {
    const op = parsePatch(patch('*** Update File: f', '@@', ' a', '', '-b')).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks[0]!.lines).toEqual([
      { op: ' ', text: 'a' },
      { op: ' ', text: '' },
      { op: '-', text: 'b' },
    ]);
  });

  it('reads a line starting with a space then @@ as context, not as a hunk header', () => {
    const op = parsePatch(patch('*** Update File: f.diff', '@@', ' @@ -1 +1 @@', '-old', '+new')).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks).toHaveLength(1);
    expect(op.hunks[0]!.lines[0]).toEqual({ op: ' ', text: '@@ -1 +1 @@' });
  });

  it('gives an Add File with no lines empty contents, and keeps blank lines between + lines', () => {
    const parsed = parsePatch(patch('*** Add File: empty.txt', '*** Add File: b.txt', '+one', '', '+three'));
    expect(parsed.ops).toEqual([
      { kind: 'add', path: 'empty.txt', contents: '', patchLine: 2 },
      { kind: 'add', path: 'b.txt', contents: 'one\n\nthree\n', patchLine: 3 },
    ]);
  });

  it('takes the context of a unified-diff style header', () => {
    const op = parsePatch(patch('*** Update File: f', '@@ -10,4 +10,5 @@ function run() {', '-a', '+b')).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks[0]!.context).toBe('function run() {');
  });

  it("ignores git's '\\ No newline at end of file' lines inside hunks", () => {
    const op = parsePatch(patch('*** Update File: f', '@@', '-a', '\\ No newline at end of file', '+b')).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks[0]!.lines).toEqual([
      { op: '-', text: 'a' },
      { op: '+', text: 'b' },
    ]);
  });

  it('accepts an Update with a Move and no hunks as a plain rename', () => {
    const op = parsePatch(patch('*** Update File: old.txt', '*** Move to: new.txt')).ops[0]!;
    expect(op).toEqual({ kind: 'update', path: 'old.txt', movePath: 'new.txt', hunks: [], patchLine: 2 });
  });
});

describe('parsePatch: lenient forms', () => {
  const expected = [{ kind: 'add', path: 'foo', contents: 'hi\n', patchLine: expect.any(Number) }];

  it('tolerates whitespace around markers and marker words in another case', () => {
    const text = '  *** Begin Patch \n\t*** add file:   foo  \n+hi\n *** END PATCH\n\n';
    expect(parsePatch(text).ops).toEqual(expected);
  });

  it('tolerates a missing *** End Patch', () => {
    expect(parsePatch('*** Begin Patch\n*** Add File: foo\n+hi\n').ops).toEqual(expected);
  });

  it('unwraps heredoc wrappers as Codex lenient mode does', () => {
    for (const open of ["<<'EOF'", '<<EOF', '<<"EOF"', "apply_patch <<'PATCH'"]) {
      const close = open.includes('PATCH') ? 'PATCH' : 'EOF';
      const text = `${open}\n${patch('*** Add File: foo', '+hi')}\n${close}\n`;
      expect(parsePatch(text).ops, open).toEqual(expected);
    }
  });

  it('unwraps a Markdown fence, with or without a language, and a fence around a heredoc', () => {
    expect(parsePatch(`\`\`\`diff\n${patch('*** Add File: foo', '+hi')}\n\`\`\``).ops).toEqual(expected);
    expect(parsePatch(`\`\`\`\n${patch('*** Add File: foo', '+hi')}\n\`\`\`\n`).ops).toEqual(expected);
    const both = `\`\`\`bash\napply_patch <<'EOF'\n${patch('*** Add File: foo', '+hi')}\nEOF\n\`\`\``;
    expect(parsePatch(both).ops).toEqual(expected);
  });

  it('keeps line numbers of the text as sent after unwrapping', () => {
    const parsed = parsePatch(`\`\`\`diff\n${patch('*** Add File: foo', '+hi')}\n\`\`\``);
    expect(parsed.ops[0]!.patchLine).toBe(3);
  });

  it('accepts CRLF patch text and strips the \\r from every line', () => {
    const text = patch('*** Update File: a', '@@', ' x', '-y', '+z').replace(/\n/g, '\r\n');
    const op = parsePatch(text).ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(op.hunks[0]!.lines.map((l) => l.text)).toEqual(['x', 'y', 'z']);
  });

  it('skips blank lines between file sections and between hunks', () => {
    const parsed = parsePatch(patch('', '*** Delete File: a', '', '*** Update File: b', '', '@@', '-x', '+y'));
    expect(parsed.ops.map((o) => o.kind)).toEqual(['delete', 'update']);
  });

  it('merges two patches sent back to back', () => {
    const text = `${patch('*** Delete File: a')}\n${patch('*** Delete File: b')}`;
    expect(parsePatch(text).ops.map((o) => o.path)).toEqual(['a', 'b']);
  });
});

describe('patchChanges', () => {
  it('lists the change of every section, moves with their destination', () => {
    const text = patch(
      '*** Add File: ./src/new.ts',
      '+x',
      '*** Update File: src/a.ts',
      '@@',
      '-a',
      '+b',
      '*** Update File: src/old.ts',
      '*** Move to: src/moved.ts',
      '@@',
      '-c',
      '+d',
      '*** Delete File: gone.txt',
    );
    expect(patchChanges(text)).toEqual([
      { path: 'src/new.ts', kind: 'add' },
      { path: 'src/a.ts', kind: 'update' },
      { path: 'src/old.ts', kind: 'move', move_path: 'src/moved.ts' },
      { path: 'gone.txt', kind: 'delete' },
    ]);
  });

  it('returns [] for text that does not parse, never throwing', () => {
    expect(patchChanges('')).toEqual([]);
    expect(patchChanges('not a patch')).toEqual([]);
    expect(patchChanges(patch('*** Update File: a'))).toEqual([]);
  });
});
