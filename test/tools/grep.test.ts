import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextSize, grepTool, MAX_CONTEXT_LINES } from '../../src/tools/grep.ts';
import type { GrepArgs } from '../../src/tools/grep.ts';
import { describeArgError } from '../../src/tools/registry.ts';
import { makeContext } from './context.ts';
import type { TestContext } from './context.ts';

let t: TestContext;
beforeEach(() => {
  t = makeContext();
  write('src/app.ts', 'const a = 1;\nexport function hello() {}\n');
  write('src/util.py', 'def hello():\n    pass\n');
  write('README.md', 'say hello\n');
  write('.hidden/conf.txt', 'hello hidden\n');
});
afterEach(() => t.cleanup());

function write(rel: string, content: string): void {
  mkdirSync(path.dirname(path.join(t.root, rel)), { recursive: true });
  writeFileSync(path.join(t.root, rel), content);
}
const grep = (args: GrepArgs) => grepTool.run(args, t.ctx);

describe('grep tool', () => {
  it('finds matches with paths relative to the root, sorted', async () => {
    const outcome = await grep({ pattern: 'hello' });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toBe(
      ['.hidden/conf.txt:1:hello hidden', 'README.md:1:say hello', 'src/app.ts:2:export function hello() {}', 'src/util.py:1:def hello():'].join('\n'),
    );
    expect(outcome.item).toMatchObject({ type: 'command_execution', tool: 'grep', command: 'rg -n hello', exit_code: 0 });
  });

  it('says "No matches." when nothing matches', async () => {
    const outcome = await grep({ pattern: 'nothing_like_this' });
    expect(outcome.output).toBe('No matches.');
    expect(outcome.status).toBe('completed');
  });

  it('filters by glob and by path', async () => {
    expect((await grep({ pattern: 'hello', glob: '*.py' })).output).toBe('src/util.py:1:def hello():');
    const inSrc = await grep({ pattern: 'hello', path: 'src' });
    expect(inSrc.output.split('\n')).toEqual(['src/app.ts:2:export function hello() {}', 'src/util.py:1:def hello():']);
    expect(inSrc.item).toMatchObject({ command: 'rg -n hello src' });
    expect((await grep({ pattern: 'a = 1', path: path.join(t.root, 'src', 'app.ts') })).output).toBe('src/app.ts:1:const a = 1;');
  });

  it('reports a bad regex with ripgrep\'s error', async () => {
    const outcome = await grep({ pattern: 'foo(' });
    expect(outcome.status).toBe('failed');
    expect(outcome.output).toMatch(/^grep failed: .*regex parse error/s);
  });

  it('skips .gitignored files and .git, with or without a git repository', async () => {
    write('.gitignore', 'build/\n');
    write('build/out.js', 'hello from build\n');
    expect((await grep({ pattern: 'from build' })).output).toBe('No matches.');
    execFileSync('git', ['init', '-q'], { cwd: t.root });
    expect((await grep({ pattern: 'from build' })).output).toBe('No matches.');
    expect((await grep({ pattern: 'repositoryformatversion' })).output).toBe('No matches.');
  });

  it('caps the number of lines and says how many more there were', async () => {
    write('many.txt', Array.from({ length: 300 }, (_, i) => `match ${i}`).join('\n'));
    const outcome = await grep({ pattern: '^match', path: 'many.txt' });
    const lines = outcome.output.split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[199]).toBe('many.txt:200:match 199');
    expect(lines[200]).toBe('… 100 more matching lines not shown; narrow the pattern, path or glob.');
  });

  it('refuses paths outside the root and missing paths', async () => {
    const outside = await grep({ pattern: 'x', path: '../' });
    expect(outside.status).toBe('failed');
    expect(outside.output).toMatch(/^grep refused: .*outside the working copy/);
    const missing = await grep({ pattern: 'x', path: 'nope' });
    expect(missing.output).toBe('grep refused: nope does not exist.');
  });

  it('treats a pattern starting with a dash as a pattern', async () => {
    write('flags.txt', 'use --force here\n');
    expect((await grep({ pattern: '--force' })).output).toBe('flags.txt:1:use --force here');
  });
});

