// Splitting a streaming answer where Markdown blocks end, so finished blocks can go to the transcript
// (and the terminal's scrollback) while the answer is still streaming: the live region then holds
// only the block being written, and the frame that completes a long answer stays cheap.
//
// A block ends at a blank line outside a code fence that is followed by a line starting with a
// non-space character (an indented line may continue a list item, so it is not a boundary).

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

/** The finished blocks at the start of `text` and the rest; `done` is '' when no block has ended. */
export function splitFinishedBlocks(text: string): { done: string; rest: string } {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  let fence: string | null = null;
  let seenContent = false;
  let cut = -1;
  let restFrom = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const m = FENCE.exec(line);
    if (m) {
      const marker = m[1] ?? '';
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      seenContent = true;
      continue;
    }
    if (line.trim() !== '') {
      seenContent = true;
      continue;
    }
    // A complete blank line outside a fence: a boundary when content came before and a non-indented
    // line follows.
    if (fence !== null || !seenContent || i >= lines.length - 1) continue;
    let j = i + 1;
    while (j < lines.length - 1 && (lines[j] ?? '').trim() === '') j++;
    const next = lines[j] ?? '';
    if (next !== '' && !/^\s/.test(next)) {
      cut = (starts[i] ?? 0) - 1;
      restFrom = starts[j] ?? text.length;
    }
    i = j - 1; // past the run of blank lines
  }
  if (cut < 0) return { done: '', rest: text };
  return { done: text.slice(0, cut), rest: text.slice(restFrom) };
}
