// Reviewing and taking a session's result: /diff shows each file's diff with its counts; /apply is the
// only thing that writes the user's repository (all or nothing: a conflict writes nothing); edits the
// user made meanwhile are reported; /discard removes the copy and /new starts over.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RepoWatcher } from '../../src/interactive/repo-watch.ts';
import { git, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { closeSessions, isType, requestInput, startSession } from './harness.ts';

afterEach(closeSessions);

const FIX = [{ outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] }, { outputs: [{ text: 'Fixed.' }] }];

describe('/diff and /apply', () => {
  it('/diff shows the change; /apply writes it into the repository, and only then', async () => {
    const s = await startSession(FIX);
    const before = treeFingerprint(s.repo);
    await s.turn('fix it');
    expect(treeFingerprint(s.repo)).toBe(before);

    const diff = await s.command('/diff', 'notice.diff');
    expect(diff.files).toHaveLength(1);
    const [file] = diff.files;
    expect(file?.path).toBe('src/date.js');
    expect(file?.stat).toEqual({ path: 'src/date.js', kind: 'update', added: 3, removed: 1, binary: false });
    expect(file?.diff).toMatch(/^diff --git a\/src\/date\.js b\/src\/date\.js\n/);
    expect(file?.diff).toContain('\n-  if (day < 1 || day > 31) return null;\n');
    expect(file?.diff).toContain('\n+  if (day < 1 || day > daysInMonth(year, month)) return null;\n');
    expect(treeFingerprint(s.repo)).toBe(before);

    const applied = await s.command('/apply', 'notice.apply');
    expect(applied).toMatchObject({ ok: true, applied: [{ path: 'src/date.js', action: 'update' }], conflicts: [] });
    expect(applied.message).toContain(s.repo);
    expect(readFileSync(join(s.repo, 'src/date.js'), 'utf8')).toContain('day > daysInMonth(year, month)');
    expect(treeFingerprint(s.repo)).not.toBe(before);
    // Only the working tree changed: nothing staged, HEAD where it was.
    expect(git(s.repo, 'status', '--porcelain')).toBe(' M src/date.js\n');
    expect(s.events.some((e) => e.type === 'notice.warning')).toBe(false);
    const meta = JSON.parse(readFileSync(join(s.store.runsDir, s.controller.info().runId, 'meta.json'), 'utf8'));
    expect(typeof meta.applied_at).toBe('string');

    // Applying again changes nothing.
    const again = await s.command('/apply', 'notice.apply');
    expect(again).toMatchObject({ ok: true, applied: [] });
    expect(again.message).toContain('already in your tree');
  });

  it('/apply with a conflicting edit in the repository writes nothing and lists the conflict', async () => {
    const s = await startSession(FIX);
    await s.turn('fix it');
    const path = join(s.repo, 'src/date.js');
    writeFileSync(path, readFileSync(path, 'utf8').replace('day > 31', 'day > 30'));
    const before = treeFingerprint(s.repo);
    s.controller.submit('/apply');
    const warning = await s.next(isType('notice.warning'));
    expect(warning.message).toContain('src/date.js');
    const result = await s.next(isType('notice.apply'));
    expect(result.ok).toBe(false);
    expect(result.applied).toEqual([]);
    expect(result.conflicts.map((c) => c.path)).toEqual(['src/date.js']);
    expect(result.message).toContain('nothing was written');
    expect(treeFingerprint(s.repo)).toBe(before);
  });

  it('/apply merges an edit elsewhere in the same file and says the user edited it', async () => {
    const s = await startSession(FIX);
    await s.turn('fix it');
    const path = join(s.repo, 'src/date.js');
    writeFileSync(path, readFileSync(path, 'utf8').replace('const year = Number(match[1]);', 'const year = Number(match[1]); // parsed'));
    s.controller.submit('/apply');
    const warning = await s.next(isType('notice.warning'));
    expect(warning.message).toMatch(/you edited 1 file the run also changed since it started: src\/date\.js; hew merged/);
    const result = await s.next(isType('notice.apply'));
    expect(result).toMatchObject({ ok: true, applied: [{ path: 'src/date.js', action: 'merge' }] });
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('// parsed');
    expect(text).toContain('daysInMonth(year, month)');
  });

  it('/discard removes the copy; prompts then wait for /new, which opens a new run', async () => {
    const s = await startSession([...FIX, { outputs: [{ text: 'fresh start' }] }]);
    await s.turn('fix it');
    const first = s.controller.info();
    const discarded = await s.command('/discard', 'notice.info');
    expect(discarded.title).toBe('Discarded');
    expect(existsSync(join(s.store.runsDir, first.runId, 'work'))).toBe(false);
    expect(s.events.find(isType('thread.completed'))).toMatchObject({ status: 'completed' });

    s.controller.submit('more please');
    expect((await s.next(isType('notice.warning'))).message).toContain('/new');
    expect((await s.command('/diff', 'notice.warning')).message).toContain('discarded');

    const reset = await s.command('/new', 'notice.reset');
    expect(reset.info.runId).not.toBe(first.runId);
    const started = await s.next(isType('thread.started'));
    expect(started.run_id).toBe(reset.info.runId);
    const summary = await s.turn('hello again');
    expect(summary).toMatchObject({ turn: 1, files: [] });
    expect(requestInput(s.server, 2).filter((i) => i.role === 'user')).toHaveLength(1);
    expect(await s.controller.quit()).toBe(0);
  });
});

describe('RepoWatcher', () => {
  it('sees the user edit a watched file, ignores writes hew announced, and forgets on reset', async () => {
    const dir = tempDir('hew-watch-');
    writeFileSync(join(dir, 'a.txt'), 'a\n');
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    const watcher = new RepoWatcher(dir, ['a.txt', 'b.txt']);
    try {
      expect(watcher.watchedDirs).toBe(1);
      watcher.expectWrites(['b.txt']);
      writeFileSync(join(dir, 'b.txt'), 'ours\n');
      writeFileSync(join(dir, 'a.txt'), 'theirs\n');
      const deadline = Date.now() + 30_000;
      while (watcher.editedAmong(['a.txt']).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(watcher.editedAmong(['a.txt', 'b.txt', 'c.txt'])).toEqual(['a.txt']);
      watcher.reset();
      expect(watcher.editedAmong(['a.txt'])).toEqual([]);
    } finally {
      watcher.close();
    }
  });
});
