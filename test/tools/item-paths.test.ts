// The files a read_file or grep looks at, on its item (`paths`): relative to the repository as the
// model gave it, normalized, with read_file's first line; the same in the started and completed item.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grepTool } from '../../src/tools/grep.ts';
import { repoRelative } from '../../src/tools/paths.ts';
import { readFileTool } from '../../src/tools/read-file.ts';
import type { ItemBody } from '../../src/protocol/events.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

const pathsOf = (item: ItemBody): unknown => (item.type === 'command_execution' ? item.paths : 'not a command item');

describe('repoRelative', () => {
  const rows: [given: string, expected: string | null][] = [
    ['src/a.ts', 'src/a.ts'],
    ['./src//a.ts', 'src/a.ts'],
    ['src/../lib/b.ts', 'lib/b.ts'],
    ['src/', 'src'],
    ['.', '.'],
    ['', '.'],
    ['/repo/src/a.ts', 'src/a.ts'],
    ['/repo', '.'],
    ['../outside.txt', null],
    ['src/../../outside.txt', null],
    ['/etc/passwd', null],
    ['/repository/x', null],
  ];
  for (const [given, expected] of rows) {
    it(`${JSON.stringify(given)} → ${JSON.stringify(expected)}`, () => expect(repoRelative(given, '/repo')).toBe(expected));
  }
});

let t: TestContext;
beforeEach(() => {
  t = makeContext();
  mkdirSync(path.join(t.root, 'src'));
  writeFileSync(path.join(t.root, 'src', 'a.txt'), 'one\ntwo\nthree\n');
});
afterEach(() => t.cleanup());

describe('paths on the items of read_file and grep', () => {
  it('read_file: the path and the first line read, started and completed alike', async () => {
    const args = { path: './src//a.txt', offset: 2 };
    expect(pathsOf(readFileTool.begin(args, t.ctx))).toEqual([{ path: 'src/a.txt', line: 2 }]);
    const done = await readFileTool.run(args, t.ctx);
    expect(done.item).toMatchObject({ type: 'command_execution', paths: [{ path: 'src/a.txt', line: 2 }] });
    expect(pathsOf(readFileTool.begin({ path: 'src/a.txt' }, t.ctx))).toEqual([{ path: 'src/a.txt', line: 1 }]);
  });

  it('read_file: an absolute path under the visible root is made relative; a directory has no line', async () => {
    const ctx = { ...t.ctx, visibleRoot: '/home/dev/project' };
    expect(pathsOf(readFileTool.begin({ path: '/home/dev/project/src/a.txt' }, ctx))).toEqual([{ path: 'src/a.txt', line: 1 }]);
    const listing = await readFileTool.run({ path: 'src' }, t.ctx);
    expect(listing.item).toMatchObject({ paths: [{ path: 'src' }] });
    expect((listing.item as { paths: object[] }).paths[0]).not.toHaveProperty('line');
  });

  it('read_file: a path outside the repository gets no paths (and is refused)', async () => {
    expect(pathsOf(readFileTool.begin({ path: '../../etc/passwd' }, t.ctx))).toBeUndefined();
    const refused = await readFileTool.run({ path: '../../etc/passwd' }, t.ctx);
    expect(refused.status).toBe('failed');
    expect(refused.item).not.toHaveProperty('paths');
  });

  it('grep: its target, or the root as "."', async () => {
    expect(pathsOf(grepTool.begin({ pattern: 'two', path: 'src/' }, t.ctx))).toEqual([{ path: 'src' }]);
    expect(pathsOf(grepTool.begin({ pattern: 'two' }, t.ctx))).toEqual([{ path: '.' }]);
    const done = await grepTool.run({ pattern: 'two', path: './src' }, t.ctx);
    expect(done.item).toMatchObject({ paths: [{ path: 'src' }] });
    expect(done.output).toContain('src/a.txt:2:two');
  });
});
