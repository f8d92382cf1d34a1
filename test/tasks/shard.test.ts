// --shard I/N: shards partition any list of task files exactly once, whatever the argument order.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisedTaskPath, parseShard, selectShard, shardOf } from '../../src/tasks/shard.ts';

const base = '/work/repo';
const files = Array.from({ length: 40 }, (_, i) => `tasks/${i % 3 === 0 ? 'sub/' : ''}task-${i}.md`);

function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('shards', () => {
  it.each([1, 2, 3, 5, 7])('shards 1/%i..N/N take every file exactly once', (n) => {
    const taken = Array.from({ length: n }, (_, i) => selectShard(files, { index: i + 1, count: n }, base));
    expect(taken.flat().sort()).toEqual([...files].sort());
    if (n > 1) expect(taken.filter((t) => t.length > 0).length).toBeGreaterThan(1);
  });

  it('gives each file the same shard under any argument order and spelling of its path', () => {
    const n = 4;
    const reference = new Map(files.map((f) => [f, shardOf(normalisedTaskPath(f, base), n)]));
    for (const seed of [1, 2, 3]) {
      const order = shuffled(files, seed);
      for (let i = 1; i <= n; i++) {
        for (const f of selectShard(order, { index: i, count: n }, base)) expect(reference.get(f)).toBe(i - 1);
      }
    }
    expect(normalisedTaskPath('./tasks/a.md', base)).toBe('tasks/a.md');
    expect(normalisedTaskPath(join(base, 'tasks/a.md'), base)).toBe('tasks/a.md');
    expect(shardOf(normalisedTaskPath('./tasks/a.md', base), 5)).toBe(shardOf('tasks/a.md', 5));
  });

  it('drops a file named twice', () => {
    expect(selectShard(['a.md', './a.md', 'b.md'], undefined, base)).toEqual(['a.md', 'b.md']);
  });

  it('parses I/N and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/3', '4/3', '1/0', '3', 'a/b', '-1/2', '1.5/3', '', '1/2/3']) {
      expect(() => parseShard(bad), bad).toThrow(/--shard: expected I\/N/);
    }
  });
});
