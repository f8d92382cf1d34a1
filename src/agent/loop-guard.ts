// Notices a model repeating the same failing tool call and says so in that call's output: a nudge in
// the conversation, not a stop. A call is "the same" when its tool name and its arguments (parsed,
// keys sorted, strings trimmed) match; it is nudged when it failed twice in a row or three times
// among the last calls.

const LOOP_WINDOW = 10;

interface Seen {
  key: string;
  failed: boolean;
  output: string;
}

export class LoopGuard {
  private readonly seen: Seen[] = [];
  private readonly window: number;

  constructor(window = LOOP_WINDOW) {
    this.window = window;
  }

  /** Records one finished call; returns the nudge to append to its output, or null. */
  record(name: string, args: string, failed: boolean, output: string): string | null {
    const key = `${name}\u0000${normaliseArguments(args)}`;
    this.seen.push({ key, failed, output });
    if (this.seen.length > this.window) this.seen.shift();
    if (!failed) return null;
    let inRow = 0;
    for (let i = this.seen.length - 1; i >= 0; i--) {
      const s = this.seen[i] as Seen;
      if (s.key !== key || !s.failed) break;
      inRow += 1;
    }
    const same = this.seen.filter((s) => s.key === key && s.failed);
    if (inRow < 2 && same.length < 3) return null;
    const times = Math.max(inRow, same.length);
    const sameResult = same.every((s) => s.output === output);
    return loopNudge(times, sameResult);
  }
}

function loopNudge(times: number, sameResult = true): string {
  return `[hew: this exact call has now failed ${times} times${sameResult ? ' with the same result' : ''}. Don't repeat it: read the error, check your assumptions (paths, names, the file's current content) and try a different approach.]`;
}

/** Arguments as a canonical string: JSON with sorted keys and trimmed strings; raw text when not JSON. */
export function normaliseArguments(args: string): string {
  try {
    return JSON.stringify(canonical(JSON.parse(args)));
  } catch {
    return args.trim();
  }
}

function canonical(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}
