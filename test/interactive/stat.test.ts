// The per-file counts behind the end-of-turn summary and /diff, on a real working copy: edits, adds,
// deletes, a rename and a binary file, each with its own diff section; and the event hub's ordering.
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EventHub } from '../../src/interactive/hub.ts';
import type { InteractiveEvent } from '../../src/protocol/interactive.ts';
import { createWorkingCopy } from '../../src/workcopy/create.ts';
import { diffStat, fileDiffs, parseNumstat } from '../../src/workcopy/stat.ts';
import { git, tempDir } from '../support/fixtures.ts';

async function changedCopy() {
  const repo = join(tempDir('hew-stat-'), 'repo');
  git(tempDir(), 'init', '-q', '-b', 'main', repo);
  writeFileSync(join(repo, 'edit.txt'), 'one\ntwo\nthree\n');
  writeFileSync(join(repo, 'gone.txt'), 'bye\nbye\n');
  writeFileSync(join(repo, 'old-name.js'), 'export const same = 1;\n'.repeat(8));
  writeFileSync(join(repo, 'logo.bin'), Buffer.from([0, 1, 2, 3]));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'base');
  const copy = await createWorkingCopy(repo, join(tempDir('hew-stat-copy-'), 'work'));
  writeFileSync(join(copy.root, 'edit.txt'), 'one\n2\nthree\nfour\n');
  writeFileSync(join(copy.root, 'new file.md'), 'a\nb\nc\n');
  unlinkSync(join(copy.root, 'gone.txt'));
  renameSync(join(copy.root, 'old-name.js'), join(copy.root, 'new-name.js'));
  writeFileSync(join(copy.root, 'logo.bin'), Buffer.from([0, 1, 2, 3, 4, 0]));
  return copy;
}

describe('diffStat and fileDiffs', () => {
  it('counts lines per file, with kinds, renames and binary files, sorted by path', async () => {
    const copy = await changedCopy();
    expect(await diffStat(copy)).toEqual([
      { path: 'edit.txt', kind: 'update', added: 2, removed: 1, binary: false },
      { path: 'gone.txt', kind: 'delete', added: 0, removed: 2, binary: false },
      { path: 'logo.bin', kind: 'update', added: 0, removed: 0, binary: true },
      { path: 'new file.md', kind: 'add', added: 3, removed: 0, binary: false },
      { path: 'old-name.js', kind: 'move', move_path: 'new-name.js', added: 0, removed: 0, binary: false },
    ]);
  });

  it('gives each file its own diff section', async () => {
    const copy = await changedCopy();
    const diffs = await fileDiffs(copy);
    expect(diffs.map((d) => d.path)).toEqual(['edit.txt', 'gone.txt', 'logo.bin', 'new file.md', 'old-name.js']);
    for (const d of diffs) expect(d.diff.match(/^diff --git /gm)).toHaveLength(1);
    expect(diffs[0]?.diff).toContain('+four\n');
    expect(diffs[2]?.diff).toContain('Binary files');
    expect(diffs[4]?.diff).toContain('rename to new-name.js');
  });

  it('parses numstat records, renames included', () => {
    expect(parseNumstat('3\t1\ta.txt\0-\t-\tb.bin\x000\t0\t\0old\0new\0')).toEqual([
      { added: 3, removed: 1, binary: false, key: 'a.txt' },
      { added: 0, removed: 0, binary: true, key: 'b.bin' },
      { added: 0, removed: 0, binary: false, key: 'old\0new' },
    ]);
  });
});

describe('EventHub', () => {
  it('holds events until the first listener, then delivers in order, also events caused while delivering', () => {
    const hub = new EventHub();
    hub.emit({ type: 'notice.info', title: 'a', lines: [] });
    hub.emit({ type: 'notice.info', title: 'b', lines: [] });
    const seen: string[] = [];
    const late: string[] = [];
    hub.subscribe((e: InteractiveEvent) => {
      if (e.type !== 'notice.info') return;
      seen.push(e.title);
      if (e.title === 'a') hub.emit({ type: 'notice.info', title: 'from-a', lines: [] });
    });
    expect(seen).toEqual(['a', 'b', 'from-a']);
    const off = hub.subscribe((e) => e.type === 'notice.info' && late.push(e.title));
    hub.emit({ type: 'notice.info', title: 'c', lines: [] });
    off();
    hub.emit({ type: 'notice.info', title: 'd', lines: [] });
    expect(seen).toEqual(['a', 'b', 'from-a', 'c', 'd']);
    expect(late).toEqual(['c']);
  });
});
