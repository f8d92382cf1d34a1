import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PROCESSES, limitsPrologue, resolveLimits } from '../../src/sandbox/limits.ts';

/** Runs the prologue for real (bash on the host), after `setup` lowers some limits first, and reports the limits the command sees. */
function limitsSeen(limits: Parameters<typeof limitsPrologue>[0], setup = ''): string {
  const report = 'echo "$(ulimit -S -u) $(ulimit -H -u) $(ulimit -S -d) $(ulimit -H -d)"';
  return execFileSync('bash', ['-c', `${setup} exec "$@"`, 'outer', ...limitsPrologue(limits), 'bash', '-c', report], { encoding: 'utf8' }).trim();
}

describe('sandbox limits', () => {
  // [given, resolved]
  const table: [Parameters<typeof resolveLimits>[0], { processes: number; memoryMb: number }][] = [
    [undefined, { processes: DEFAULT_MAX_PROCESSES, memoryMb: DEFAULT_MAX_MEMORY_MB }],
    [{ processes: 100 }, { processes: 100, memoryMb: DEFAULT_MAX_MEMORY_MB }],
    [{ processes: 0, memoryMb: -1 }, { processes: DEFAULT_MAX_PROCESSES, memoryMb: DEFAULT_MAX_MEMORY_MB }],
    [{ processes: 1.5, memoryMb: Number.NaN }, { processes: DEFAULT_MAX_PROCESSES, memoryMb: DEFAULT_MAX_MEMORY_MB }],
  ];
  it.each(table)('resolves %j', (given, resolved) => {
    expect(resolveLimits(given)).toEqual(resolved);
  });

  it('defaults are high enough for real builds and finite', () => {
    expect(DEFAULT_MAX_PROCESSES).toBeGreaterThanOrEqual(4096);
    expect(DEFAULT_MAX_MEMORY_MB).toBeGreaterThanOrEqual(4096);
  });

  it('lowers the soft and hard limits, then execs the command with its arguments', () => {
    expect(limitsSeen({ processes: 300, memoryMb: 512 })).toBe(`300 300 ${512 * 1024} ${512 * 1024}`);
    const out = execFileSync('bash', ['-c', 'exec "$@"', 'outer', ...limitsPrologue({}), 'printf', '%s|', 'a b', "c'd"], { encoding: 'utf8' });
    expect(out).toBe("a b|c'd|");
  });

  it('never raises a limit that is already lower', () => {
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -S -u 100; ulimit -S -d 1024;')).toBe(`100 300 1024 ${512 * 1024}`);
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -u 50;')).toBe(`50 50 ${512 * 1024} ${512 * 1024}`);
  });
});
