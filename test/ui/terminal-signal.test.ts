import { describe, expect, it } from 'vitest';
import type { TuiNotifications } from '../../src/protocol/interactive.ts';
import type { FocusState } from '../../src/ui/terminal/focus.ts';
import { BEL, notificationText, terminalEventOf, terminalOf, terminalSignal } from '../../src/ui/terminal/signal.ts';
import type { TerminalEvent, TerminalFacts } from '../../src/ui/terminal/signal.ts';
import { approval, stamp, started, usage } from './events.ts';

const plain: TerminalFacts = { osc9: null, multiplexer: null };
const iterm: TerminalFacts = { osc9: 'iterm', multiplexer: null };
const itermInTmux: TerminalFacts = { osc9: 'iterm', multiplexer: 'tmux' };
const plainInTmux: TerminalFacts = { osc9: null, multiplexer: 'tmux' };
const kittyInScreen: TerminalFacts = { osc9: 'kitty', multiplexer: 'screen' };

const osc9 = (text: string): string => `\u001b]9;${text}\u0007`;
const wrapped = (text: string): string => `\u001bPtmux;\u001b\u001b]9;${text}\u0007\u001b\\`;

describe('terminalSignal', () => {
  // focus × event × setting × terminal → nothing | bell | the bytes of an OSC 9.
  const table: [FocusState, TerminalEvent, TuiNotifications, TerminalFacts, string | null][] = [
    // Only a terminal known to be unfocused rings.
    ['unknown', 'turn.completed', 'bell', plain, null],
    ['unknown', 'approval.waiting', 'auto', iterm, null],
    ['focused', 'turn.completed', 'bell', plain, null],
    ['focused', 'approval.waiting', 'osc9', iterm, null],
    ['unfocused', 'turn.completed', 'bell', plain, BEL],
    // off is off.
    ['unfocused', 'turn.completed', 'off', plain, null],
    ['unfocused', 'approval.waiting', 'off', iterm, null],
    // Every ending but the person's own interrupt.
    ['unfocused', 'turn.failed', 'bell', plain, BEL],
    ['unfocused', 'turn.interrupted', 'bell', plain, BEL],
    ['unfocused', 'turn.interrupted_by_user', 'bell', plain, null],
    ['unfocused', 'turn.interrupted_by_user', 'osc9', iterm, null],
    ['unfocused', 'approval.waiting', 'bell', iterm, BEL],
    // auto: OSC 9 in a terminal known to show it, the bell elsewhere and behind a multiplexer.
    ['unfocused', 'turn.completed', 'auto', plain, BEL],
    ['unfocused', 'turn.completed', 'auto', iterm, osc9('hew: turn finished (project)')],
    ['unfocused', 'approval.waiting', 'auto', iterm, osc9('hew: approval needed (project)')],
    ['unfocused', 'turn.failed', 'auto', iterm, osc9('hew: turn failed (project)')],
    ['unfocused', 'turn.interrupted', 'auto', iterm, osc9('hew: turn interrupted (project)')],
    ['unfocused', 'turn.completed', 'auto', itermInTmux, BEL],
    ['unfocused', 'turn.completed', 'auto', plainInTmux, BEL],
    ['unfocused', 'turn.completed', 'auto', kittyInScreen, BEL],
    // osc9 asked for: sent wherever, wrapped for tmux's passthrough inside tmux.
    ['unfocused', 'turn.completed', 'osc9', plain, osc9('hew: turn finished (project)')],
    ['unfocused', 'turn.completed', 'osc9', itermInTmux, wrapped('hew: turn finished (project)')],
    ['unfocused', 'turn.completed', 'osc9', kittyInScreen, osc9('hew: turn finished (project)')],
  ];
  for (const [focus, event, setting, terminal, bytes] of table) {
    it(`${focus} · ${event} · ${setting} · ${terminal.osc9 ?? 'plain'}${terminal.multiplexer ? ` in ${terminal.multiplexer}` : ''} → ${JSON.stringify(bytes)}`, () => {
      const signal = terminalSignal({ focus, event, setting, terminal, label: 'project' });
      expect(signal?.bytes ?? null).toBe(bytes);
    });
  }
});

