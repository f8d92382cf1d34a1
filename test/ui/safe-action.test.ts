// The TUI's gate: every string of an event is made safe before the reducer stores it, names on one
// line; a command's output is left to its tail (which drops colours and keeps what `\r` leaves).
import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { safeAction } from '../../src/ui/state/safe-action.ts';

const ESC = '\u001b';
const stamp = { seq: 1, ts: '2026-01-01T00:00:00.000Z' };

describe('safeAction', () => {
  it('makes commands, paths, plans, errors and notices safe', () => {
    const command = safeAction({ ...stamp, type: 'item.completed', item: { id: 'c', type: 'command_execution', command: `a${ESC}[2K\rb`, cwd: '/w', aggregated_output: `${ESC}[32mok${ESC}[0m\r\n`, exit_code: 0, status: 'completed', duration_ms: 1 } } as StampedEvent);
    expect(command).toMatchObject({ item: { command: 'a␛[2K␍b', aggregated_output: `${ESC}[32mok${ESC}[0m\r\n` } });
    const change = safeAction({ ...stamp, type: 'item.completed', item: { id: 'f', type: 'file_change', status: 'completed', changes: [{ path: `x\ny${ESC}]52;c;e\u0007`, kind: 'add' }] } } as StampedEvent);
    expect(change).toMatchObject({ item: { changes: [{ path: 'x␊y␛]52;c;e␇' }] } });
    const diff = safeAction({ ...stamp, type: 'item.completed', item: { id: 'f', type: 'file_change', status: 'completed', changes: [{ path: 'a', kind: 'update', diff: `@@ -1,1 +1,1 @@\n-a\n+${ESC}]8;;http://x${ESC}\\b\u202e\r\n` }] } } as StampedEvent);
    expect(diff).toMatchObject({ item: { changes: [{ diff: '@@ -1,1 +1,1 @@\n-a\n+␛]8;;http://x␛\\b⟨U+202E⟩␍\n' }] } });
    const plan = safeAction({ ...stamp, type: 'item.updated', item: { id: 'p', type: 'todo_list', items: [{ text: `step\u202e1`, completed: false }] } } as unknown as StampedEvent);
    expect(plan).toMatchObject({ item: { items: [{ text: 'step⟨U+202E⟩1' }] } });
    expect(safeAction({ type: 'notice.error', message: `bad ${ESC}[1A` })).toEqual({ type: 'notice.error', message: 'bad ␛[1A' });
  });

  it('leaves streamed deltas to the reducer, which knows what they belong to', () => {
    const delta = { ...stamp, type: 'item.delta', id: 'm', text: `${ESC}[2K` } as StampedEvent;
    expect(safeAction(delta)).toBe(delta);
  });
});
