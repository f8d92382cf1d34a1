// The pure parts of reproducing the user's staged changes: `diff --cached --raw -z` into index
// entries, `ls-files --stage -z` into conflict sides, and the `--index-info -z` input made of them.
import { describe, expect, it } from 'vitest';
import { indexInfo, parseStagedRaw, parseStageListing, type IndexEntry } from '../../src/workcopy/user-index.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const Z = '0'.repeat(40);

describe('parseStagedRaw', () => {
  it.each<[string, string, IndexEntry[], string[]]>([
    ['a modified file: its new blob', `:100644 100644 ${A} ${B} M\x00src/a.ts\x00`, [{ mode: '100644', sha: B, stage: 0, path: 'src/a.ts' }], []],
    ['an added executable', `:000000 100755 ${Z} ${B} A\x00run.sh\x00`, [{ mode: '100755', sha: B, stage: 0, path: 'run.sh' }], []],
    ['a deletion: mode 0 removes it', `:100644 000000 ${A} ${Z} D\x00old.txt\x00`, [{ mode: '0', sha: Z, stage: 0, path: 'old.txt' }], []],
    ['a type change to a symlink', `:100644 120000 ${A} ${B} T\x00link\x00`, [{ mode: '120000', sha: B, stage: 0, path: 'link' }], []],
    ['a conflict: removed, its sides come separately', `:000000 000000 ${Z} ${Z} U\x00f.txt\x00`, [{ mode: '0', sha: Z, stage: 0, path: 'f.txt' }], ['f.txt']],
    ['a path with a tab and a newline', `:100644 100644 ${A} ${B} M\x00we\tird\nname\x00`, [{ mode: '100644', sha: B, stage: 0, path: 'we\tird\nname' }], []],
    ['nothing staged', '', [], []],
  ])('%s', (_name, raw, entries, conflicted) => {
    expect(parseStagedRaw(raw)).toEqual({ entries, conflicted });
  });
});

describe('parseStageListing and indexInfo', () => {
  it('reads the sides of a conflict and writes them back with their stages', () => {
    const sides = parseStageListing(`100644 ${A} 1\tf.txt\x00100644 ${B} 2\tf.txt\x00`);
    expect(sides).toEqual([
      { mode: '100644', sha: A, stage: 1, path: 'f.txt' },
      { mode: '100644', sha: B, stage: 2, path: 'f.txt' },
    ]);
    expect(indexInfo([{ mode: '0', sha: Z, stage: 0, path: 'f.txt' }, ...sides])).toBe(`0 ${Z}\tf.txt\x00100644 ${A} 1\tf.txt\x00100644 ${B} 2\tf.txt\x00`);
  });
});
