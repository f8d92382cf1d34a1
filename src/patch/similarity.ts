// Finds where in a file a hunk that did not match was most likely meant to go: the window of
// file lines most similar (character-bigram Dice score per line) to the hunk's expected lines.
// Used only to build error messages, so it favours simplicity over precision.

import { normalizeUnicode } from './line-match.ts';

/** Work bound: file lines × compared hunk lines. */
const MAX_COMPARISONS = 400_000;

function bigrams(line: string): string[] {
  const s = normalizeUnicode(line).replace(/\s+/g, ' ');
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) out.push(s.slice(i, i + 2));
  if (s.length === 1) out.push(s);
  return out.sort();
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 && b.length === 0) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      common++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) {
      i++;
    } else {
      j++;
    }
  }
  return (2 * common) / (a.length + b.length);
}

/** Similarity of two lines in [0, 1], ignoring surrounding whitespace and typographic punctuation. */
export function lineSimilarity(a: string, b: string): number {
  return dice(bigrams(a), bigrams(b));
}

export interface NearestWindow {
  /** 0-based index of the window's first line. */
  start: number;
  length: number;
  /** Mean line similarity in [0, 1]. */
  score: number;
}

/** The window of `expected.length` file lines (fewer if the file is short) most like `expected`. */
export function nearestWindow(fileLines: readonly string[], expected: readonly string[]): NearestWindow | null {
  if (fileLines.length === 0 || expected.length === 0) return null;
  const width = Math.max(1, Math.min(expected.length, fileLines.length, Math.floor(MAX_COMPARISONS / fileLines.length)));
  const want = expected.slice(0, width).map(bigrams);
  const have = fileLines.map(bigrams);
  let best: NearestWindow | null = null;
  for (let start = 0; start + width <= fileLines.length; start++) {
    let total = 0;
    for (let k = 0; k < width; k++) total += dice(have[start + k]!, want[k]!);
    const score = total / width;
    if (best === null || score > best.score) best = { start, length: width, score };
  }
  if (best !== null && width < expected.length) {
    best.length = Math.min(expected.length, fileLines.length - best.start);
  }
  return best;
}
