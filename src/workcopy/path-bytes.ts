// Repository paths are bytes; hew holds them as lossless strings. On Linux a file name is any bytes
// but `/` and NUL, and git stores them as they are — `caf\xe9.txt` (latin-1) is as good a name as
// `café.txt`. Decoding such a name as UTF-8 turns it into `caf\ufffd.txt`, which names no file and
// collides with every other name that decodes alike. So:
//
// - Lossless path string ("surrogateescape", as Python's PEP 383): decodePath turns bytes into a
//   string where valid UTF-8 stays as it is and each byte that is not part of valid UTF-8 becomes the
//   lone surrogate U+DC80+byte (bytes 0x80–0xFF only: ASCII always decodes). Valid UTF-8 never
//   encodes a surrogate, so no real name collides with an escaped one; encodePath reverses it exactly
//   (round trip for every byte string). Plain text (well-formed UTF-16) is unchanged both ways.
// - fsPath gives the value for a file-system call: the string itself when it is plain, its bytes
//   (a Buffer, which Node passes through untouched) when it holds an escaped byte — a string with a
//   lone surrogate would be written as U+FFFD. path-fs.ts wraps the fs calls on repository paths.
// - A lossless path can never be a command-line argument (Node encodes arguments as UTF-8): git gets
//   such paths on stdin, and git.ts refuses an argument holding one instead of mangling it.
// - quotePath is the one display form, for people, the model and the event stream: git's C-quoting
//   (`"caf\351.txt"`, octal escapes for the undecodable bytes, `\n` `\t` `\"` `\\` and friends for
//   controls) as git prints with core.quotePath=false: valid non-ASCII UTF-8 is shown as itself
//   (`café.txt`). Unlike git, C1 controls (U+0080–U+009F) are escaped too (their UTF-8 bytes in
//   octal), since a terminal may act on them. A plain name needing none of this is shown bare.
//   A display form is never used to find a file; the lossless string is.

/** First code point of a surrogate-escaped byte (U+DC80 for 0x80 … U+DCFF for 0xFF). */
const ESCAPE_BASE = 0xdc00;

/** Length of the valid UTF-8 sequence starting at `i` (strict: no overlong forms, surrogates or values past U+10FFFF), 0 if none. */
function sequenceLength(buf: Uint8Array, i: number): number {
  const b0 = buf[i] as number;
  if (b0 < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => {
    const b = buf[i + k];
    return b !== undefined && b >= lo && b <= hi;
  };
  if (b0 >= 0xc2 && b0 <= 0xdf) return cont(1) ? 2 : 0;
  if (b0 === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if (b0 === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0; // U+D800–U+DFFF are not characters
  if (b0 >= 0xe1 && b0 <= 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (b0 === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (b0 >= 0xf1 && b0 <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (b0 === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/** Bytes (a path, or git `-z` output holding paths) as a lossless string. */
export function decodePath(buf: Uint8Array): string {
  const fast = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString('utf8');
  if (!fast.includes('\ufffd') || Buffer.from(fast, 'utf8').equals(buf)) return fast;
  let out = '';
  let start = 0; // start of the current run of valid UTF-8
  let i = 0;
  while (i < buf.length) {
    const n = sequenceLength(buf, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += Buffer.from(buf.subarray(start, i)).toString('utf8') + String.fromCharCode(ESCAPE_BASE + (buf[i] as number));
    i += 1;
    start = i;
  }
  return out + Buffer.from(buf.subarray(start)).toString('utf8');
}

/** True when `p` holds no escaped byte (it is well-formed text, encoded as UTF-8 as it is). */
export function isPlainPath(p: string): boolean {
  return !LONE_SURROGATE.test(p);
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A lossless string back to its exact bytes. Throws on a lone surrogate decodePath never makes. */
export function encodePath(p: string): Buffer {
  if (isPlainPath(p)) return Buffer.from(p, 'utf8');
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = p.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a pair: an ordinary character
        continue;
      }
      throw new Error(`not a lossless path: a lone high surrogate at ${i}`);
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      if (c < ESCAPE_BASE + 0x80) throw new Error(`not a lossless path: a lone surrogate U+${c.toString(16).toUpperCase()} at ${i}`);
      parts.push(Buffer.from(p.slice(start, i), 'utf8'), Buffer.of(c - ESCAPE_BASE));
      start = i + 1;
    }
  }
  parts.push(Buffer.from(p.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** The value to hand a file-system call for a lossless path: the string when plain, its bytes otherwise. */
export function fsPath(p: string): string | Buffer {
  return isPlainPath(p) ? p : encodePath(p);
}

const NAMED_ESCAPES: Record<number, string> = { 7: 'a', 8: 'b', 9: 't', 10: 'n', 11: 'v', 12: 'f', 13: 'r', 0x22: '"', 0x5c: '\\' };

/** Characters that make a name quoted: C0 controls, `"`, `\`, DEL, C1 controls and escaped bytes. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const NEEDS_QUOTING = /[\u0000-\u001f"\\\u007f-\u009f\udc80-\udcff]/;

function octal(byte: number): string {
  return `\\${byte.toString(8).padStart(3, '0')}`;
}

/** How a lossless path is shown: bare when nothing in it needs escaping, else git's C-quoted form (see above). */
export function quotePath(p: string): string {
  if (!NEEDS_QUOTING.test(p)) return p;
  let out = '"';
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) out += `\\${named}`;
    else if (c < 0x20 || c === 0x7f) out += octal(c);
    else if (c >= 0x80 && c <= 0x9f) out += octal(0xc0 | (c >> 6)) + octal(0x80 | (c & 0x3f));
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < p.length) out += p.slice(i, ++i + 1); // a pair, as it is
    else if (c >= 0xdc80 && c <= 0xdcff) out += octal(c - ESCAPE_BASE);
    else out += p[i];
  }
  return `${out}"`;
}

const NAMED_BYTES: Record<string, number> = Object.fromEntries(Object.entries(NAMED_ESCAPES).map(([byte, name]) => [name, Number(byte)]));

/**
 * The lossless path a display form names: quotePath reversed (a bare name is itself; a quoted one has
 * its escapes turned back into bytes). For a result that only carries display forms (ApplyResult)
 * when the files themselves must be looked at. Throws on text quotePath never makes.
 */
export function unquotePath(shown: string): string {
  if (!shown.startsWith('"')) return shown;
  if (shown.length < 2 || !shown.endsWith('"')) throw new Error(`not a quoted path: ${shown}`);
  const body = shown.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      const cp = body.codePointAt(i) as number;
      const ch = String.fromCodePoint(cp);
      bytes.push(...encodePath(ch));
      i += ch.length - 1;
      continue;
    }
    const next = body[i + 1] ?? '';
    const named = NAMED_BYTES[next];
    if (named !== undefined) {
      bytes.push(named);
      i += 1;
    } else if (/^[0-3][0-7]{2}$/.test(body.slice(i + 1, i + 4))) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else throw new Error(`not a quoted path: ${shown}`);
  }
  return decodePath(Uint8Array.from(bytes));
}
