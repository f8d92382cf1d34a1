// `/diff PATH`: which files of the run's diff a path names (review.ts filesAt), as a table.
import { describe, expect, it } from 'vitest';
import { filesAt } from '../../src/interactive/review.ts';

const file = (path: string, move_path?: string) => ({ path, stat: move_path !== undefined ? { move_path } : {} });
const files = [file('src/a.js'), file('src/lib/b.js'), file('src/lib/c.js'), file('old.txt', 'new.txt'), file('src/ab.js')];

describe('filesAt', () => {
  const cases: [string, string[]][] = [
    ['src/a.js', ['src/a.js']],
    ['src/lib', ['src/lib/b.js', 'src/lib/c.js']],
    ['src/lib/', ['src/lib/b.js', 'src/lib/c.js']],
    ['new.txt', ['old.txt']],
    ['old.txt', ['old.txt']],
    ['src/a', []], // a prefix of a name is not a folder
    ['nothing.js', []],
  ];
  it.each(cases)('%s', (path, want) => {
    expect(filesAt(files, path).map((f) => f.path)).toEqual(want);
  });
});
