// Which probe failures are retried (a table), and the retry loop with an injected runner: a passing
// failure is tried again and the answer is the later one; a lasting failure is not; attempts run out.
import { describe, expect, it } from 'vitest';
import { probeSandbox } from '../../src/sandbox/probe.ts';
import type { ProbeRunner } from '../../src/sandbox/probe.ts';
import { isPassingFailure, probeRetryDelay } from '../../src/sandbox/probe-retry.ts';
import type { ProbeAttempt } from '../../src/sandbox/probe-retry.ts';

const failed = (stderr: string, extra: Partial<ProbeAttempt> = {}): ProbeAttempt => ({ code: 1, stderr, timedOut: false, ...extra });

describe('isPassingFailure', () => {
  it.each<[string, ProbeAttempt, boolean]>([
    ['killed by the probe timeout', { code: null, stderr: '', timedOut: true }, true],
    ['clone: EAGAIN', failed('bwrap: clone: Resource temporarily unavailable'), true],
    ['spawn EAGAIN', { code: null, stderr: '', error: 'spawn /usr/bin/bwrap EAGAIN', timedOut: false }, true],
    ['out of memory', failed('bwrap: Cannot allocate memory'), true],
    ['worked', { code: 0, stderr: '', timedOut: false }, false],
    ['namespaces blocked', failed('bwrap: Creating new namespace failed: Operation not permitted'), false],
    ['uid map', failed('bwrap: setting up uid map: Permission denied'), false],
    ['namespace limit', failed('bwrap: Creating new namespace failed: No space left on device'), false],
    ['not executable', { code: null, stderr: '', error: 'spawn /x/bwrap EACCES', timedOut: false }, false],
    ['some other exit', failed(''), false],
  ])('%s → %s', (_name, attempt, passing) => {
    expect(isPassingFailure(attempt)).toBe(passing);
  });

  it('waits 250 ms, then 1 s, then 1 s again', () => {
    const retry = { attempts: 5, timeoutMs: 1, delaysMs: [250, 1000] };
    expect([2, 3, 4, 5].map((n) => probeRetryDelay(retry, n))).toEqual([250, 1000, 1000, 1000]);
  });
});

/** A runner answering from a list, one entry per call. */
function scripted(answers: ProbeAttempt[]): ProbeRunner & { calls: number } {
  const runner = Object.assign(
    async (): Promise<ProbeAttempt & { ms: number }> => {
      const answer = answers[Math.min(runner.calls, answers.length - 1)] as ProbeAttempt;
      runner.calls += 1;
      return { ...answer, ms: 1 };
    },
    { calls: 0 },
  );
  return runner;
}

const OK: ProbeAttempt = { code: 0, stderr: '', timedOut: false };
const bwrapPath = process.execPath; // any executable file: the runner never runs it
const fast = { delaysMs: [0] };

describe('probeSandbox retries', () => {
  it('a timeout, then success: the sandbox is usable, on attempt 2', async () => {
    const runner = scripted([{ code: null, stderr: '', timedOut: true }, OK]);
    const probe = await probeSandbox({ platform: 'linux', bwrapPath, runner, retry: fast });
    expect(runner.calls).toBe(2);
    expect(probe).toMatchObject({ ok: true, kind: 'bwrap', path: bwrapPath });
    if (probe.ok) expect(probe.detail).toContain('attempt 2');
  });

  it('a lasting failure is not retried', async () => {
    const runner = scripted([failed('bwrap: Creating new namespace failed: Operation not permitted'), OK]);
    const probe = await probeSandbox({ platform: 'linux', bwrapPath, runner, retry: fast });
    expect(runner.calls).toBe(1);
    expect(probe.ok).toBe(false);
  });

  it('passing failures every time: gives up after the attempts, saying how many and why', async () => {
    const runner = scripted([{ code: null, stderr: '', timedOut: true }]);
    const probe = await probeSandbox({ platform: 'linux', bwrapPath, runner, retry: { ...fast, attempts: 3, timeoutMs: 50 } });
    expect(runner.calls).toBe(3);
    expect(probe.ok).toBe(false);
    if (!probe.ok) expect(probe.reason).toContain('did not finish within 50 ms (3 attempts)');
  });
});