describe('notificationText', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'hew: turn finished'],
    ['', 'hew: turn finished'],
    ['  ', 'hew: turn finished'],
    ['project', 'hew: turn finished (project)'],
    // Control characters never reach the OSC string: BEL would end it, ESC start another sequence.
    ['a\u0007b\u001b]52;c;eA==\u0007', 'hew: turn finished (a␇b␛]52;c;eA==␇)'],
    ['x\u009d8;;http://evil\u009c', 'hew: turn finished (x⟨U+009D⟩8;;http://evil⟨U+009C⟩)'],
    ['a'.repeat(60), `hew: turn finished (${'a'.repeat(39)}…)`],
  ];
  for (const [label, text] of cases) {
    it(`${JSON.stringify(label)} → ${JSON.stringify(text)}`, () => {
      expect(notificationText('turn.completed', label)).toBe(text);
      // eslint-disable-next-line no-control-regex -- checking for control characters
      expect(text).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    });
  }
});

describe('terminalOf', () => {
  const cases: [NodeJS.ProcessEnv, TerminalFacts][] = [
    [{}, plain],
    [{ TERM: 'xterm-256color' }, plain],
    [{ TERM_PROGRAM: 'Apple_Terminal' }, plain],
    [{ TERM_PROGRAM: 'vscode' }, plain],
    [{ TERM_PROGRAM: 'iTerm.app' }, iterm],
    [{ TERM_PROGRAM: 'WezTerm' }, { osc9: 'wezterm', multiplexer: null }],
    [{ TERM_PROGRAM: 'ghostty' }, { osc9: 'ghostty', multiplexer: null }],
    [{ TERM: 'xterm-ghostty' }, { osc9: 'ghostty', multiplexer: null }],
    [{ TERM: 'xterm-kitty' }, { osc9: 'kitty', multiplexer: null }],
    [{ KITTY_WINDOW_ID: '1' }, { osc9: 'kitty', multiplexer: null }],
    [{ TERM_PROGRAM: 'tmux', TMUX: '/tmp/tmux-0/default,1,0' }, plainInTmux],
    [{ TERM_PROGRAM: 'iTerm.app', TMUX: '/tmp/tmux-0/default,1,0' }, itermInTmux],
    [{ TERM: 'xterm-kitty', STY: '1.pts-0.host' }, kittyInScreen],
  ];
  for (const [env, facts] of cases) {
    it(JSON.stringify(env), () => expect(terminalOf(env)).toEqual(facts));
  }
});

describe('terminalEventOf', () => {
  const ended = { type: 'turn.completed', turn: 1, usage: usage(1, 1), total_usage: usage(1, 1) } as const;
  const failed = (message: string) => ({ type: 'turn.failed', turn: 1, error: { message } }) as const;
  it('a turn that ended, by how', () => {
    expect(terminalEventOf(stamp(ended, 1), false)).toBe('turn.completed');
    expect(terminalEventOf(stamp(failed('model said no'), 1), false)).toBe('turn.failed');
    expect(terminalEventOf(stamp(failed('model said no'), 1), true)).toBe('turn.failed');
    expect(terminalEventOf(stamp(failed('interrupted'), 1), false)).toBe('turn.interrupted');
    expect(terminalEventOf(stamp(failed('interrupted'), 1), true)).toBe('turn.interrupted_by_user');
  });
  it('an approval that starts waiting; not one decided, nor other items and notices', () => {
    expect(terminalEventOf(stamp(started(approval('a1', { command: 'rm -rf /' })), 1), false)).toBe('approval.waiting');
    expect(terminalEventOf(stamp(started(approval('a1', {}, 'approved', 'completed')), 1), false)).toBeNull();
    expect(terminalEventOf(stamp({ type: 'turn.started', turn: 1 }, 1), false)).toBeNull();
    expect(terminalEventOf({ type: 'notice.warning', message: 'x' }, false)).toBeNull();
  });
});
