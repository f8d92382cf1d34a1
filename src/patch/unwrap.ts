// Turns raw patch text into numbered lines, peeling off wrappers models put around patches:
// a Markdown fence (```diff … ```) and a shell heredoc (`apply_patch <<'EOF'` … `EOF`), as Codex's
// lenient mode does for the heredoc. Line numbers stay those of the text as sent.

export interface PatchLine {
  /** The line without its line ending (a trailing \r is dropped too). */
  text: string;
  /** 1-based line number in the text as sent. */
  no: number;
}

const FENCE_OPEN = /^(`{3,}|~{3,})[\w.+-]*$/;
const FENCE_CLOSE = /^(`{3,}|~{3,})$/;
const HEREDOC_OPEN = /^(?:apply_?patch\s*)?<<-?\s*(['"]?)([A-Za-z_]\w*)\1$/;

function isBlank(line: PatchLine): boolean {
  return line.text.trim() === '';
}

function trimBlankEnds(lines: PatchLine[]): PatchLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start]!)) start++;
  while (end > start && isBlank(lines[end - 1]!)) end--;
  return lines.slice(start, end);
}

/** Removes one wrapper layer (fence or heredoc) if present; null when there is none. */
function peelOnce(lines: PatchLine[]): PatchLine[] | null {
  const first = lines[0]?.text.trim();
  if (first === undefined) return null;
  const last = lines.length > 1 ? lines[lines.length - 1]!.text.trim() : undefined;
  if (FENCE_OPEN.test(first)) {
    const closed = last !== undefined && FENCE_CLOSE.test(last);
    return lines.slice(1, closed ? -1 : undefined);
  }
  const heredoc = HEREDOC_OPEN.exec(first);
  if (heredoc) {
    const closed = last !== undefined && last === heredoc[2];
    return lines.slice(1, closed ? -1 : undefined);
  }
  return null;
}

export function patchLines(text: string): PatchLine[] {
  let lines = trimBlankEnds(
    text
      .replace(/^\uFEFF/, '')
      .split('\n')
      .map((t, i) => ({ text: t.endsWith('\r') ? t.slice(0, -1) : t, no: i + 1 })),
  );
  // A fence may hold a heredoc or the other way round; two layers are the most seen in practice.
  for (let layer = 0; layer < 3; layer++) {
    const peeled = peelOnce(lines);
    if (peeled === null) break;
    lines = trimBlankEnds(peeled);
  }
  return lines;
}
