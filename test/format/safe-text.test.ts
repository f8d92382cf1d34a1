// The one sanitizer, as a table: what each kind of hostile character becomes, and what is left alone.
import { describe, expect, it } from 'vitest';
import { safeLine, safeOutputLine, safeStrings, safeText } from '../../src/format/safe-text.ts';

const ESC = '\u001b';

describe('safeText', () => {
  const cases: Array<[string, string, string]> = [
    ['plain text stays', 'hello, world', 'hello, world'],
    ['newline and tab stay', 'a\n\tb', 'a\n\tb'],
    ['unicode, emoji and joiners stay', 'ünïcødé ✓ 👩‍💻 می‌خواهم', 'ünïcødé ✓ 👩‍💻 می‌خواهم'],
    ['CSI cursor moves and erases are visible', `echo hidden ${ESC}[2K\r${ESC}[1A${ESC}[2Kls -la`, 'echo hidden ␛[2K␍␛[1A␛[2Kls -la'],
    ['OSC 52 clipboard write (BEL) is visible', `${ESC}]52;c;ZWNobyBwd24=\u0007`, '␛]52;c;ZWNobyBwd24=␇'],
    ['OSC 8 link (ST) is visible', `${ESC}]8;;http://evil/${ESC}\\click${ESC}]8;;${ESC}\\`, '␛]8;;http://evil/␛\\click␛]8;;␛\\'],
    ['colour is visible, not applied', `${ESC}[8mconcealed${ESC}[0m`, '␛[8mconcealed␛[0m'],
    ['a lone carriage return is visible', 'safe\rEVIL', 'safe␍EVIL'],
    ['CRLF shows its CR', 'a\r\nb', 'a␍\nb'],
    ['NUL, BEL, backspace, vertical tab, form feed', '\u0000\u0007\b\u000b\f', '␀␇␈␋␌'],
    ['DEL', 'a\u007fb', 'a␡b'],
    ['C1 CSI and OSC (one-byte forms)', '\u009b2K\u009d52;c;x\u009c', '⟨U+009B⟩2K⟨U+009D⟩52;c;x⟨U+009C⟩'],
    ['bidi override (Trojan Source)', 'access\u202e \u2066// check\u2069', 'access⟨U+202E⟩ ⟨U+2066⟩// check⟨U+2069⟩'],
    ['bidi embeddings and marks', '\u202a\u202b\u202c\u202d\u200e\u200f\u061c', '⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩'],
    ['zero-width space, word joiner, BOM, soft hyphen', 'a\u200bb\u2060c\ufeffd\u00ade', 'a⟨U+200B⟩b⟨U+2060⟩c⟨U+FEFF⟩d⟨U+00AD⟩e'],
    ['line and paragraph separators', 'a\u2028b\u2029c', 'a⟨U+2028⟩b⟨U+2029⟩c'],
    ['tag characters (invisible ASCII)', 'hi\u{e0041}\u{e0042}', 'hi⟨U+E0041⟩⟨U+E0042⟩'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('is idempotent and the same in pieces as whole (streamed text)', () => {
    const text = `a${ESC}]52;c;x\u0007\r\n\u202eb`;
    expect(safeText(safeText(text))).toBe(safeText(text));
    for (let cut = 0; cut <= text.length; cut++) expect(safeText(text.slice(0, cut)) + safeText(text.slice(cut))).toBe(safeText(text));
  });

  it('leaves nothing a terminal would interpret', () => {
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    // eslint-disable-next-line no-control-regex -- checking for control characters is the point
    expect(safeText(all).replace(/[\n\t]/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});

describe('safeLine', () => {
  const cases: Array<[string, string, string]> = [
    ['a one-line command stays', 'ls -la', 'ls -la'],
    ['a newline cannot fake a second line', 'true\n$ rm -rf ~', 'true␊$ rm -rf ~'],
    ['a tab is visible', 'a\tb', 'a␉b'],
    ['a file name with escapes', `x${ESC}[31mred.txt`, 'x␛[31mred.txt'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(safeLine(input)).toBe(expected);
  });
});

describe('safeOutputLine', () => {
  const cases: Array<[string, string, string]> = [
    ['colours of a test runner are dropped', `${ESC}[32mok${ESC}[0m 1 - passes`, 'ok 1 - passes'],
    ['tabs become two spaces', 'a\tb', 'a  b'],
    ['cursor movement is dropped whole', `${ESC}[1A${ESC}[2Kdone`, 'done'],
    ['OSC 52 is dropped whole', `${ESC}]52;c;eA==\u0007done`, 'done'],
    ['tput sgr0 leaves no (B', `${ESC}[31mFAIL${ESC}(B${ESC}[m x`, 'FAIL x'],
    ['a C1 colour leaves no 31m', '\u009b31mred\u009b0m', 'red'],
    ['a private mode leaves nothing', `${ESC}[?25lwait${ESC}[?25h`, 'wait'],
    ['a lone ESC and a carriage return are visible', `a\rc${ESC}`, 'a␍c␛'],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(safeOutputLine(input)).toBe(expected);
  });
});

describe('safeStrings', () => {
  it('makes every string of an event safe, names on one line, keys and non-strings kept', () => {
    const event = {
      type: 'thread.completed',
      exit_code: 0,
      files_changed: [{ path: `a\n${ESC}[2Kb`, kind: 'add', move_path: 'c\td' }],
      final_message: `done\n${ESC}]52;c;x\u0007`,
      nested: { list: ['\u202e', null, true] },
    };
    expect(safeStrings(event)).toEqual({
      type: 'thread.completed',
      exit_code: 0,
      files_changed: [{ path: 'a␊␛[2Kb', kind: 'add', move_path: 'c␉d' }],
      final_message: 'done\n␛]52;c;x␇',
      nested: { list: ['⟨U+202E⟩', null, true] },
    });
    expect(event.final_message).toContain(ESC); // the input is not changed
  });
});
