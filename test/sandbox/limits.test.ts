import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_MAX_PROCESSES, limitsPrologue, ownLimits, resolveLimits, type CurrentLimits } from '../../src/sandbox/limits.ts';

/** Runs the prologue for real (bash on the host), after `setup` lowers some limits first, and reports the limits the command sees. */
function limitsSeen(limits: Parameters<typeof limitsPrologue>[0], setup = '', current?: CurrentLimits | null): string {
  const report = 'echo "$(ulimit -S -u) $(ulimit -H -u) $(ulimit -S -d) $(ulimit -H -d)"';
  const prologue = current === undefined ? limitsPrologue(limits) : limitsPrologue(limits, current);
  return execFileSync('bash', ['-c', `${setup} exec "$@"`, 'outer', ...prologue, 'bash', '-c', report], { encoding: 'utf8' }).trim();
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

  it('never raises a limit that is already lower (limits worked out from the current ones, no subshell)', () => {
    // The command inherits the limits hew has; here the outer bash has them, and `current` says so.
    const lowSoft: CurrentLimits = { processes: { soft: 100, hard: null }, dataKib: { soft: 1024, hard: null } };
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -S -u 100; ulimit -S -d 1024;', lowSoft)).toBe(`100 300 1024 ${512 * 1024}`);
    const lowBoth: CurrentLimits = { processes: { soft: 50, hard: 50 }, dataKib: { soft: null, hard: null } };
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -u 50;', lowBoth)).toBe(`50 50 ${512 * 1024} ${512 * 1024}`);
    expect(limitsPrologue({}, lowBoth)[2]).not.toMatch(/\$\(/);
  });

  it('never raises a limit that is already lower (fallback when hew cannot read its own limits)', () => {
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -S -u 100; ulimit -S -d 1024;', null)).toBe(`100 300 1024 ${512 * 1024}`);
    expect(limitsSeen({ processes: 300, memoryMb: 512 }, 'ulimit -u 50;', null)).toBe(`50 50 ${512 * 1024} ${512 * 1024}`);
  });

  it('reads its own limits from /proc/self/limits', () => {
    const text = [
      'Limit                     Soft Limit           Hard Limit           Units     ',
      'Max data size             unlimited            unlimited            bytes     ',
      'Max processes             96367                96368                processes ',
    ].join('\n');
    expect(ownLimits(() => text)).toEqual({ processes: { soft: 96367, hard: 96368 }, dataKib: { soft: null, hard: null } });
    expect(ownLimits(() => 'Max data size 1048576 2097152 bytes\nMax processes 10 20 processes')).toEqual({
      processes: { soft: 10, hard: 20 },
      dataKib: { soft: 1024, hard: 2048 },
    });
    expect(ownLimits(() => 'garbage')).toBeNull();
    expect(ownLimits(() => { throw new Error('ENOENT'); })).toBeNull();
    expect(ownLimits()).not.toBeNull();
  });
});
