// A count and its noun, singular for one and with an `s` otherwise: `1 file`, `0 files`, `3 runs`.
// The one form hew's lines use for a regular plural (an irregular one is written out where it is used).
// Pure; imports nothing.

/** `${n} ${word}` with `s` added unless n is 1. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
