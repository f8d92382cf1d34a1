// A command's output held in bounded memory, whatever the command prints: the first and the last
// `keepChars` characters are kept, and what lies between them is only counted (UTF-8 bytes and
// lines), never stored. The whole output is never built as one string.
//
// The result is the kept text with a one-line note where the middle was cut, plus the position of
// that note, so a later, smaller cut for the model (capCommandOutput) can count the dropped middle
// exactly instead of taking the note for output.

/** Characters kept at each end by default: 1 Mi (so at most ~2 MiB of text per command). */
const DEFAULT_KEEP_CHARS = 1024 * 1024;

/** Where the middle of an output was cut, and how much was cut. */
export interface OutputCut {
  /** Index in the output where the kept head ends (the note starts). */
  headEnd: number;
  /** Index in the output where the kept tail starts (the note ends). */
  tailStart: number;
  /** UTF-8 bytes dropped. */
  bytes: number;
  /** Newlines dropped. */
  lines: number;
}

export interface CapturedOutput {
  output: string;
  /** Present when the middle was cut. */
  cut?: OutputCut;
}

export function countNewlines(text: string, from = 0, to = text.length): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n += 1;
  return n;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export class OutputCapture {
  private readonly keep: number;
  private head = '';
  private headFull = false;
  /** Chunks after the head; whole chunks fall off the front once the rest holds `keep` characters. */
  private tail: string[] = [];
  private tailLength = 0;
  private totalBytes = 0;
  private totalLines = 0;
  private droppedChunks = false;

  constructor(keepChars: number = DEFAULT_KEEP_CHARS) {
    this.keep = Math.max(1, Math.floor(keepChars));
  }

  push(text: string): void {
    if (text === '') return;
    this.totalBytes += Buffer.byteLength(text, 'utf8');
    this.totalLines += countNewlines(text);
    let rest = text;
    if (!this.headFull) {
      let room = this.keep - this.head.length;
      if (room > 0 && room < rest.length && isHighSurrogate(rest.charCodeAt(room - 1))) room -= 1;
      if (rest.length <= room) {
        this.head += rest;
        return;
      }
      this.head += rest.slice(0, room);
      this.headFull = true;
      rest = rest.slice(room);
    }
    this.tail.push(rest);
    this.tailLength += rest.length;
    while (this.tail.length > 1 && this.tailLength - (this.tail[0] as string).length >= this.keep) {
      this.tailLength -= (this.tail.shift() as string).length;
      this.droppedChunks = true;
    }
  }

  /** The kept text, with a note where the middle was cut. */
  result(): CapturedOutput {
    let tail = this.tail.join('');
    if (!this.droppedChunks && tail.length <= this.keep) return { output: this.head + tail };
    let start = tail.length - this.keep;
    if (isLowSurrogate(tail.charCodeAt(start))) start += 1;
    tail = tail.slice(start);
    const keptBytes = Buffer.byteLength(this.head, 'utf8') + Buffer.byteLength(tail, 'utf8');
    const bytes = Math.max(0, this.totalBytes - keptBytes);
    const lines = Math.max(0, this.totalLines - countNewlines(this.head) - countNewlines(tail));
    const before = this.head.endsWith('\n') ? '' : '\n';
    const note = `${before}[hew: ${bytes} bytes (${lines} lines) of output cut here; only the first and last ${describeChars(this.keep)} are kept]\n`;
    const headEnd = this.head.length;
    return { output: this.head + note + tail, cut: { headEnd, tailStart: headEnd + note.length, bytes, lines } };
  }
}

function describeChars(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} Mi characters`;
  if (n % 1024 === 0) return `${n / 1024} Ki characters`;
  return `${n} characters`;
}
