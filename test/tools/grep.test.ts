import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { grepTool } from '../../src/tools/grep.ts';
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
const grep = (args: { pattern: string; path?: string; glob?: string }) => grepTool.run(args, t.ctx);

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
