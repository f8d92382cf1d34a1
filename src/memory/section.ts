// The section of an instructions file that hew owns: a line exactly `## Remembered by hew`, running
// to the next line that starts with `# ` or `## ` (or the end of the file). Its `- ` lines are the
// entries. Appending keeps everything else byte for byte (user edits inside the section too); the
// new entry goes after the section's last non-blank line. No dates: clean diffs, stable bytes.
// Pure text in, text out (docs/memory.md).

export const MEMORY_HEADING = '## Remembered by hew';

/** The longest entry hew accepts, in characters after normalising. */
export const MAX_ENTRY_CHARS = 300;

export interface MemoryEntry {
  /** The entry's text, without the `- `. */
  text: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface MemorySection {
  /** 0-based index of the heading line. */
  start: number;
  /** 0-based index one past the section's last non-blank line. */
  end: number;
  entries: MemoryEntry[];
  /** UTF-8 bytes of the section: the heading through its last non-blank line, with line ends. */
  bytes: number;
}

interface Lines {
  lines: string[];
  eol: '\n' | '\r\n';
}

function splitLines(content: string): Lines {
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const lines = content.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  return { lines, eol };
}

/** One line: surrounding space trimmed, every run of whitespace and control characters (newlines, NEL, escapes) one space, invisible format characters (bidi controls, zero-width space, tag characters) dropped, leading `-`/`*` bullets dropped. */
export function normaliseEntry(text: string): string {
  return text
    .replace(/(?![\u200c\u200d])\p{Cf}/gu, '')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim()
    .replace(/^(?:[-*]\s*)+/, '')
    .trim();
}

/** What two entries are compared by: NFKC, lower case, whitespace collapsed, a trailing `.` or `;` dropped. */
export function entryKey(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().replace(/[.;]+$/, '').trim();
}

/** The section in `content`, or null when there is no heading line. */
export function findSection(content: string): MemorySection | null {
  const { lines, eol } = splitLines(content);
  const start = lines.findIndex((l) => l.trimEnd() === MEMORY_HEADING);
  if (start === -1) return null;
  let stop = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (/^##? /.test(lines[i] as string)) {
      stop = i;
      break;
    }
  }
  let end = stop;
  while (end > start + 1 && (lines[end - 1] as string).trim() === '') end--;
  const entries: MemoryEntry[] = [];
  for (let i = start + 1; i < end; i++) {
    const m = /^\s*[-*]\s+(.*)$/.exec(lines[i] as string);
    if (m && (m[1] as string).trim() !== '') entries.push({ text: (m[1] as string).trim(), line: i + 1 });
  }
  const bytes = lines.slice(start, end).reduce((n, l) => n + Buffer.byteLength(l) + eol.length, 0);
  return { start, end, entries, bytes };
}

/** `content` with `- entry` added at the end of the section (made, after a blank line, when absent). Always ends with a line end. */
export function appendEntry(content: string, entry: string): string {
  const { lines, eol } = splitLines(content);
  const line = `- ${entry}`;
  const section = findSection(content);
  if (section) {
    lines.splice(section.end, 0, line);
  } else {
    if (lines.length > 0 && (lines.at(-1) as string).trim() !== '') lines.push('');
    lines.push(MEMORY_HEADING, '', line);
  }
  return `${lines.join(eol)}${eol}`;
}

export type Duplicate = { kind: 'entry'; line: number; text: string } | { kind: 'text'; line: number };

/** An entry with the same key, or a line (or run of lines) of the file that already says `entry`; null when new. */
export function findDuplicate(content: string, entry: string): Duplicate | null {
  const key = entryKey(entry);
  if (key === '') return null;
  const section = findSection(content);
  for (const e of section?.entries ?? []) {
    if (entryKey(e.text) === key) return { kind: 'entry', line: e.line, text: e.text };
  }
  // The whole file, its lines joined by one space, so a sentence wrapped over lines is found too.
  const { lines } = splitLines(content);
  const starts: number[] = [];
  let joined = '';
  for (const l of lines) {
    starts.push(joined.length);
    joined += `${entryKey(l)} `;
  }
  const at = wordMatch(joined, key);
  if (at === -1) return null;
  let index = 0;
  while (index + 1 < starts.length && (starts[index + 1] as number) <= at) index++;
  return { kind: 'text', line: index + 1 };
}

/** Where `key` first occurs in `text` as whole words (not inside a longer word: "tabs" is not in "tables"); -1 when nowhere. */
function wordMatch(text: string, key: string): number {
  const word = /[\p{L}\p{N}_]/u;
  for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1)) {
    const before = at === 0 ? '' : text.charAt(at - 1);
    const after = text.charAt(at + key.length);
    const startsInWord = word.test(key.charAt(0)) && before !== '' && word.test(before);
    const endsInWord = word.test(key.charAt(key.length - 1)) && after !== '' && word.test(after);
    if (!startsInWord && !endsInWord) return at;
  }
  return -1;
}

/**
 * `content` with its section cut to at most `maxBytes` (whole entries, the first ones kept) and one
 * line saying how many were left out; unchanged when it fits or there is no section.
 */
export function capSection(content: string, maxBytes: number): { text: string; omitted: number } {
  const section = findSection(content);
  if (!section || section.bytes <= maxBytes) return { text: content, omitted: 0 };
  const { lines, eol } = splitLines(content);
  let used = Buffer.byteLength(MEMORY_HEADING) + eol.length;
  let keep = section.start + 1;
  for (; keep < section.end; keep++) {
    const size = Buffer.byteLength(lines[keep] as string) + eol.length;
    if (used + size > maxBytes) break;
    used += size;
  }
  const omitted = section.entries.filter((e) => e.line - 1 >= keep).length;
  const note = `[hew: ${omitted} more remembered ${omitted === 1 ? 'entry' : 'entries'} not shown: this section is capped at ${maxBytes} bytes]`;
  const out = [...lines.slice(0, keep), note, ...lines.slice(section.end)];
  return { text: `${out.join(eol)}${eol}`, omitted };
}
