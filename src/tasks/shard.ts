// `--shard I/N` (1-based): a stable split of task files across N machines. A file belongs to shard
// `sha1(normalised relative path) mod N`, so every machine computes the same answer whatever order
// its arguments come in, and shards 1..N together hold every file exactly once.
import { createHash } from 'node:crypto';
import path from 'node:path';

export interface Shard {
  /** 1-based, as the user writes it. */
  index: number;
  count: number;
}

/** Parses `I/N` (1 ≤ I ≤ N); throws a RangeError that says what was expected. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : Number.NaN;
  const count = match ? Number(match[2]) : Number.NaN;
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new RangeError(`--shard: expected I/N with 1 ≤ I ≤ N (e.g. 2/3), got "${text}"`);
  }
  return { index, count };
}

/** The path as every machine spells it: relative to `base`, forward slashes, no `./`. */
export function normalisedTaskPath(file: string, base: string): string {
  const rel = path.relative(base, path.resolve(base, file)) || path.basename(file);
  return rel.split(path.sep).join('/');
}

/** The 0-based shard a normalised path belongs to among `count` shards. */
export function shardOf(normalisedPath: string, count: number): number {
  const digest = createHash('sha1').update(normalisedPath).digest();
  // 48 bits of the hash: exact in a double, and well spread for any N.
  return digest.readUIntBE(0, 6) % count;
}

/** The files of shard `shard` (order kept, duplicates dropped), by their path relative to `base`. */
export function selectShard(files: readonly string[], shard: Shard | undefined, base: string): string[] {
  const seen = new Set<string>();
  const picked: string[] = [];
  for (const file of files) {
    const key = normalisedTaskPath(file, base);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!shard || shardOf(key, shard.count) === shard.index - 1) picked.push(file);
  }
  return picked;
}
