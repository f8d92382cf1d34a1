// The one ANSI stripper: a table of sequences that must go whole (no `31m`, no `(B` left), and text that must stay.
import { describe, expect, it } from 'vitest';
import { stripAnsi, withoutUnfinishedEscape } from '../../src/format/ansi.ts';

const ESC = '\u001b';

describe('stripAnsi', () => {
  const stripped: Array<[string, string, string]> = [
    ['SGR colour and reset', `${ESC}[31mred${ESC}[0m`, 'red'],
    ['SGR with several parameters and the empty reset', `${ESC}[1;32mbold${ESC}[m`, 'bold'],
    ['SGR 256 colours', `${ESC}[38;5;196mx${ESC}[39m`, 'x'],
    ['SGR true colour with colons', `${ESC}[38:2::255:0:0mx`, 'x'],
    ['tput sgr0: charset selection then reset', `a${ESC}(B${ESC}[mb`, 'ab'],
    ['G1 charset and line drawing', `${ESC})0${ESC}(0qqq${ESC}(B`, 'qqq'],
    ['DEC screen test and UTF-8 selection', `${ESC}#8${ESC}%Gok`, 'ok'],
    ['cursor up and erase line', `a${ESC}[1A${ESC}[2Kb`, 'ab'],
    ['private modes: hide cursor, bracketed paste', `${ESC}[?25l${ESC}[?2004hx${ESC}[?25h`, 'x'],
    ['xterm modifyOtherKeys (CSI > … m)', `${ESC}[>4;2mx`, 'x'],
    ['C1 CSI colour', '\u009b31mred\u009b0m', 'red'],
    ['OSC title ended by BEL', `${ESC}]0;title\u0007after`, 'after'],
    ['OSC 52 clipboard write', `${ESC}]52;c;ZWNobyBwd24=\u0007done`, 'done'],
    ['OSC 8 link ended by ESC \\', `${ESC}]8;;http://evil/${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
    ['C1 OSC ended by C1 ST', '\u009d0;title\u009cafter', 'after'],
    ['DCS passthrough, payload and all', `${ESC}Ptmux;payload${ESC}\\after`, 'after'],
    ['APC string', `${ESC}_hidden${ESC}\\x`, 'x'],
    ['save and restore cursor, keypad modes', `${ESC}7${ESC}=x${ESC}>${ESC}8`, 'x'],
    ['reverse index and full reset', `${ESC}Mx${ESC}c`, 'x'],
  ];
  it.each(stripped)('%s', (_name, input, expected) => {
    const out = stripAnsi(input);
    expect(out).toBe(expected);
    expect([...out].filter((c) => c === ESC || (c >= '\u0080' && c <= '\u009f'))).toEqual([]);
  });

  const kept: Array<[string, string]> = [
    ['plain text', 'no escapes here'],
    ['brackets and digits that are not a sequence', 'a[31m] (B) #8 x'],
    ['newlines, tabs and carriage returns', 'a\tb\r\nc\n'],
    ['unicode', 'ünïcødé ✓ 👩‍💻'],
  ];
  it.each(kept)('keeps %s', (_name, input) => {
    expect(stripAnsi(input)).toBe(input);
  });

  it('an unterminated OSC loses its introducer, so nothing is left for a terminal to act on', () => {
    expect(stripAnsi(`${ESC}]52;c;eA==`)).toBe('52;c;eA==');
  });

  it('a string ends at another ESC or C1 control, as in a terminal: its introducer goes, the text after it stays', () => {
    expect(stripAnsi(`${ESC}]0;a\u0085b\u0007c`)).toBe('0;a\u0085b\u0007c');
  });

  it('takes linear time on a flood of C1 string introducers with no terminator (a command can print them)', () => {
    // Each introducer used to scan to the end of the output for a terminator: quadratic, tens of
    // seconds for 200,000 of them, with hew's event loop (and its Ctrl-C handler) blocked.
    for (const introducer of ['\u009d', '\u0090', '\u0098', '\u009e', '\u009f']) {
      const flood = `${introducer}x`.repeat(100_000);
      const started = performance.now();
      expect(stripAnsi(flood)).toBe(flood);
      expect(withoutUnfinishedEscape(flood.slice(0, 8192))).toBe(flood.slice(0, 8190));
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });

  it('is idempotent', () => {
    for (const [, input] of stripped) expect(stripAnsi(stripAnsi(input))).toBe(stripAnsi(input));
  });
});

describe('withoutUnfinishedEscape', () => {
  const cases: Array<[string, string, string]> = [
    ['a lone ESC at the end', `FAIL${ESC}`, 'FAIL'],
    ['a CSI with its parameters begun', `FAIL${ESC}[3`, 'FAIL'],
    ['a private mode begun', `x${ESC}[?25`, 'x'],
    ['a charset selection begun', `x${ESC}(`, 'x'],
    ['an OSC link whose terminator has not come', `x${ESC}]8;;http://x/`, 'x'],
    ['an OSC whose ESC \\ is half there', `x${ESC}]0;title${ESC}`, 'x'],
    ['a C1 CSI begun', 'x\u009b3', 'x'],
    ['finished sequences stay for stripAnsi', `x${ESC}[31m`, `x${ESC}[31m`],
    ['an ESC followed by text is not unfinished', `x${ESC}[31mred`, `x${ESC}[31mred`],
    ['plain text stays', 'x [3 ]8', 'x [3 ]8'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(withoutUnfinishedEscape(input)).toBe(expected);
  });
});
