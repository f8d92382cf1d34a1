import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readFileTool } from '../../src/tools/read-file.ts';
import { makeTempDir } from '../sandbox/helpers.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

let t: TestContext;
beforeEach(() => {
  t = makeContext();
});
afterEach(() => t.cleanup());

const write = (rel: string, content: string | Buffer): void => {
  mkdirSync(path.dirname(path.join(t.root, rel)), { recursive: true });
  writeFileSync(path.join(t.root, rel), content);
};
const read = (args: { path: string; offset?: number; limit?: number }) => readFileTool.run(args, t.ctx);

describe('read_file tool', () => {
  it('reads only the first MAX_FILE_BYTES of a huge file, whole lines, and says so', async () => {
    const line = `${'x'.repeat(99)}\n`;
    const lines = Math.ceil((MAX_FILE_BYTES + 4096) / line.length);
    write('huge.txt', line.repeat(lines));
    const outcome = await read({ path: 'huge.txt', offset: lines - 5 });
    expect(outcome.output).toMatch(new RegExp(`^\\[huge.txt is ${lines * 100} bytes; read_file reads only its first 16 MiB \\(${Math.floor(MAX_FILE_BYTES / 100) * 100} bytes of whole lines\\)\\. Use shell`, 'm'));
    const first = await read({ path: 'huge.txt', limit: 1 });
    expect(first.output.startsWith(`     1\t${'x'.repeat(99)}\n`)).toBe(true);
  });

  it('numbers lines cat -n style', async () => {
    write('a.txt', 'first\nsecond\n');
    const outcome = await read({ path: 'a.txt' });
    expect(outcome.output).toBe('     1\tfirst\n     2\tsecond');
    expect(outcome.status).toBe('completed');
    expect(outcome.item).toMatchObject({ type: 'command_execution', tool: 'read_file', command: 'read_file a.txt', exit_code: 0 });
  });

  it('reads a window with offset and limit and says how to read on', async () => {
    write('many.txt', Array.from({ length: 10 }, (_, i) => `row ${i + 1}`).join('\n'));
    const outcome = await read({ path: 'many.txt', offset: 3, limit: 2 });
    expect(outcome.output).toBe('     3\trow 3\n     4\trow 4\n… 6 more lines; read on with offset=5');
    const last = await read({ path: 'many.txt', offset: 9 });
    expect(last.output).toBe('     9\trow 9\n    10\trow 10');
    const past = await read({ path: 'many.txt', offset: 11 });
    expect(past.status).toBe('failed');
    expect(past.output).toContain('past the end');
  });

  it('defaults to 2000 lines and truncates very long lines', async () => {
    write('big.txt', Array.from({ length: 2500 }, (_, i) => `${i + 1}`).join('\n') + '\n');
    const outcome = await read({ path: 'big.txt' });
    expect(outcome.output).toContain('  2000\t2000\n… 500 more lines; read on with offset=2001');
    write('wide.txt', 'x'.repeat(5000));
    const wide = await read({ path: 'wide.txt' });
    expect(wide.output).toContain('[line truncated: 5000 chars]');
    expect(wide.output.length).toBeLessThan(2100);
  });

  it('refuses binary files politely', async () => {
    write('bin.dat', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    const outcome = await read({ path: 'bin.dat' });
    expect(outcome.output).toBe('bin.dat is a binary file (7 bytes); not shown.');
    expect(outcome.status).toBe('failed');
  });

  it('says when a file does not exist', async () => {
    const outcome = await read({ path: 'nope/missing.ts' });
    expect(outcome.output).toBe('nope/missing.ts does not exist.');
    expect(outcome.status).toBe('failed');
    expect(outcome.item).toMatchObject({ exit_code: 1 });
  });

  it('lists a directory', async () => {
    write('src/b.ts', '');
    write('src/a.ts', '');
    write('src/lib/c.ts', '');
    const outcome = await read({ path: 'src' });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toBe('src is a directory with 3 entries (read a file inside it instead):\na.ts\nb.ts\nlib/');
  });

  it('reads an empty file and accepts an absolute path inside the root', async () => {
    write('empty.txt', '');
    expect((await read({ path: path.join(t.root, 'empty.txt') })).output).toBe('empty.txt is empty.');
  });

  it('refuses paths outside the root, also through symlinks', async () => {
    const outside = makeTempDir('hew-outside-');
    try {
      writeFileSync(path.join(outside.dir, 'secret.txt'), 'secret');
      symlinkSync(path.join(outside.dir, 'secret.txt'), path.join(t.root, 'link.txt'));
      for (const p of ['../secret.txt', path.join(outside.dir, 'secret.txt'), 'link.txt']) {
        const outcome = await read({ path: p });
        expect(outcome.status, p).toBe('failed');
        expect(outcome.output, p).toMatch(/^read_file refused: .*outside the working copy/);
        expect(outcome.output).not.toContain('secret\n');
      }
    } finally {
      outside.cleanup();
    }
  });
});
