// git's cone-mode rule (workcopy/sparse.ts): which paths are inside a sparse checkout's cone.
import { describe, expect, it } from 'vitest';
import { insideCone } from '../../src/workcopy/sparse.ts';

describe('insideCone', () => {
  it.each([
    ['top.txt', ['in'], true],
    ['in/a.txt', ['in'], true],
    ['in/deep/b.txt', ['in'], true],
    ['out/b.txt', ['in'], false],
    ['inner/b.txt', ['in'], false],
    ['a/file.txt', ['a/b/c'], true],
    ['a/b/file.txt', ['a/b/c'], true],
    ['a/b/c/d/e.txt', ['a/b/c'], true],
    ['a/x/file.txt', ['a/b/c'], false],
    ['a/b/cc/file.txt', ['a/b/c'], false],
    ['x/y.txt', [], false],
    ['y.txt', [], true],
  ] as [string, string[], boolean][])('%s in cone %j: %s', (rel, dirs, expected) => {
    expect(insideCone(rel, dirs)).toBe(expected);
  });
});
