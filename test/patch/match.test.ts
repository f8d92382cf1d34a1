// Placing hunks in a file's text: the four matching passes (each with a case only it matches),
// @@ context, *** End of File, insertions, out-of-order hunks, and trailing blank context.

import { describe, expect, it } from 'vitest';
import { parsePatch } from '../../src/patch/index.ts';
import type { Hunk } from '../../src/patch/index.ts';
import { placeHunks } from '../../src/patch/locate.ts';
import { normalizeUnicode } from '../../src/patch/line-match.ts';
import { applyHunksToText } from '../../src/patch/update.ts';
import { patch } from './temp-tree.ts';

function hunks(...body: string[]): Hunk[] {
  const op = parsePatch(patch('*** Update File: f.txt', ...body)).ops[0]!;
  if (op.kind !== 'update') throw new Error('expected an update');
  return op.hunks;
}

function passOf(file: string, ...body: string[]): number {
  const result = placeHunks(file.split('\n'), hunks(...body));
  if ('failure' in result) throw new Error(`no match: ${JSON.stringify(result.failure)}`);
  return result.placements[0]!.pass;
}

function apply(file: string, ...body: string[]): string {
  return applyHunksToText(file, hunks(...body), 'f.txt');
}

describe('matching passes', () => {
  it('matches exactly when it can, preferring an exact match over an earlier loose one', () => {
    const file = '  foo\nbar\nfoo\nbaz\n';
    expect(passOf(file, '@@', '-foo', '+FOO')).toBe(0);
    expect(apply(file, '@@', '-foo', '+FOO')).toBe('  foo\nbar\nFOO\nbaz\n');
  });

  it('matches ignoring trailing whitespace only when that pass is needed', () => {
    const file = 'alpha   \nbeta\t\ngamma';
    expect(passOf(file, '@@', ' alpha', '-beta', '+BETA')).toBe(1);
    expect(apply(file, '@@', ' alpha', '-beta', '+BETA')).toBe('alpha   \nBETA\ngamma');
  });

  it('matches trimmed lines (leading whitespace differs) as the third pass', () => {
    const file = 'def f():\n        return 1\n';
    expect(passOf(file, '@@', '-return 1', '+return 2')).toBe(2);
  });

  it('matches with Unicode punctuation normalised only in the last pass', () => {
    const file = 'import asyncio  # local import \u2013 avoids top\u2011level dep\nprint(\u201Chi\u201D)\u00A0x\n';
    const body = ['@@', '-import asyncio  # local import - avoids top-level dep', ' print("hi") x', '+# done'];
    expect(passOf(file, ...body)).toBe(3);
    // The context line keeps the file's own characters; only the '+' line comes from the patch.
    expect(apply(file, ...body)).toBe('print(\u201Chi\u201D)\u00A0x\n# done\n');
  });

  it('normalises dashes, quotes, odd spaces, zero-width characters and ellipses', () => {
    expect(normalizeUnicode('\u2014a\u2019b\u201Cc\u3000d\u200Be\u2026 ')).toBe('-a\'b"c de...');
  });

  it('keeps context lines from the file, not the patch, under a loose pass', () => {
    expect(apply('keep   \nold\n', '@@', ' keep', '-old', '+new')).toBe('keep   \nnew\n');
  });
});

