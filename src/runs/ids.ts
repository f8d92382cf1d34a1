// Run ids: `YYYYMMDD-HHMMSS-xxxx` — the UTC start time (so ids sort by time) and 4 random base36
// characters. Unique within this process (an id is never handed out twice); across processes the
// store's exclusive mkdir catches the rare clash and asks for another.
import { randomInt } from 'node:crypto';

const ID_PATTERN = /^\d{8}-\d{6}-[0-9a-z]{4}$/;
const issued = new Map<string, Set<string>>();

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The `YYYYMMDD-HHMMSS` part of an id, in UTC. */
function timePart(now: Date): string {
  return (
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}-` +
    `${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`
  );
}

function randomSuffix(): string {
  return randomInt(36 ** 4).toString(36).padStart(4, '0');
}

/** A new run id for `now`; never the same as an id this process issued before. */
export function newRunId(now: Date = new Date()): string {
  const stamp = timePart(now);
  let used = issued.get(stamp);
  if (used === undefined) {
    if (issued.size > 64) issued.clear(); // only recent seconds matter
    used = new Set();
    issued.set(stamp, used);
  }
  for (;;) {
    const id = `${stamp}-${randomSuffix()}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

/** True for strings shaped like a run id (also guards paths built from user input). */
export function isRunId(value: string): boolean {
  return ID_PATTERN.test(value);
}

/**
 * The run's `prompt_cache_key`: derived from its id alone, so every request of the run, and of each
 * later resume of it, carries the same key (nothing else needs recording).
 */
export function promptCacheKey(runId: string): string {
  return `hew-${runId}`;
}
