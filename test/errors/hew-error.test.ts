// Each error that decides how hew exits carries its exit code (HewError), and one function reads it:
// `exitCodeOf`. The top level of `hew` (cli/fatal.ts) and a watch task's result (tasks/watch.ts) both
// use it, so the same error gives the same exit code on both paths.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecoveryStop } from '../../src/cli/apply-guard.ts';
import { reportFatal } from '../../src/cli/fatal.ts';
import { NoSandboxError } from '../../src/cli/sandbox-gate.ts';
import { UsageError } from '../../src/errors/usage-error.ts';
import { ConfigError } from '../../src/config/errors.ts';
import { exitCodeOf, HewError } from '../../src/errors/hew-error.ts';
import { DamagedRunError } from '../../src/runs/damage.ts';
import { TaskFileError } from '../../src/tasks/errors.ts';
import { runInbox } from '../../src/tasks/watch.ts';
import { EXIT } from '../../src/protocol/exit-codes.ts';
import { NotARepositoryError } from '../../src/thread/repo-info.ts';
import { BranchError } from '../../src/workcopy/branch.ts';
import { tempDir } from '../support/fixtures.ts';

/** [what, the thrown value, its exit code, what `hew` prints for it at the top level (null: the stack)]. */
const CASES: [string, unknown, number, string | null][] = [
  ['UsageError', new UsageError('--max-turns: expected a positive whole number, got "x"'), EXIT.usage, 'hew: --max-turns: expected a positive whole number, got "x"\n'],
  ['ConfigError', new ConfigError('config.toml', 'sandbox', 'expected one of …'), EXIT.usage, 'hew: config.toml: sandbox: expected one of …\n'],
  ['TaskFileError', new TaskFileError('t.md', 2, 'front-matter key "max_turns"'), EXIT.usage, 'hew: t.md:2: front-matter key "max_turns"\n'],
  ['DamagedRunError', new DamagedRunError('abc123', 'meta.json is missing'), EXIT.usage, 'hew: run abc123 is damaged: meta.json is missing; it cannot be used (remove it with `hew discard abc123`)\n'],
  ['NotARepositoryError', new NotARepositoryError('/tmp/x is not in a git repository'), EXIT.usage, 'hew: /tmp/x is not in a git repository\n'],
  ['BranchError', new BranchError('exists', 'branch "x" already exists'), EXIT.usage, 'hew: branch "x" already exists\n'],
  ['NoSandboxError', new NoSandboxError('no usable sandbox: bwrap failed'), EXIT.unsafe, 'hew: no usable sandbox: bwrap failed\n'],
  ['RecoveryStop', new RecoveryStop('the journal is damaged'), EXIT.failed, 'hew: the journal is damaged\n'],
  ['a HewError of its own', new HewError('provider refused', EXIT.provider), EXIT.provider, 'hew: provider refused\n'],
  ['a plain Error', new Error('boom'), EXIT.failed, null],
  ['a TypeError', new TypeError('x is undefined'), EXIT.failed, null],
  ['a thrown string', 'just text', EXIT.failed, 'hew: just text\n'],
  ['undefined', undefined, EXIT.failed, 'hew: undefined\n'],
  ['an object with an exitCode', { exitCode: 2, message: 'not an error' }, EXIT.failed, 'hew: [object Object]\n'],
];

describe('exitCodeOf', () => {
  it.each(CASES)('%s', (_what, err, code) => {
    expect(exitCodeOf(err)).toBe(code);
  });

  it('keeps the messages and names', () => {
    const err = new NoSandboxError('why');
    expect(err).toBeInstanceOf(HewError);
    expect(err).toBeInstanceOf(Error);
    expect([err.name, err.message]).toEqual(['NoSandboxError', 'why']);
    expect(new ConfigError('f', null, 'bad').message).toBe('f: bad');
    expect(new RecoveryStop('m').name).toBe('RecoveryStop');
  });
});

describe('the top level of hew (reportFatal)', () => {
  it.each(CASES)('%s: one line, and the code exitCodeOf gives', (_what, err, code, printed) => {
    const out: string[] = [];
    expect(reportFatal(err, (t) => out.push(t))).toBe(code);
    if (printed !== null) expect(out.join('')).toBe(printed);
    else expect(out.join('')).toMatch(/^hew: \w*Error: .*\n {4}at /);
  });

  it('the terminal sanitizer cleans what it prints', () => {
    const out: string[] = [];
    reportFatal(new UsageError('bad \x1b]0;title\x07name'), (t) => out.push(t));
    expect(out.join('')).not.toContain('\x1b');
  });
});

describe('a watch task that throws', () => {
  it('records the exit code hew itself exits with for that error', async () => {
    const dir = tempDir();
    CASES.forEach((_c, i) => writeFileSync(join(dir, `t${i}.md`), `Task ${i}.\n`));
    const results = await runInbox({
      dir,
      base: dir,
      concurrency: 2,
      once: true,
      signal: new AbortController().signal,
      log: () => {},
      runTask: async (task) => {
        throw CASES[Number(/Task (\d+)\./.exec(task.prompt)![1])]![1];
      },
    });
    const recorded = Object.fromEntries(results.map((r) => [r.task, r.exit_code]));
    const expected = Object.fromEntries(CASES.map(([, err], i) => [`t${i}.md`, reportFatal(err, () => {})]));
    expect(recorded).toEqual(expected);
  });
});
