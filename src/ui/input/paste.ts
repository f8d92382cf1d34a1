// Pasted text: long pastes (more than COLLAPSE_LINES lines) show as one placeholder such as
// "[pasted 42 lines #1]" in the input, and expand back to the full text on submit. A placeholder is
// deleted as a whole by Backspace.

const COLLAPSE_LINES = 10;

export interface Pastes {
  count: number;
  /** Placeholder → the pasted text. */
  blocks: Record<string, string>;
}

export const noPastes: Pastes = { count: 0, blocks: {} };

/** Terminals send Enter as CR; pasted text may carry CRLF. Both become LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** What to insert for a paste: the text itself, or a placeholder when it is long. */
export function pasteInsertion(pastes: Pastes, raw: string): { pastes: Pastes; insert: string } {
  const text = normalizeNewlines(raw);
  const lines = text.split('\n').length;
  if (lines <= COLLAPSE_LINES) return { pastes, insert: text };
  const count = pastes.count + 1;
  const placeholder = `[pasted ${lines} lines #${count}]`;
  return { pastes: { count, blocks: { ...pastes.blocks, [placeholder]: text } }, insert: placeholder };
}

/** The placeholder that ends right at `cursor`, if any (so Backspace removes it whole). */
export function placeholderBefore(text: string, cursor: number, pastes: Pastes): string | null {
  const before = text.slice(0, cursor);
  for (const placeholder of Object.keys(pastes.blocks)) if (before.endsWith(placeholder)) return placeholder;
  return null;
}

/** The text with every placeholder replaced by what was pasted. */
export function expandPastes(text: string, pastes: Pastes): string {
  let out = text;
  for (const [placeholder, content] of Object.entries(pastes.blocks)) out = out.split(placeholder).join(content);
  return out;
}
