// "Nothing there": ENOENT and ENOTDIR, and nothing else.
import { describe, expect, it } from 'vitest';
import { isNotFound } from '../../src/fs/not-found.ts';

describe('isNotFound', () => {
  const errno = (code: string): NodeJS.ErrnoException => Object.assign(new Error(code), { code });
  const table: Array<[string, unknown, boolean]> = [
    ['ENOENT', errno('ENOENT'), true],
    ['ENOTDIR (a file in the middle of the path)', errno('ENOTDIR'), true],
    ['EACCES', errno('EACCES'), false],
    ['EISDIR', errno('EISDIR'), false],
    ['an error without a code', new Error('x'), false],
    ['undefined', undefined, false],
  ];
  it.each(table)('%s → %s', (_name, err, expected) => {
    expect(isNotFound(err)).toBe(expected);
  });
});
