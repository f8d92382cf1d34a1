// The two-step Ctrl-C of the headless fronts. The signals are emitted on `process` (what node does when
// one arrives) rather than sent, so no other process is touched whatever pool vitest uses; the exit
// and the writer are injected so nothing here ends the test run. The e2e tests (exec-faults,
// watch, batch, demo) send real ones to the built CLI.
import { afterEach, describe, expect, it } from 'vitest';
import { handleInterrupts } from '../../src/cli/interrupts.ts';

/** Delivers `signal` to this process's listeners, as node does when it arrives. */
async function send(signal: NodeJS.Signals): Promise<void> {
  process.emit(signal, signal);
  await Promise.resolve();
}

const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
afterEach(() => {
  expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
  expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
});

function setUp() {
  const said: string[] = [];
  const exits: number[] = [];
  const interrupts = handleInterrupts({ message: 'hew: interrupting\n', say: (t) => said.push(t), exit: (code) => exits.push(code) });
  return { said, exits, interrupts };
}

describe('handleInterrupts', () => {
  it('the first signal aborts and says so once; the second exits with 130', async () => {
    const { said, exits, interrupts } = setUp();
    try {
      expect(interrupts.signal.aborted).toBe(false);
      await send('SIGINT');
      expect(interrupts.signal.aborted).toBe(true);
      expect(interrupts.signal.reason).toBe('interrupt');
      expect(said).toEqual(['hew: interrupting\n']);
      expect(exits).toEqual([]);
      await send('SIGINT');
      expect(exits).toEqual([130]);
      expect(said).toEqual(['hew: interrupting\n']);
    } finally {
      interrupts.dispose();
    }
  });

  it('SIGTERM counts as Ctrl-C', async () => {
    const { exits, interrupts } = setUp();
    try {
      await send('SIGTERM');
      expect(interrupts.signal.aborted).toBe(true);
      await send('SIGINT');
      expect(exits).toEqual([130]);
    } finally {
      interrupts.dispose();
    }
  });

  it('installs one handler per signal and removes them on dispose (twice is harmless)', () => {
    const { interrupts } = setUp();
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT + 1);
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM + 1);
    interrupts.dispose();
    interrupts.dispose();
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
  });

  it('a front that throws leaves no handler installed', async () => {
    const front = async (): Promise<void> => {
      const interrupts = handleInterrupts({ message: '', say: () => {}, exit: () => {} });
      try {
        await Promise.resolve();
        throw new Error('the run could not be made');
      } finally {
        interrupts.dispose();
      }
    };
    await expect(front()).rejects.toThrow('the run could not be made');
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
    expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
  });
});
