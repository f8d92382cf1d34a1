// Who wrote each ignored file (workcopy/ignored-groups.ts) and which paths apply_patch wrote
// (runs/patched-paths.ts), as tables; and the lines people see (cli/ignored-lines.ts).
import { describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { ignoredLines } from '../../src/cli/ignored-lines.ts';
import { patchedPaths } from '../../src/runs/patched-paths.ts';
import { groupIgnored, ignoredCount, type IgnoredWritten } from '../../src/workcopy/ignored-groups.ts';

describe('groupIgnored', () => {
  it.each([
    ['nothing', [], [], [], { edited: [], byCommands: [] }],
    ['apply_patch files named, wherever they are', ['.env', 'dist/a.js', 'dist/b/c.js'], ['.env', 'dist/a.js', 'dist/b/c.js'], [], { edited: ['.env', 'dist/a.js', 'dist/b/c.js'], byCommands: [] }],
    [
      'command files counted per top folder, top-level files each their own',
      ['debug.log', 'dist/a.js', 'dist/b/c.js', 'out/x'],
      [],
      [],
      { edited: [], byCommands: [{ path: 'debug.log', files: 1 }, { path: 'dist/', files: 2 }, { path: 'out/', files: 1 }] },
    ],
    [
      'mixed: a patched file is never counted in its folder',
      ['dist/a.js', 'dist/gen/1.js', 'dist/gen/2.js'],
      ['dist/a.js', 'src/tracked.js'],
      [],
      { edited: ['dist/a.js'], byCommands: [{ path: 'dist/', files: 2 }] },
    ],
    [
      'a symlink is its own entry, even where apply_patch once wrote',
      ['dist/etc', 'leak.log', 'dist/a.js'],
      ['leak.log'],
      ['dist/etc', 'leak.log'],
      { edited: [], byCommands: [{ path: 'dist/', files: 1 }, { path: 'dist/etc', files: 1, link: true }, { path: 'leak.log', files: 1, link: true }] },
    ],
  ] as [string, string[], string[], string[], IgnoredWritten][])('%s', (_name, paths, patched, links, expected) => {
    const got = groupIgnored(paths, new Set(patched), new Set(links));
    expect(got).toEqual(expected);
    expect(ignoredCount(got)).toBe(paths.length);
  });
});

function change(status: string, changes: { path: string; kind: string; move_path?: string }[]): StampedEvent {
  return { type: 'item.completed', item: { id: 'i', type: 'file_change', status, changes }, seq: 1, ts: '' } as StampedEvent;
}

describe('patchedPaths', () => {
  it.each([
    ['a completed add and update', [change('completed', [{ path: '.env', kind: 'add' }, { path: 'a/b.js', kind: 'update' }])], ['.env', 'a/b.js']],
    ['both ends of a move', [change('completed', [{ path: 'a.js', kind: 'move', move_path: 'dist/a.js' }])], ['a.js', 'dist/a.js']],
    ['a failed patch wrote nothing', [change('failed', [{ path: '.env', kind: 'add' }])], []],
    ['an absolute path is never taken', [change('completed', [{ path: '/etc/passwd', kind: 'add' }])], []],
    ['a path is normalised', [change('completed', [{ path: 'dist/./x/../y.js', kind: 'add' }])], ['dist/y.js']],
    [
      'other events are not file changes',
      [{ type: 'item.completed', item: { id: 'c', type: 'command_execution', status: 'completed', command: 'echo > .env', cwd: '', exit_code: 0, aggregated_output: '', duration_ms: 1 }, seq: 1, ts: '' } as StampedEvent],
      [],
    ],
  ] as [string, StampedEvent[], string[]][])('%s', (_name, events, expected) => {
    expect([...patchedPaths(events)].sort()).toEqual(expected);
  });
});

describe('ignoredLines', () => {
  it('names the edited files, one line per command folder, symlinks as never applied, all escaped', () => {
    const lines = ignoredLines(
      { edited: ['.env', 'a\u001b[31m.log'], byCommands: [{ path: 'dist/', files: 120 }, { path: 'x\ny.log', files: 1 }, { path: 'leak.log', files: 1, link: true }] },
      'RUN',
    );
    expect(lines).toEqual([
      '124 ignored files not applied (your .gitignore hides them; `hew apply RUN --include-ignored` takes them, symlinks excepted):',
      '  ignored .env',
      '  ignored a␛[31m.log',
      '  ignored dist/ (120 files written by commands)',
      '  ignored x␊y.log (written by a command)',
      '  ignored leak.log (a symlink a command made: never applied)',
    ]);
  });

  it('only symlinks left: says no apply takes them', () => {
    expect(ignoredLines({ edited: [], byCommands: [{ path: 'l.log', files: 1, link: true }] })[0]).toBe(
      '1 ignored file not applied (your .gitignore hides it; hew never applies a symlink written there):',
    );
  });

  it('nothing: no lines', () => {
    expect(ignoredLines({ edited: [], byCommands: [] })).toEqual([]);
  });
});
