// End to end through the built CLI: a scripted `hew exec` fixes the date-parser fixture, then
// `hew runs`, `diff`, `apply` (clean, again, conflicting), `apply --branch` and `discard` act on it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, git, treeFingerprint } from '../support/fixtures.ts';
import { dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';
import { fingerprint } from '../workcopy/fixtures.ts';

afterEach(closeWorlds);

const SAME_LINE = ['if (day < 1 || day > 31) return null;', 'if (day < 1 || day > 30) return null; // the user was here'] as const;

/** Runs the scripted four-step fix and returns the run id. */
async function fixedRun(world: World): Promise<string> {
  await world.serve(dateFixScript());
  const result = await world.hew(['exec', '--json', 'fix the date parser']);
  expect(result.code).toBe(0);
  const started = result.events()[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  await world.closeServer();
  return started.run_id;
}

function userTestsPass(repo: string): boolean {
  return spawnSync(process.execPath, ['test/date.test.js'], { cwd: repo, encoding: 'utf8' }).status === 0;
}

describe('hew runs / diff / apply / discard', () => {
  it('lists, diffs, applies (once, then as a no-op), and discards a run', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const id = await fixedRun(world);
    const gitBefore = treeFingerprint(join(repo, '.git'));

    const table = await world.hew(['runs']);
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    // The default model has a price, so the run has a cost.
    expect(header).toMatch(/^ID\s+STATUS\s+STARTED\s+FILES\s+COST\s+TITLE$/);
    expect(row).toMatch(new RegExp(`^${id}\\s+completed\\s+\\d\\d-\\d\\d \\d\\d:\\d\\d\\s+1\\s+\\$\\d+\\.\\d+\\s+fix the date pars`));
    const everywhere = (await world.hew(['runs', '--all'])).stdout.trimEnd().split('\n');
    expect(everywhere[0]).toMatch(/^ID\s+STATUS\s+STARTED\s+FILES\s+COST\s+REPO\s+TITLE$/);
    // With a REPO column an 80-column line cuts the title (the lines fit 80 columns in a pipe).
    expect(everywhere[1]).toMatch(new RegExp(`^${id}\\s+completed\\s.*\\s+1\\s+\\$\\d+\\.\\d+\\s+\\S*(date-parser|…\\S+)\\s+fix the d`));
    const listed = (await world.hew(['runs', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ id, status: 'completed', repo, title: 'fix the date parser', work_exists: true, files_changed: [{ path: 'src/date.js', kind: 'update' }] });
    // Another directory has no runs; --all still finds this one.
    const elsewhere = fixtureRepo('date-parser');
    expect((await world.hew(['runs', '--json'], { cwd: elsewhere })).stdout).toBe('');
    expect((await world.hew(['runs', '--all', '--json'], { cwd: elsewhere })).stdout).toContain(id);

    const diff = await world.hew(['diff']);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('--- a/src/date.js\n+++ b/src/date.js');
    expect(diff.stdout).toContain("+import { daysInMonth } from './days.js';");
    expect(diff.stdout).toContain('+  if (day < 1 || day > daysInMonth(year, month)) return null;');
    expect(diff.stdout).not.toContain('\u001b[');
    expect((await world.hew(['diff', id.slice(0, 17), '--stat'])).stdout).toMatch(/src\/date\.js \| +\d+ \+\+\+-/);

    expect(userTestsPass(repo)).toBe(false);
    const applied = await world.hew(['apply']);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toBe(`applied 1 file from run ${id}:\n  update src/date.js\n`);
    expect(userTestsPass(repo)).toBe(true);
    expect(treeFingerprint(join(repo, '.git'))).toBe(gitBefore);
    expect(git(repo, 'status', '--porcelain').trim()).toBe('M src/date.js');

    const again = await world.hew(['apply', id]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('nothing to apply: every change');
    expect((await world.hew(['runs'])).stdout).toContain('completed (applied)');

    const discarded = await world.hew(['discard', id]);
    expect(discarded.code).toBe(0);
    expect(discarded.stdout).toContain(`discarded run ${id}`);
    const runDir = world.runDir(id);
    expect(existsSync(join(runDir, 'work'))).toBe(false);
    expect(readFileSync(join(runDir, 'events.jsonl'), 'utf8')).toContain('thread.completed');
    expect(JSON.parse(readFileSync(join(runDir, 'meta.json'), 'utf8'))).toMatchObject({ id, status: 'completed' });
    expect((await world.hew(['discard', id])).stdout).toContain('already discarded');
    const gone = await world.hew(['diff', id]);
    expect(gone.code).toBe(2);
    expect(gone.stderr).toMatch(/working copy was discarded/);
    expect((await world.hew(['apply', id])).code).toBe(2);
    expect((await world.hew(['runs'])).stdout).toContain('completed (discarded)');
  });

  it('refuses a conflicting apply with exit 5 and leaves the whole tree byte for byte', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const id = await fixedRun(world);
    const file = join(repo, 'src/date.js');
    writeFileSync(file, readFileSync(file, 'utf8').replace(SAME_LINE[0], SAME_LINE[1]));
    const before = treeFingerprint(repo);

    const dry = await world.hew(['apply', '--dry-run']);
    expect(dry.code).toBe(5);
    const result = await world.hew(['apply', id]);
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`cannot apply run ${id}: 1 conflict with your tree; nothing was written`);
    expect(result.stderr).toMatch(/conflict src\/date\.js: the run and you changed the same lines/);
    expect(treeFingerprint(repo)).toBe(before);
    const json = await world.hew(['apply', '--json']);
    expect(json.code).toBe(5);
    expect(JSON.parse(json.stdout)).toMatchObject({ run_id: id, ok: false, conflicts: [{ path: 'src/date.js' }] });
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('apply --branch makes a branch on the base commit and leaves the working tree, index and HEAD alone', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const id = await fixedRun(world);
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const before = fingerprint(repo, { withTimes: true, exclude: (rel) => rel.startsWith('.git/objects') || rel.startsWith('.git/refs/heads') });

    const result = await world.hew(['apply', '--branch', 'hew/date-fix']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^created branch hew\/date-fix at [0-9a-f]{12}, on top of [0-9a-f]{12}/);
    expect(git(repo, 'rev-parse', 'hew/date-fix^').trim()).toBe(head);
    expect(git(repo, 'show', 'hew/date-fix:src/date.js')).toContain('daysInMonth(year, month)');
    expect(git(repo, 'log', '-1', '--format=%B', 'hew/date-fix')).toContain(`hew run ${id}`);
    expect(fingerprint(repo, { withTimes: true, exclude: (rel) => rel.startsWith('.git/objects') || rel.startsWith('.git/refs/heads') })).toEqual(before);
    expect(git(repo, 'rev-parse', 'main').trim()).toBe(head);
    expect(userTestsPass(repo)).toBe(false); // the user's files are untouched

    const taken = await world.hew(['apply', '--branch', 'hew/date-fix']);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('branch hew/date-fix already exists');
    // The branch checks out to a passing tree.
    execFileSync('git', ['checkout', '-q', 'hew/date-fix'], { cwd: repo });
    expect(userTestsPass(repo)).toBe(true);
  });

  it('names unknown runs and missing defaults as bad input (exit 2)', async () => {
    const world = await hewWorld().build();
    for (const args of [['diff'], ['apply'], ['discard'], ['diff', 'nope'], ['apply', '20990101']]) {
      const result = await world.hew(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/no runs for|no run matches/);
    }
    expect((await world.hew(['runs'])).stderr).toContain('no runs for');
  });
});