describe('grep tool with context lines', () => {
  const numbered = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

  it('shows the lines around a match, grouped under the path: N:match, N-context', async () => {
    write('ctx.txt', numbered(9).replace('line 5', 'line 5 needle'));
    const outcome = await grep({ pattern: 'needle', context: 2 });
    expect(outcome.status).toBe('completed');
    expect(outcome.output).toBe(['ctx.txt', '3-line 3', '4-line 4', '5:line 5 needle', '6-line 6', '7-line 7'].join('\n'));
    expect(outcome.item).toMatchObject({ command: 'rg -n -C 2 needle', exit_code: 0 });
  });

  it('takes before and after separately, each over context', async () => {
    write('ctx.txt', numbered(9).replace('line 5', 'line 5 needle'));
    expect((await grep({ pattern: 'needle', before: 1 })).output).toBe(['ctx.txt', '4-line 4', '5:line 5 needle'].join('\n'));
    const after = await grep({ pattern: 'needle', context: 3, after: 1 });
    expect(after.output).toBe(['ctx.txt', '2-line 2', '3-line 3', '4-line 4', '5:line 5 needle', '6-line 6'].join('\n'));
    expect(after.item).toMatchObject({ command: 'rg -n -B 3 -A 1 needle' });
    // Zero context is the plain format.
    expect((await grep({ pattern: 'needle', context: 0 })).output).toBe('ctx.txt:5:line 5 needle');
  });

  it('merges overlapping contexts, separates distant groups with --, and groups files', async () => {
    const lines = numbered(20).split('\n');
    for (const n of [3, 5, 15]) lines[n - 1] += ' needle';
    write('a/ctx.txt', lines.join('\n'));
    write('b/one.txt', 'x\nneedle\n');
    const outcome = await grep({ pattern: 'needle', context: 1 });
    expect(outcome.output).toBe(
      [
        'a/ctx.txt', '2-line 2', '3:line 3 needle', '4-line 4', '5:line 5 needle', '6-line 6', '--',
        '14-line 14', '15:line 15 needle', '16-line 16', '',
        'b/one.txt', '1-x', '2:needle',
      ].join('\n'),
    );
  });

  it('keeps the line and size caps, and says output was cut', async () => {
    write('many.txt', Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `match ${i}` : `other ${i}`)).join('\n'));
    const outcome = await grep({ pattern: '^match', path: 'many.txt', context: 1 });
    const lines = outcome.output.split('\n');
    expect(lines).toHaveLength(201);
    expect(lines[0]).toBe('many.txt');
    expect(lines[200]).toMatch(/^… \d+ more lines not shown; narrow the pattern, path or glob, or ask for less context\.$/);
    write('wide.txt', Array.from({ length: 150 }, (_, i) => `${i % 10 === 0 ? 'hit' : 'pad'} ${'w'.repeat(290)}`).join('\n'));
    const wide = await grep({ pattern: '^hit', path: 'wide.txt', context: 10 });
    expect(wide.output.length).toBeLessThan(33 * 1024);
    expect(wide.output).toMatch(/more lines not shown/);
  });

  it('clamps context past the maximum and says so', async () => {
    write('ctx.txt', numbered(40).replace('line 20', 'line 20 needle'));
    const outcome = await grep({ pattern: 'needle', context: 50 });
    const lines = outcome.output.split('\n');
    expect(lines.slice(0, 2)).toEqual(['ctx.txt', '10-line 10']);
    expect(lines.at(-2)).toBe('30-line 30');
    expect(lines.at(-1)).toBe(`(Context was capped at ${MAX_CONTEXT_LINES} lines a side.)`);
    expect(outcome.item).toMatchObject({ command: 'rg -n -C 10 needle' });
  });

  it('sizes context as rg does, clamped (table)', () => {
    const table: [Pick<GrepArgs, 'context' | 'before' | 'after'>, [number, number, boolean]][] = [
      [{}, [0, 0, false]],
      [{ context: 3 }, [3, 3, false]],
      [{ context: 3, before: 0 }, [0, 3, false]],
      [{ before: 2 }, [2, 0, false]],
      [{ after: 10 }, [0, 10, false]],
      [{ after: 11 }, [0, 10, true]],
      [{ context: 99, before: 1 }, [1, 10, true]],
    ];
    for (const [args, [before, after, clamped]] of table) expect(contextSize(args), JSON.stringify(args)).toEqual({ before, after, clamped });
  });

  it('refuses negative and fractional context with a message naming the field', () => {
    for (const [args, message] of [
      [{ pattern: 'x', context: -1 }, 'Invalid arguments for grep: `context` must be at least 0'],
      [{ pattern: 'x', before: 1.5 }, 'Invalid arguments for grep: `before`'],
      [{ pattern: 'x', after: '3' }, 'Invalid arguments for grep: `after` has the wrong type (expected integer, got string)'],
    ] as const) {
      const parsed = grepTool.schema.safeParse(args);
      expect(parsed.success, JSON.stringify(args)).toBe(false);
      if (!parsed.success) expect(describeArgError(grepTool, parsed.error, args)).toContain(message);
    }
  });
});

