// The reducer's truthful status, as tables: a command is held (not running) while its approval
// waits; an approval records what decided it; the thread's tokens come from turn.completed and
// turn.failed (an interrupted turn's spending is kept); and the status line shows no "0 in / 0 out".
import { render } from 'ink-testing-library';
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import type { AgentEvent, Item } from '../../src/protocol/events.ts';
import { commandState } from '../../src/ui/components/command-card.tsx';
import { StatusLine } from '../../src/ui/components/status-line.tsx';
import { initialState } from '../../src/ui/state/initial.ts';
import { reduce } from '../../src/ui/state/reduce.ts';
import type { CommandView, ViewState } from '../../src/ui/state/types.ts';
import { approval, command, completed, stamp, started, usage } from './events.ts';
import { sessionInfo } from './fake-controller.ts';

function run(events: AgentEvent[], state: ViewState = initialState(sessionInfo())): ViewState {
  return events.reduce<ViewState>((s, e, i) => reduce(s, stamp(e, i + 1)), state);
}

const req = { tool: 'shell', command: 'npm test', cwd: '/home/dev/project', sandboxed: true, network: false, reason: 'untrusted' };

function liveCommand(s: ViewState, id: string): CommandView | undefined {
  const l = s.live.find((x) => x.id === id);
  return l?.kind === 'command' ? l.command : undefined;
}

describe('a command and its approval', () => {
  const turn: AgentEvent = { type: 'turn.started', turn: 1 };
  it.each<{ name: string; events: AgentEvent[]; state: ReturnType<typeof commandState> }>([
    { name: 'started, nothing asked', events: [turn, started(command('c1', 'npm test'))], state: 'running' },
    { name: 'its approval is asked', events: [turn, started(command('c1', 'npm test')), started(approval('a1', req))], state: 'waiting' },
    { name: 'an item.updated while asked', events: [turn, started(command('c1', 'npm test')), started(approval('a1', req)), { type: 'item.updated', item: command('c1', 'npm test') }], state: 'waiting' },
    { name: 'approved', events: [turn, started(command('c1', 'npm test')), started(approval('a1', req)), completed(approval('a1', req, 'approved', 'completed'))], state: 'running' },
    { name: 'denied (the command completes declined next)', events: [turn, started(command('c1', 'npm test')), started(approval('a1', req)), completed(approval('a1', req, 'denied', 'declined'))], state: 'running' },
  ])('$name: the live card is $state', ({ events, state }) => {
    const command = liveCommand(run(events), 'c1');
    expect(command && commandState(command)).toBe(state);
  });

  it('an approval asked for a later command holds that one, not an earlier one still running', () => {
    const s = run([{ type: 'turn.started', turn: 1 }, started(command('c1', 'sleep 5')), started(command('c2', 'npm test')), started(approval('a1', req))]);
    expect([liveCommand(s, 'c1')?.awaitingApproval, liveCommand(s, 'c2')?.awaitingApproval]).toEqual([undefined, true]);
  });

  it('the finished command is not held', () => {
    const s = run([{ type: 'turn.started', turn: 1 }, started(command('c1', 'npm test')), started(approval('a1', req)), completed(command('c1', 'npm test', { status: 'completed', exit_code: 0 }))]);
    const entry = s.transcript.at(-1);
    expect(entry?.kind === 'command' && commandState(entry.command)).toBe('succeeded');
  });

  const decided: { item: Item; decidedBy: string | undefined }[] = [
    { item: { ...approval('a1', req, 'approved', 'completed'), decided_by: 'rule' } as Item, decidedBy: 'rule' },
    { item: { ...approval('a1', req, 'approved', 'completed'), decided_by: 'approver' } as Item, decidedBy: 'approver' },
    { item: { ...approval('a1', req, 'approved_always', 'completed'), decided_by: 'approver' } as Item, decidedBy: 'approver' },
    { item: approval('a1', req, 'approved', 'completed'), decidedBy: undefined },
  ];
  it.each(decided)('an approval decided by $decidedBy keeps that in its transcript entry', ({ item, decidedBy }) => {
    const s = run([{ type: 'turn.started', turn: 1 }, started(approval('a1', req)), completed(item)]);
    const entry = s.transcript.at(-1);
    expect(entry?.kind).toBe('approval');
    expect(entry?.kind === 'approval' ? entry.decidedBy : 'none').toBe(decidedBy);
  });
});

describe("the thread's tokens", () => {
  const before = usage(1000, 100);
  const interrupted: AgentEvent = { type: 'turn.failed', turn: 2, error: { message: 'interrupted' }, usage: usage(500, 20), total_usage: usage(1500, 120) };
  it.each<{ name: string; events: AgentEvent[]; expected: ReturnType<typeof usage> }>([
    { name: 'before any turn ended', events: [{ type: 'turn.started', turn: 1 }], expected: usage(0, 0) },
    { name: 'after a turn', events: [{ type: 'turn.started', turn: 1 }, { type: 'turn.completed', turn: 1, usage: before, total_usage: before }], expected: before },
    { name: 'during the next turn: the totals so far', events: [{ type: 'turn.completed', turn: 1, usage: before, total_usage: before }, { type: 'turn.started', turn: 2 }], expected: before },
    { name: 'after an interrupt: what the cut turn spent too', events: [{ type: 'turn.completed', turn: 1, usage: before, total_usage: before }, { type: 'turn.started', turn: 2 }, interrupted], expected: usage(1500, 120) },
    { name: 'a turn.failed without usage keeps the totals', events: [{ type: 'turn.completed', turn: 1, usage: before, total_usage: before }, { type: 'turn.failed', turn: 2, error: { message: 'boom' } }], expected: before },
  ])('$name', ({ events, expected }) => {
    expect(run(events).status.usage).toEqual(expected);
  });

  it.each([
    { usage: usage(0, 0), shown: null },
    { usage: usage(1500, 120), shown: '1.5k in / 120 out' },
    { usage: usage(0, 7), shown: '0 in / 7 out' },
  ])('the status line shows $shown for $usage.input_tokens in, $usage.output_tokens out', ({ usage: u, shown }) => {
    const { lastFrame, unmount } = render(createElement(StatusLine, { activity: 'thinking', busy: true, turn: 1, turnStartedAt: 0, lastTurnMs: null, usage: u, cost: null, model: 'gpt-test', now: () => 1000 }));
    const frame = lastFrame() ?? '';
    unmount();
    if (shown === null) expect(frame).not.toMatch(/ in \/ .* out/);
    else expect(frame).toContain(shown);
  });

  it('an approval decided by the approver command keeps its reason, made safe; one it passed on shows why on the prompt', () => {
    const reason = 'not on the allow-list: rm \u001b[2J "}';
    const decidedItem = { ...approval('a1', req, 'denied', 'declined'), decided_by: 'approver_command', reason } as Item;
    const s = run([{ type: 'turn.started', turn: 1 }, started(approval('a1', req)), completed(decidedItem)]);
    const entry = s.transcript.at(-1);
    expect(entry?.kind === 'approval' && [entry.decidedBy, entry.reason]).toEqual(['approver_command', 'not on the allow-list: rm ␛[2J "}']);
    const passed = run([{ type: 'turn.started', turn: 1 }, started({ ...approval('a2', req), reason: 'your approver left this to you: hmm' } as Item)]);
    const live = passed.live.find((l) => l.kind === 'approval');
    expect(live?.kind === 'approval' && live.request.approver).toBe('your approver left this to you: hmm');
  });
});
