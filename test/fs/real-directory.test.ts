// A directory itself, never through a link: a table of what counts.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRealDirectory } from '../../src/fs/real-directory.ts';

describe('isRealDirectory', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hew-realdir-'));
  mkdirSync(path.join(dir, 'sub'));
  writeFileSync(path.join(dir, 'file'), 'x');
  symlinkSync(path.join(dir, 'sub'), path.join(dir, 'link-to-dir'));
  symlinkSync(path.join(dir, 'gone'), path.join(dir, 'dangling'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const table: Array<[string, boolean]> = [
    ['sub', true],
    ['file', false],
    ['link-to-dir', false],
    ['dangling', false],
    ['missing', false],
    ['file/below-a-file', false],
  ];
  it.each(table)('%s → %s', (name, expected) => {
    expect(isRealDirectory(path.join(dir, name))).toBe(expected);
  });
});
