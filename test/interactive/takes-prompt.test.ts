// The controller takes the next prompt as soon as the agent's turn has ended (turn.completed), though
// the turn may still be finishing (its summary being made, the working copy still being made after a
// quick answer): the view shows "ready" then, and a note typed at once must not be refused.
import { afterEach, describe, expect, it } from 'vitest';
import { closeSessions, startSession } from './harness.ts';

afterEach(closeSessions);

describe('takesPrompt', () => {
  it('is true from the turn.completed event on, and a prompt submitted then runs as the next turn', async () => {
    const s = await startSession([{ outputs: [{ text: 'First answer.' }] }, { outputs: [{ text: 'Second answer.' }] }]);
    expect(s.controller.takesPrompt()).toBe(true);
    let atTurnEnd: { busy: boolean; takes: boolean } | null = null;
    let submitted = false;
    // Listeners hear an event after the controller has seen it: this is the moment the view shows "ready".
    s.controller.subscribe((e) => {
      if (e.type !== 'turn.completed' || submitted) return;
      submitted = true;
      atTurnEnd = { busy: s.controller.busy(), takes: s.controller.takesPrompt() };
      s.controller.submit('one more thing');
    });
    s.controller.submit('first thing');
    await s.next((e) => e.type === 'notice.summary' && e.turn === 2, 60_000);
    expect(atTurnEnd).toEqual({ busy: false, takes: true });
    expect(s.events.some((e) => e.type === 'notice.warning' && /a turn is running/.test(e.message))).toBe(false);
    expect(JSON.stringify(s.server.requests[1]?.body)).toContain('one more thing');
  });

  it('is false while the agent is still working on the turn', async () => {
    const s = await startSession([{ outputs: [{ tool: 'shell', args: { command: 'sleep 2; echo done' } }] }, { outputs: [{ text: 'Ran it.' }] }]);
    s.controller.submit('run something');
    await s.next((e) => e.type === 'item.started' && e.item.type === 'command_execution', 60_000);
    expect(s.controller.takesPrompt()).toBe(false);
    s.controller.submit('too early');
    await s.next((e) => e.type === 'notice.warning' && /a turn is running/.test(e.message), 60_000);
    await s.next((e) => e.type === 'notice.summary', 60_000);
  });
});
