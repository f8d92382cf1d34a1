// End to end: `hew pick` on a best-of-N group made by `hew exec --attempts 3` (no check) against the
// scripted model. In a real terminal (tmux) exec names the group in a `hew pick` line; the picker shows
// the three attempts side by side, `d` shows the selected one's diff, → → Enter applies the third
// attempt into the repository (untouched until then) and records the user's pick. Without a terminal,
// exec says nothing of pick and `hew pick` prints the attempts table and how to take one, at once.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addAnswer, perAttempt } from '../support/attempts.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import { answer } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await closeWorlds();
});

const PROMPT = 'Write the answer into answer.txt.';

/** Three attempts, each writing its own answer.txt; one final message tries a terminal escape (an OSC 52 clipboard write). */
function threeAttempts() {
  return perAttempt([
    [addAnswer(['one']), answer('Wrote one.')],
    [addAnswer(['two', 'two']), answer('Wrote two.\u001b]52;c;aGk=\u0007 Done.')],
    [addAnswer(['three', 'three', 'three']), answer('Wrote three.')],
  ]);
}

interface AttemptRun {
  id: string;
  meta: { attempt?: { group: string; index: number; of: number }; chosen?: boolean; picked_by_user?: boolean };
}

function attemptRuns(world: World): AttemptRun[] {
  const dir = join(world.home.state, 'hew', 'runs');
  return readdirSync(dir).map((id) => ({ id, meta: JSON.parse(readFileSync(join(dir, id, 'meta.json'), 'utf8')) as AttemptRun['meta'] }));
}

