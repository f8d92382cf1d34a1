// How a file line is compared with a patch line, from strict to loose, as Codex does:
// exactly, ignoring trailing whitespace, ignoring surrounding whitespace, and finally with
// typographic Unicode punctuation (dashes, quotes, odd spaces) read as its ASCII look-alike.

/** The pass, strict to loose: 0 exact, 1 trailing whitespace ignored, 2 trimmed, 3 Unicode look-alikes. */
export type MatchPass = 0 | 1 | 2 | 3;

const ASCII_LOOKALIKE: Record<string, string> = {};
for (const c of '\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D') ASCII_LOOKALIKE[c] = '-';
for (const c of '\u2018\u2019\u201A\u201B\u2032\uFF07') ASCII_LOOKALIKE[c] = "'";
for (const c of '\u201C\u201D\u201E\u201F\u2033\uFF02') ASCII_LOOKALIKE[c] = '"';
for (const c of '\u00A0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u202F\u205F\u3000') {
  ASCII_LOOKALIKE[c] = ' ';
}
for (const c of '\u200B\u200C\u200D\u2060\uFEFF') ASCII_LOOKALIKE[c] = '';
ASCII_LOOKALIKE['\u2026'] = '...';

const NON_ASCII_LOOKALIKE = new RegExp(`[${Object.keys(ASCII_LOOKALIKE).join('')}]`, 'g');

/** The line with typographic punctuation replaced by ASCII and surrounding whitespace removed. */
export function normalizeUnicode(line: string): string {
  return line.replace(NON_ASCII_LOOKALIKE, (c) => ASCII_LOOKALIKE[c] ?? c).trim();
}

export function linesMatch(fileLine: string, patchLine: string, pass: MatchPass): boolean {
  switch (pass) {
    case 0:
      return fileLine === patchLine;
    case 1:
      return fileLine.trimEnd() === patchLine.trimEnd();
    case 2:
      return fileLine.trim() === patchLine.trim();
    case 3:
      return normalizeUnicode(fileLine) === normalizeUnicode(patchLine);
  }
}
