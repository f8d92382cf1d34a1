// The typo guard's verdict: is a prompt word a near miss of a subcommand? Pure, tested as a table.
//
// A bare prompt such as `hew dif` would otherwise open a paid model session on the word "dif". The
// rule: a single bare word (letters, digits and `-`, no spaces) that is not itself a command and is,
// ignoring case, within a small edit distance of one is a typo. The distance allowed is 1 for commands of up to 4
// letters (diff, exec, runs, demo, help) and 2 for longer ones (apply, batch, watch, resume, ...).
// `hew fix` stays a prompt: "fix" is 3 edits from "diff" and farther from every other command. The
// user sends such a word as a prompt anyway with `hew -- WORD`.

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of two adjacent letters
 * (optimal string alignment), so `exce` is 1 edit from `exec`. Case-sensitive.
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The most edits a word may be from COMMAND and still count as a typo of it. */
function allowedDistance(command: string): number {
  return command.length <= 4 ? 1 : 2;
}

const BARE_WORD = /^[A-Za-z][A-Za-z0-9-]*$/;

/** The command WORD is a near miss of (the closest; the first listed on a tie), or undefined. */
export function nearCommand(word: string, commands: readonly string[]): string | undefined {
  if (!BARE_WORD.test(word)) return undefined;
  const lower = word.toLowerCase();
  let best: { command: string; distance: number } | undefined;
  for (const command of commands) {
    if (word === command) return undefined;
    const distance = editDistance(lower, command);
    if (distance <= allowedDistance(command) && (best === undefined || distance < best.distance)) best = { command, distance };
  }
  return best?.command;
}