describe('hew pick', () => {
  it('in a terminal: exec names the group, the picker shows the attempts side by side, → → Enter applies the third', async () => {
    const model = threeAttempts();
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const before = treeFingerprint(world.repo);
    tmux = startHewTui({ cwd: world.repo, home: { env: world.env }, args: ['exec', '--attempts', '3', PROMPT], width: 100, height: 40 });
    const execScreen = await tmux.waitFor(/\[exit \d+\]/);
    expect(execScreen).toContain('[exit 0]');
    const group = /hew pick (\d{8}-\d{6}-\w{4})/.exec(execScreen)?.[1];
    expect(group, execScreen).toBeDefined();
    tmux.kill();
    const runs = attemptRuns(world);
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.meta.attempt?.group === group)).toBe(true);
    const third = runs.find((r) => r.meta.attempt?.index === 3) as AttemptRun;
    const thirdAnswer = readFileSync(join(world.runDir(third.id), 'work', 'answer.txt'), 'utf8');

    tmux = startHewTui({ cwd: world.repo, home: { env: world.env }, args: ['pick'], width: 80, height: 30 });
    const screen = await tmux.waitForScreen(/Pick an attempt[\s\S]*#1[\s\S]*#3/);
    // Three narrow columns side by side on one row; the escape in a final message is shown, not obeyed.
    expect(screen.split('\n').some((l) => /#1.*#2.*#3/.test(l)), screen).toBe(true);
    expect(screen).toContain('★ chosen');
    expect(screen).not.toContain('\u001b]52');
    expect(tmux.history()).toMatch(/␛\]52;c;aGk=␇/);
    expect(screen).toContain('▸ #1');
    tmux.keys('Right');
    await tmux.waitForScreen(/▸ #2/);
    tmux.keys('Right');
    await tmux.waitForScreen(/▸ #3/);
    tmux.type('d');
    await tmux.waitForScreen(/file 1\/1 answer\.txt/);
    // The third attempt's own change (which behaviour it got depends on which attempt asked first).
    expect(tmux.screen()).toContain(`+${thirdAnswer.split('\n')[0]}`);
    tmux.type('q');
    await tmux.waitForScreen(/Pick an attempt[\s\S]*▸ #3/);
    // Nothing was written before Enter.
    expect(treeFingerprint(world.repo)).toBe(before);
    tmux.keys('Enter');
    const done = await tmux.waitFor(/\[exit \d+\]/);
    expect(done).toContain('[exit 0]');
    expect(done).toContain(`applied 1 file from run ${third.id}`);
    expect(readFileSync(join(world.repo, 'answer.txt'), 'utf8')).toBe(thirdAnswer);
    const after = attemptRuns(world);
    expect(after.find((r) => r.id === third.id)?.meta.picked_by_user).toBe(true);
    expect(after.filter((r) => r.meta.picked_by_user)).toHaveLength(1);
    // hew's own choice stays where the ranking put it (the smallest change: one line).
    expect(after.filter((r) => r.meta.chosen)).toHaveLength(1);
  });

  it('q leaves without applying (exit 0); the repository is untouched', async () => {
    const model = threeAttempts();
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    await world.hewOk(['exec', '--attempts', '3', PROMPT]);
    const before = treeFingerprint(world.repo);
    tmux = startHewTui({ cwd: world.repo, home: { env: world.env }, args: ['pick'], width: 80, height: 30 });
    await tmux.waitForScreen(/Pick an attempt[\s\S]*#3/);
    tmux.type('q');
    expect(await tmux.waitFor(/\[exit \d+\]/)).toContain('[exit 0]');
    expect(treeFingerprint(world.repo)).toBe(before);
    expect(attemptRuns(world).some((r) => r.meta.picked_by_user)).toBe(false);
  });

  it('with a check exec names no pick on a terminal; Enter on an attempt that conflicts writes nothing (exit 5) and records no pick', async () => {
    const model = threeAttempts();
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const task = join(world.dir, 'task.md');
    writeFileSync(task, `---\ncheck: test -s answer.txt\n---\n${PROMPT}\n`);
    tmux = startHewTui({ cwd: world.repo, home: { env: world.env }, args: ['exec', '--attempts', '3', '--task', task], width: 100, height: 40 });
    const execScreen = await tmux.waitFor(/\[exit \d+\]/);
    expect(execScreen).toContain('[exit 0]');
    expect(execScreen).toContain('attempts, best first (3):');
    expect(execScreen).not.toContain('hew pick');
    tmux.kill();
    // The user wrote their own answer.txt meanwhile: every attempt's added file conflicts with it.
    writeFileSync(join(world.repo, 'answer.txt'), 'mine\n');
    const before = treeFingerprint(world.repo);
    tmux = startHewTui({ cwd: world.repo, home: { env: world.env }, args: ['pick'], width: 80, height: 30 });
    await tmux.waitForScreen(/Pick an attempt[\s\S]*check passed/);
    tmux.keys('Enter');
    const done = await tmux.waitFor(/\[exit \d+\]/);
    expect(done).toContain('[exit 5]');
    expect(done).toMatch(/cannot apply run \S+: 1 conflict with your tree/);
    expect(done).toContain('conflict answer.txt');
    expect(treeFingerprint(world.repo)).toBe(before);
    expect(attemptRuns(world).some((r) => r.meta.picked_by_user)).toBe(false);
  });

  it('without a terminal: exec has no pick line; hew pick prints the attempts table and how to take one, exit 0', async () => {
    const model = threeAttempts();
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const exec = await world.hewOk(['exec', '--attempts', '3', PROMPT]);
    expect(exec.stderr).not.toContain('hew pick');
    const before = treeFingerprint(world.repo);
    const runs = attemptRuns(world);
    const chosen = runs.find((r) => r.meta.chosen) as AttemptRun;
    const pick = await world.hew(['pick', runs[0]?.id.slice(0, 18) ?? '']);
    expect(pick.code, pick.stderr).toBe(0);
    expect(pick.stdout).toContain('attempts, best first (3):');
    expect(pick.stdout).toMatch(new RegExp(`^  \\* +\\d +${chosen.id} +completed +no check +1 file \\+1 -0 .*chosen$`, 'm'));
    for (const r of runs) expect(pick.stdout).toContain(r.id);
    expect(pick.stdout).toContain(`hew apply ${chosen.id}`);
    expect(treeFingerprint(world.repo)).toBe(before);
    // A single run is no group: one line that says how to take it.
    const single = await world.hew(['pick', 'nothing-like-this']);
    expect(single.code).toBe(2);
    expect(single.stderr.trim().split('\n')).toHaveLength(1);
  });
});
