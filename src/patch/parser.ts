// Parser of the Codex `apply_patch` format:
//
//   *** Begin Patch
//   *** Add File: path        followed by lines prefixed '+'
//   *** Delete File: path
//   *** Update File: path     optionally followed by `*** Move to: path`, then hunks:
//   @@ [context line]         ' ' context, '-' removed, '+' added lines; `*** End of File` may close a hunk
//   *** End Patch
//
// Lenient where the intent is plain: whitespace around markers, marker words in any case, a missing
// `*** End Patch`, wrappers (see unwrap.ts), blank lines between sections, the first hunk without
// `@@`, unified-diff headers (`@@ -1,3 +1,4 @@ ctx`), git's `\ No newline at end of file` (ignored),
// and blank lines inside an Add File.
// Trade-off: a line whose trimmed text is a marker is read as the marker even when it starts with
// a space, so a context line that literally reads `*** End of File` cannot be expressed.

import { PatchError } from './errors.ts';
import type { FileOp, Hunk, HunkLineOp, ParsedPatch } from './patch-types.ts';
import { patchLines } from './unwrap.ts';
import type { PatchLine } from './unwrap.ts';

const BEGIN = /^\*\*\*\s*Begin\s+Patch$/i;
const END = /^\*\*\*\s*End\s+Patch$/i;
const FILE_HEADER = /^\*\*\*\s*(Add|Delete|Update)\s+File\s*:\s*(.*)$/i;
const MOVE_TO = /^\*\*\*\s*Move\s+to\s*:\s*(.*)$/i;
const END_OF_FILE = /^\*\*\*\s*End\s+of\s+File$/i;
const UNIFIED_HEADER = /^@@\s*-\d+(?:,\d+)?\s+\+\d+(?:,\d+)?\s*@@(.*)$/;

const HEADERS_HINT = "'*** Add File: <path>', '*** Update File: <path>' or '*** Delete File: <path>'";
const LINE_PREFIX_HINT = "Every hunk line must start with ' ' (context), '-' (removed) or '+' (added)";

function quote(text: string): string {
  return JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text);
}

function isMarker(text: string): boolean {
  const t = text.trim();
  return FILE_HEADER.test(t) || END.test(t) || BEGIN.test(t) || MOVE_TO.test(t) || END_OF_FILE.test(t);
}

/** The context text of an `@@` header line, or null for a bare `@@`. */
function headerContext(trimmed: string): string | null {
  const unified = UNIFIED_HEADER.exec(trimmed);
  const rest = unified ? unified[1]! : trimmed.slice(2);
  const context = rest.trim();
  return context === '' ? null : context;
}

class BodyParser {
  private i = 0;
  private readonly lines: PatchLine[];

  constructor(lines: PatchLine[]) {
    this.lines = lines;
  }

  parse(): FileOp[] {
    const ops: FileOp[] = [];
    while (this.i < this.lines.length) {
      const line = this.lines[this.i]!;
      const t = line.text.trim();
      if (t === '') {
        this.i++;
        continue;
      }
      const header = FILE_HEADER.exec(t);
      if (header) {
        const path = this.requirePath(header[2]!, line, t);
        const kind = header[1]!.toLowerCase();
        this.i++;
        if (kind === 'add') ops.push(this.parseAdd(path, line.no));
        else if (kind === 'delete') ops.push({ kind: 'delete', path, patchLine: line.no });
        else ops.push(this.parseUpdate(path, line.no));
        continue;
      }
      if (END.test(t)) {
        this.skipEndThenBegin(line);
        continue;
      }
      throw new PatchError(this.unexpectedTopLevel(line, ops[ops.length - 1]));
    }
    return ops;
  }

  private requirePath(raw: string, line: PatchLine, t: string): string {
    const path = raw.trim();
    if (path === '') {
      throw new PatchError(`Invalid patch line ${line.no}: ${quote(t)} names no file. Write the path after the colon.`);
    }
    return path;
  }

  /** `*** End Patch` before the last line is accepted only when another `*** Begin Patch` follows. */
  private skipEndThenBegin(line: PatchLine): void {
    let j = this.i + 1;
    while (j < this.lines.length && this.lines[j]!.text.trim() === '') j++;
    const next = this.lines[j];
    if (next && BEGIN.test(next.text.trim())) {
      this.i = j + 1;
      return;
    }
    throw new PatchError(
      `Invalid patch line ${line.no}: '*** End Patch' must be the last line, but more text follows it ` +
        `(line ${next?.no ?? line.no + 1}). Put every file section between one '*** Begin Patch' and one '*** End Patch'.`,
    );
  }

  private unexpectedTopLevel(line: PatchLine, previous: FileOp | undefined): string {
    let hint = '';
    if (previous?.kind === 'add') hint = " Inside '*** Add File:' every line of the new file must start with '+'.";
    else if (/^(@@|[ +-])/.test(line.text)) hint = ` Hunk lines belong after an '*** Update File: <path>' header.`;
    if (BEGIN.test(line.text.trim())) hint = ' The patch has two Begin markers; send one patch.';
    return (
      `Invalid patch line ${line.no}: expected a file header (${HEADERS_HINT}) or '*** End Patch', ` +
      `got ${quote(line.text)}.${hint}`
    );
  }

