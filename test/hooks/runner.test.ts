// The hook runner on the none sandbox: the event on stdin, lists run in order up to the first failure,
// capped output, the timeout, the run log, and no runner when nothing is configured.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHookRunner, describeHookFailure, HOOK_OUTPUT_CAP_BYTES } from '../../src/hooks/runner.ts';
import { createNoneSandbox } from '../../src/sandbox/none.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'hew-hooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const where = () => ({ sandbox: createNoneSandbox(), cwd: dir, signal: new AbortController().signal });

describe('createHookRunner', () => {
  it('is undefined when no hook is configured', () => {
    expect(createHookRunner(undefined)).toBeUndefined();
    expect(createHookRunner({ on_finish: [] })).toBeUndefined();
  });

  it('gives the event as JSON on stdin, with the hook name and run id', async () => {
    const hooks = createHookRunner({ before_command: 'cat > event.json' }, { runId: 'r-1' });
    const r = await hooks?.run('before_command', { command: 'ls', cwd: '/x' }, where());
    expect(r?.ok).toBe(true);
    expect(JSON.parse(readFileSync(path.join(dir, 'event.json'), 'utf8'))).toEqual({ hook: 'before_command', run_id: 'r-1', command: 'ls', cwd: '/x' });
    expect(hooks?.has('after_patch')).toBe(false);
    expect(await hooks?.run('after_patch', {}, where())).toBeNull();
  });

  it('runs a list in order and stops at the first failure', async () => {
    const logged: string[] = [];
    const hooks = createHookRunner({ after_patch: ['echo one', 'echo two; exit 4', 'echo three'] }, { log: (t) => logged.push(t) });
    const r = await hooks?.run('after_patch', { changes: [] }, where());
    expect(r).toMatchObject({ hook: 'after_patch', command: 'echo two; exit 4', exitCode: 4, ok: false, output: 'one\ntwo\n' });
    expect(logged).toHaveLength(2);
    expect(logged[1]).toContain('[hook after_patch] exit 4');
    expect(describeHookFailure(r!)).toBe('the after_patch hook `echo two; exit 4` exited with code 4');
  });

  it('caps the output and times out', async () => {
    const hooks = createHookRunner({ on_finish: 'seq 1 100000; sleep 30' }, { timeoutMs: 500 });
    const r = await hooks?.run('on_finish', {}, where());
    expect(r?.timedOut).toBe(true);
    expect(r?.exitCode).toBe(124);
    expect(Buffer.byteLength(r?.output ?? '')).toBeLessThan(HOOK_OUTPUT_CAP_BYTES + 200);
    expect(describeHookFailure(r!)).toContain('timed out');
  });
});
