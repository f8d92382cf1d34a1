// Lossless path strings (path-bytes.ts) as tables: what bytes decode to, what must never collide,
// the round trip over random byte strings, and the display form — checked against git's own quoting
// (`git -c core.quotePath=false ls-files`) in a real repository.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePath, encodePath, fsPath, isPlainPath, quotePath, unquotePath } from '../../src/workcopy/path-bytes.ts';
import { git, tempDir } from '../support/fixtures.ts';

const hex = (h: string): Buffer => Buffer.from(h.replace(/ /g, ''), 'hex');

describe('decodePath', () => {
  const table: [string, string, string][] = [
    ['ASCII', '61 2f 62 2e 74 78 74', 'a/b.txt'],
    ['valid UTF-8 stays as it is', '63 61 66 c3 a9', 'café'],
    ['a 4-byte character', 'f0 9f 98 80', '\u{1f600}'],
    ['a real U+FFFD stays U+FFFD', '63 61 66 ef bf bd', 'caf\ufffd'],
    ['latin-1 é', '63 61 66 e9', 'caf\udce9'],
    ['latin-1 è', '63 61 66 e8', 'caf\udce8'],
    ['a lone continuation byte', '80', '\udc80'],
    ['an overlong slash', 'c0 af', '\udcc0\udcaf'],
    ['an encoded surrogate is not a character', 'ed b2 80', '\udced\udcb2\udc80'],
    ['past U+10FFFF', 'f4 90 80 80', '\udcf4\udc90\udc80\udc80'],
    ['a truncated sequence then ASCII', 'e2 82 41', '\udce2\udc82A'],
    ['a character then an escaped byte', 'f0 9f 98 80 ff', '\u{1f600}\udcff'],
  ];
  it.each(table)('%s', (_name, bytes, expected) => {
    expect(decodePath(hex(bytes))).toBe(expected);
    expect(encodePath(expected).equals(hex(bytes))).toBe(true);
  });

  it('never decodes two different names alike (the names that both became caf\\ufffd.txt)', () => {
    const names = ['63 61 66 e9', '63 61 66 e8', '63 61 66 c3 a9', '63 61 66 ef bf bd'].map((h) => decodePath(hex(h)));
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('encodePath', () => {
  it.each([
    ['a lone high surrogate', 'a\ud800b'],
    ['a low surrogate below the escape range', 'a\udc41'],
  ])('refuses %s (never produced by decodePath)', (_name, s) => {
    expect(() => encodePath(s)).toThrow(/not a lossless path/);
  });
});

describe('the round trip, over random byte strings', () => {
  let seed = 12345;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0; // a fixed sequence: the same strings every run
    return seed >>> 16;
  };
  const samples = Array.from({ length: 2000 }, () => {
    const len = next() % 24;
    // biased to high bytes and UTF-8 lead bytes, where the edge cases are
    return Buffer.from(Array.from({ length: len }, () => (next() % 3 === 0 ? next() % 128 : 0x80 + (next() % 128))));
  });
  it('encodePath(decodePath(b)) is b, and decodePath is plain exactly when b is valid UTF-8', () => {
    for (const b of samples) {
      const s = decodePath(b);
      expect(encodePath(s).equals(b)).toBe(true);
      expect(isPlainPath(s)).toBe(Buffer.from(b.toString('utf8'), 'utf8').equals(b));
      expect(decodePath(encodePath(s))).toBe(s);
      expect(unquotePath(quotePath(s))).toBe(s);
    }
  });
  it('unquotePath reverses quotePath for names that need quoting and leaves bare names as they are', () => {
    for (const name of ['a/b.txt', 'café.txt', 'caf\udce9.txt', 'new\nline', 'esc\x1b[31mred', 'q"uote\\back', 'c1\u0085x', '\u{1f600}\udcff']) {
      expect(unquotePath(quotePath(name))).toBe(name);
    }
    expect(() => unquotePath('"unterminated')).toThrow(/not a quoted path/);
    expect(() => unquotePath('"bad \\q escape"')).toThrow(/not a quoted path/);
  });
  it('fsPath is the string for plain names and the exact bytes otherwise', () => {
    expect(fsPath('café.txt')).toBe('café.txt');
    expect(fsPath('caf\udce9.txt')).toEqual(Buffer.from('caf\xe9.txt', 'latin1'));
  });
});

describe('quotePath', () => {
  const shown: [string, string][] = [
    ['a/b.txt', 'a/b.txt'],
    ['café.txt', 'café.txt'],
    ['with space.txt', 'with space.txt'],
    ['caf\udce9.txt', '"caf\\351.txt"'],
    ['tab\there', '"tab\\there"'],
    ['new\nline', '"new\\nline"'],
    ['esc\x1b[31mred', '"esc\\033[31mred"'],
    ['quote"d', '"quote\\"d"'],
    ['back\\slash', '"back\\\\slash"'],
    ['del\x7f', '"del\\177"'],
    ['csi\u009b31m', '"csi\\302\\23331m"'],
    ['\u{1f600}\udcff', '"\u{1f600}\\377"'],
  ];
  it.each(shown)('%j is shown as %s', (p, expected) => expect(quotePath(p)).toBe(expected));
  it('never lets a control character or an escaped byte through', () => {
    for (const [p] of shown) {
      // eslint-disable-next-line no-control-regex -- the point
      expect(quotePath(p)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\udc80-\udcff]/);
    }
  });

  it('matches git -c core.quotePath=false for names git writes into a real repository', () => {
    const repo = tempDir('hew-quote-');
    git(repo, 'init', '-q');
    const latin1 = ['caf\xe9.txt', 'tab\there', 'new\nline', 'esc\x1b[31mred', 'quote"d', 'back\\slash', 'plain.txt'];
    const bytes = [Buffer.from('café.txt', 'utf8'), ...latin1.map((n) => Buffer.from(n, 'latin1'))];
    for (const b of bytes) writeFileSync(Buffer.concat([Buffer.from(`${repo}/`), b]), 'x');
    git(repo, 'add', '-A');
    const gitShown = execFileSync('git', ['-c', 'core.quotePath=false', 'ls-files'], { cwd: repo }).toString('latin1').split('\n').filter(Boolean);
    const ours = bytes.map((b) => Buffer.from(quotePath(decodePath(b)), 'utf8').toString('latin1'));
    // git leaves invalid UTF-8 raw with quotePath=false; hew quotes those bytes as git does with quotePath=true
    const quotedByGit = execFileSync('git', ['-c', 'core.quotePath=true', 'ls-files'], { cwd: repo }).toString('latin1').split('\n');
    const gitEscaped = quotedByGit.find((l) => l.startsWith('"caf\\351')) ?? '';
    expect(gitEscaped).toBe('"caf\\351.txt"');
    expect(ours).toContain(gitEscaped);
    const expected = gitShown.map((line) => (line === 'caf\xe9.txt' ? gitEscaped : line));
    expect([...ours].sort()).toEqual([...expected].sort());
  });
});
