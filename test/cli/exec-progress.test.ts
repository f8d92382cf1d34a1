// exec's stderr by mode, with a fake clock: a terminal gets the elapsed line under a long command; a
// pipe never gets an escape sequence or a rewritten line, however long the command runs; --quiet
// shows errors and warnings only.
import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import type { TickerClock } from '../../src/cli/elapsed-ticker.ts';
import { execProgress } from '../../src/cli/exec-progress.ts';

const ev = (e: Record<string, unknown>): StampedEvent => ({ seq: 0, ts: '', ...e }) as unknown as StampedEvent;
const cmd = { id: 'c1', type: 'command_execution', command: 'sleep 10', cwd: '/repo', exit_code: null, aggregated_output: '', duration_ms: null };

function manualClock(): TickerClock & { tick(ms: number): void } {
  let now = 0;
  let fn: (() => void) | null = null;
  return {
    now: () => now,
    setInterval: (f) => ((fn = f), 1),
    clearInterval: () => (fn = null),
    tick(ms) {
      now += ms;
      fn?.();
    },
  };
}

function longCommand(isTTY: boolean, quiet = false): { text: string; deltas: boolean } {
  const chunks: string[] = [];
  const clock = manualClock();
  const progress = execProgress({ quiet, stderr: { isTTY, write: (t: string) => (chunks.push(t), true) } as never, env: { NO_COLOR: '1' }, clock });
  progress.sink(ev({ type: 'thread.started', thread_id: 'r', run_id: 'r', repo: '/repo', working_copy: '/repo', base_commit: null, model: 'm', provider: 'p', sandbox: { kind: 'bwrap', mode: 'workspace-write', network: false }, approval: 'never' }));
  const start = chunks.length;
  progress.sink(ev({ type: 'item.started', item: { ...cmd, status: 'in_progress' } }));
  for (let i = 0; i < 10; i++) clock.tick(1_000);
  progress.warn('hew: warning: careful\n');
  progress.info('hew: a note\n');
  progress.sink(ev({ type: 'item.completed', item: { ...cmd, status: 'completed', exit_code: 0, duration_ms: 10_000 } }));
  progress.close();
  return { text: chunks.slice(start).join(''), deltas: progress.deltas };
}

describe('execProgress', () => {
  it('a terminal: the elapsed line, erased before other lines and at the end; deltas asked for', () => {
    const { text, deltas } = longCommand(true);
    expect(deltas).toBe(true);
    expect(text).toContain('› $ sleep 10 · in .\n');
    expect(text).toContain('\r\u001b[2K  … running 10s');
    expect(text).toContain('\r\u001b[2Khew: warning: careful\n');
    expect(text.endsWith('  ✓ exit 0 · 10.0s\n')).toBe(true);
  });

  it('a pipe: plain lines only, no escape or carriage return, no deltas', () => {
    const { text, deltas } = longCommand(false);
    expect(deltas).toBe(false);
    expect(text).toBe('› $ sleep 10 · in .\nhew: warning: careful\nhew: a note\n  ✓ exit 0 · 10.0s\n');
  });

  it('--quiet on a terminal: warnings only, no elapsed line, no deltas', () => {
    const { text, deltas } = longCommand(true, true);
    expect(deltas).toBe(false);
    expect(text).toBe('hew: warning: careful\n');
  });
});