describe('grep tool: what the model passes is data, never an option', () => {
  const marker = (): string => path.join(t.root, 'PRE-RAN');
  beforeEach(() => {
    write('evil.sh', `#!/bin/sh\ntouch '${marker()}'\ncat "$1"\n`);
    chmodSync(path.join(t.root, 'evil.sh'), 0o755);
  });

  it('searches for a pattern that looks like an option', async () => {
    write('flags.txt', 'a --pre=./evil.sh b\n-e\n--files\n');
    expect((await grep({ pattern: '--pre=./evil.sh' })).output).toBe('flags.txt:1:a --pre=./evil.sh b');
    expect((await grep({ pattern: '-e' })).output).toBe('flags.txt:2:-e');
    expect((await grep({ pattern: '--files', context: 1 })).output).toBe(['flags.txt', '2--e', '3:--files'].join('\n'));
    expect(existsSync(marker())).toBe(false);
  });

  it('takes a path that starts with a dash as a path', async () => {
    write('--pre=evil.sh', 'needle in a dashed file\n');
    const outcome = await grep({ pattern: 'needle', path: '--pre=evil.sh' });
    expect(outcome.output).toBe('--pre=evil.sh:1:needle in a dashed file');
    expect(existsSync(marker())).toBe(false);
  });

  it('takes a glob that looks like an option as a glob', async () => {
    write('x.txt', 'needle\n');
    write('--pre=one.txt', 'needle one\n');
    write('--files', 'needle two\n');
    expect((await grep({ pattern: 'needle', glob: '--pre=*.txt' })).output).toBe('--pre=one.txt:1:needle one');
    expect((await grep({ pattern: 'needle', glob: '--files', context: 1 })).output).toBe('--files\n1:needle two');
    expect(existsSync(marker())).toBe(false);
  });

  it('reads no ripgrep config file, even one the model wrote where RIPGREP_CONFIG_PATH points', async () => {
    write('.ripgreprc', '--pre=./evil.sh\n--context=5\n');
    write('x.txt', 'needle\n');
    const saved = process.env.RIPGREP_CONFIG_PATH;
    process.env.RIPGREP_CONFIG_PATH = '.ripgreprc';
    try {
      expect((await grep({ pattern: 'needle' })).output).toBe('x.txt:1:needle');
    } finally {
      if (saved === undefined) delete process.env.RIPGREP_CONFIG_PATH;
      else process.env.RIPGREP_CONFIG_PATH = saved;
    }
    expect(existsSync(marker())).toBe(false);
  });
});
