// Finds the line of a key in TOML text, so a validation error can say `config.toml:LINE`. A small
// scanner over `[table]` / `[[array]]` headers and `key = value` lines: good enough for the common
// cases (no multi-line strings or inline tables spanning lines); it answers undefined when unsure.

/** Splits a dotted key (`a."b.c".d`) into its parts, without quotes. */
export function splitDottedKey(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of text.trim()) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '.') {
      parts.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current.trim());
  return parts;
}

const HEADER = /^\s*\[\[?([^\]]+)\]\]?\s*(#.*)?$/;
const KEY_LINE = /^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=/;

/**
 * The 1-based line where `path` is set: a `key =` line or header whose full path equals it, else the
 * first line inside it (`[providers.x]` for `providers`), else the nearest line setting an ancestor
 * (a table header or a key holding an inline table/array).
 */
export function lineOfKey(text: string, path: readonly (string | number)[]): number | undefined {
  const target = path.map(String);
  let table: string[] = [];
  let best: { line: number; depth: number } | undefined;
  let firstDescendant: number | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    const header = HEADER.exec(raw);
    if (header?.[1] !== undefined) {
      table = splitDottedKey(header[1]);
      consider(table, line);
      return;
    }
    const key = KEY_LINE.exec(raw);
    if (key?.[1] !== undefined) consider([...table, ...splitDottedKey(key[1])], line);
  });
  // A table named only through its subtables (`[providers.x]` for `providers`): its first mention.
  return best?.depth === target.length ? best.line : (firstDescendant ?? best?.line);

  function consider(full: string[], line: number): void {
    if (full.length > target.length) {
      if (target.every((part, i) => part === full[i])) firstDescendant ??= line;
      return;
    }
    if (!full.every((part, i) => part === target[i])) return;
    if (!best || full.length > best.depth) best = { line, depth: full.length };
  }
}
