// The tail of a Markdown text still streaming in, for the live region: the last `maxLines` source
// lines, with a code fence reopened when the cut falls inside a fenced block, so the tail still
// renders as code. The whole message is rendered once it completes.

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;

export function markdownTail(text: string, maxLines: number): { text: string; hidden: number } {
  const lines = text.split('\n');
  if (lines.length <= maxLines) return { text, hidden: 0 };
  const cut = lines.length - maxLines;
  let open: string | null = null;
  for (const line of lines.slice(0, cut)) {
    const m = FENCE.exec(line);
    if (!m) continue;
    if (open === null) open = line.trim();
    else if (m[1]?.[0] === open[0]) open = null;
  }
  const tail = lines.slice(cut);
  return { text: (open !== null ? [open, ...tail] : tail).join('\n'), hidden: cut };
}