describe('where hunks go', () => {
  it('uses the @@ context line to choose between repeated lines', () => {
    const file = 'def a():\n    return 1\n\ndef b():\n    return 1\n';
    expect(apply(file, '@@ def b():', '-    return 1', '+    return 2')).toBe(
      'def a():\n    return 1\n\ndef b():\n    return 2\n',
    );
  });

  it('accepts a hunk that repeats its @@ line as its first context line', () => {
    const file = 'def a():\n    return 1\n\ndef b():\n    return 1\n';
    expect(apply(file, '@@ def b():', ' def b():', '-    return 1', '+    return 2')).toBe(
      'def a():\n    return 1\n\ndef b():\n    return 2\n',
    );
  });

  it('applies several hunks in file order', () => {
    const file = 'a\nb\nc\nd\ne\nf\n';
    expect(apply(file, '@@', ' a', '-b', '+B', '@@', ' c', ' d', '-e', '+E', '@@', ' f', '+g', '*** End of File')).toBe(
      'a\nB\nc\nd\nE\nf\ng\n',
    );
  });

  it('anchors an *** End of File hunk at the end even when its lines occur earlier', () => {
    const file = 'x\ny\nx\n';
    expect(apply(file, '@@', '-x', '+LAST', '*** End of File')).toBe('x\ny\nLAST\n');
  });

  it('inserts a hunk of only added lines right after its @@ line, or at the end without one', () => {
    expect(apply('class A:\n    pass\nend\n', '@@ class A:', '+    x = 1')).toBe('class A:\n    x = 1\n    pass\nend\n');
    expect(apply('a\nb\n', '@@', '+c')).toBe('a\nb\nc\n');
    expect(apply('class A:\n    pass\nend\n', '@@ class A:', '+# tail', '*** End of File')).toBe(
      'class A:\n    pass\nend\n# tail\n',
    );
  });

  it('applies hunks given out of file order when each matches one place', () => {
    const file = 'one\ntwo\nthree\nfour\nfive\n';
    expect(apply(file, '@@', ' four', '-five', '+FIVE', '@@', '-one', '+ONE', ' two')).toBe(
      'ONE\ntwo\nthree\nfour\nFIVE\n',
    );
  });

  it('finds an out-of-order hunk through its @@ context line', () => {
    const file = 'fn a() {\n  x\n}\nfn b() {\n  x\n}\n';
    expect(apply(file, '@@ fn b() {', '-  x', '+  B', '@@ fn a() {', '-  x', '+  A')).toBe(
      'fn a() {\n  A\n}\nfn b() {\n  B\n}\n',
    );
  });

  it('refuses an out-of-order hunk that matches several places', () => {
    const file = 'x\nend\nx\nend\ntail\n';
    expect(() => apply(file, '@@', ' tail', '+more', '@@', '-x', '+y')).toThrow(/match 2 places \(lines 1, 3\)/);
  });

  it('never places a hunk over lines another hunk already changed', () => {
    const file = 'p\nq\nr\n';
    expect(() => apply(file, '@@', ' q', '-r', '+R', '@@', '-q', '+Q')).toThrow(/hunk 2 of 2.*not found/);
  });

  it('drops trailing blank context lines that the file does not have there', () => {
    const file = 'a\nb\n';
    expect(apply(file, '@@', '-b', '+c', '', '')).toBe('a\nc\n');
  });
});

describe('line endings, final newline and Unicode', () => {
  it('keeps a CRLF file CRLF whether or not the patch lines carry \\r', () => {
    const file = 'one\r\ntwo\r\nthree\r\n';
    const want = 'one\r\nTWO\r\nextra\r\nthree\r\n';
    expect(apply(file, '@@', ' one', '-two', '+TWO', '+extra')).toBe(want);
    const crlfBody = parsePatch(patch('*** Update File: f', '@@', ' one', '-two', '+TWO', '+extra').replace(/\n/g, '\r\n'));
    const op = crlfBody.ops[0]!;
    if (op.kind !== 'update') throw new Error('expected an update');
    expect(applyHunksToText(file, op.hunks, 'f')).toBe(want);
  });

  it('keeps each line ending of a mixed file and gives new lines the dominant one', () => {
    expect(apply('a\r\nb\nc\r\nd\r\n', '@@', ' b', '+new', ' c')).toBe('a\r\nb\nnew\r\nc\r\nd\r\n');
  });

  it('keeps a missing final newline when the edit is elsewhere', () => {
    expect(apply('a\nb\nc', '@@', '-a', '+A')).toBe('A\nb\nc');
  });

  it('keeps a missing final newline when the last line is changed', () => {
    expect(apply('a\nb\nc', '@@', ' b', '-c', '+C')).toBe('a\nb\nC');
  });

  it('moves the missing final newline to the new last line when lines are appended', () => {
    expect(apply('a\nb', '@@', ' b', '+c', '*** End of File')).toBe('a\nb\nc');
    expect(apply('a\r\nb', '@@', ' b', '+c')).toBe('a\r\nb\r\nc');
  });

  it('keeps the final newline of a file that has one, and a byte-order mark', () => {
    expect(apply('\uFEFFa\nb\n', '@@', '-b', '+c')).toBe('\uFEFFa\nc\n');
  });

  it('preserves Unicode content around the edit and in added lines', () => {
    const file = 'héllo wörld\n日本語のテキスト\nemoji 🎉 here\n';
    expect(apply(file, '@@', ' 日本語のテキスト', '-emoji 🎉 here', '+emoji 🚀 there ✓')).toBe(
      'héllo wörld\n日本語のテキスト\nemoji 🚀 there ✓\n',
    );
  });

  it('can empty a file by removing all its lines', () => {
    expect(apply('a\nb\n', '@@', '-a', '-b')).toBe('');
  });
});