  private parseAdd(path: string, patchLine: number): FileOp {
    const content: string[] = [];
    while (this.i < this.lines.length) {
      const text = this.lines[this.i]!.text;
      if (text.startsWith('+')) {
        content.push(text.slice(1));
      } else if (text.trim() === '' && this.nextNonBlankStartsWithPlus()) {
        content.push(''); // a blank line the model forgot to prefix, inside the new file
      } else {
        break;
      }
      this.i++;
    }
    return { kind: 'add', path, contents: content.length > 0 ? `${content.join('\n')}\n` : '', patchLine };
  }

  private nextNonBlankStartsWithPlus(): boolean {
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const text = this.lines[j]!.text;
      if (text.trim() !== '') return text.startsWith('+');
    }
    return false;
  }

  private parseUpdate(path: string, patchLine: number): FileOp {
    let movePath: string | null = null;
    this.skipBlank();
    const maybeMove = this.lines[this.i];
    const move = maybeMove ? MOVE_TO.exec(maybeMove.text.trim()) : null;
    if (maybeMove && move) {
      movePath = this.requirePath(move[1]!, maybeMove, maybeMove.text.trim());
      this.i++;
    }
    const hunks = this.parseHunks(path);
    if (hunks.length === 0 && movePath === null) {
      throw new PatchError(
        `Invalid patch line ${patchLine}: '*** Update File: ${path}' has no hunks. Add hunks that start with '@@' ` +
          `and hold ' ', '-' and '+' lines; to replace the whole file, use '*** Delete File: ${path}' then '*** Add File: ${path}'.`,
      );
    }
    return { kind: 'update', path, movePath, hunks, patchLine };
  }

  private skipBlank(): void {
    while (this.i < this.lines.length && this.lines[this.i]!.text.trim() === '') this.i++;
  }

  private parseHunks(path: string): Hunk[] {
    const hunks: Hunk[] = [];
    // `closed`: the open hunk ended with `*** End of File`, so only a new `@@` may follow.
    const state: { open: Hunk | null; closed: boolean } = { open: null, closed: false };
    const finish = (): void => {
      const { open } = state;
      if (open && open.lines.length === 0) {
        throw new PatchError(
          `Invalid patch line ${open.patchLine}: hunk ${hunks.length + 1} of '${path}' has no lines. ` +
            `After '@@' give the ' ' context, '-' removed and '+' added lines.`,
        );
      }
      if (open) hunks.push(open);
      state.open = null;
      state.closed = false;
    };
    for (; this.i < this.lines.length; this.i++) {
      const line = this.lines[this.i]!;
      const { text } = line;
      const t = text.trim();
      if (t === '' && (state.open === null || state.closed)) continue;
      if (END_OF_FILE.test(t)) {
        if (state.open === null || state.open.lines.length === 0) {
          throw new PatchError(`Invalid patch line ${line.no}: '*** End of File' must close a hunk of '${path}' that has lines.`);
        }
        state.open.endOfFile = true;
        state.closed = true;
        continue;
      }
      if (isMarker(text)) break;
      // git's marker; the file's final-newline state is kept anyway (see update.ts).
      if (text.startsWith('\\ No newline at end of file')) continue;
      if (text.startsWith('@@')) {
        // A raw check: ' @@ x' is a context line reading '@@ x'.
        finish();
        state.open = { context: headerContext(t), lines: [], endOfFile: false, patchLine: line.no };
        continue;
      }
      const op = text[0];
      if (op !== ' ' && op !== '-' && op !== '+' && t !== '') throw new PatchError(this.badHunkLine(line, path));
      if (state.closed) {
        throw new PatchError(
          `Invalid patch line ${line.no}: lines after '*** End of File' must start a new hunk with '@@' in '${path}'.`,
        );
      }
      if (state.open === null) {
        if (hunks.length > 0) throw new PatchError(this.badHunkLine(line, path));
        state.open = { context: null, lines: [], endOfFile: false, patchLine: line.no };
      }
      state.open.lines.push(t === '' ? { op: ' ', text: '' } : { op: op as HunkLineOp, text: text.slice(1) });
    }
    finish();
    return hunks;
  }

  private badHunkLine(line: PatchLine, path: string): string {
    return (
      `Invalid patch line ${line.no} in the update of '${path}': ${quote(line.text)}. ${LINE_PREFIX_HINT}; ` +
      `start a new hunk with '@@' or a new file section with ${HEADERS_HINT}.`
    );
  }
}

/** Parses patch text; throws PatchError naming the patch line and what was expected. */
export function parsePatch(text: string): ParsedPatch {
  const lines = patchLines(text);
  const first = lines[0];
  if (first === undefined) {
    throw new PatchError(
      "The patch is empty. Send the patch text: '*** Begin Patch', file sections, then '*** End Patch'.",
    );
  }
  if (!BEGIN.test(first.text.trim())) {
    const later = lines.find((l) => BEGIN.test(l.text.trim()));
    const where = later ? ` It appears at line ${later.no}: remove the text before it.` : '';
    throw new PatchError(
      `Invalid patch line ${first.no}: the patch must start with '*** Begin Patch', got ${quote(first.text)}.${where}`,
    );
  }
  let body = lines.slice(1);
  const last = body[body.length - 1];
  if (last && END.test(last.text.trim())) body = body.slice(0, -1);
  const ops = new BodyParser(body).parse();
  if (ops.length === 0) {
    throw new PatchError(
      `The patch changes nothing: it has no file sections. Add ${HEADERS_HINT} sections between the Begin and End markers.`,
    );
  }
  return { ops };
}
