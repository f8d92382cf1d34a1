// End to end: a run whose meta.json or events.jsonl is damaged. It is listed as damaged (not dropped),
// diff/apply/resume refuse it with one line and exit 2 (no stack trace), discard removes it — only its
// own directory, whatever the damaged file names — and resume refuses a transcript damaged before its
// last line but continues, with a note, after a torn last line (what a crash mid-write leaves).
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { dateFixScript } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';

afterEach(closeWorlds);

/** A finished run of the date fix; returns its id and directory. */
async function finishedRun(world: World): Promise<{ id: string; dir: string }> {
  await world.serve(dateFixScript());
  const result = await world.hew(['exec', '--json', 'fix the date parser']);
  expect(result.code).toBe(0);
  const started = result.events()[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  await world.closeServer();
  return { id: started.run_id, dir: world.runDir(started.run_id) };
}

/** One line on stderr naming the damage and the way out, exit 2, no stack trace. */
function expectRefused(result: HewResult, id: string, damage: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^hew: run ${id} is damaged: `));
  expect(lines[0]).toMatch(damage);
  expect(lines[0]).toContain(`hew discard ${id}`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

describe('a damaged meta.json', () => {
  it('is listed as damaged; diff, apply and resume refuse it in one line; discard removes it', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const { id, dir } = await finishedRun(world);
    const meta = readFileSync(join(dir, 'meta.json'), 'utf8');
    writeFileSync(join(dir, 'meta.json'), meta.slice(0, 40));
    const before = treeFingerprint(repo);

    const table = await world.hew(['runs']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+damaged\\s+.*meta\\.json is not valid JSON`, 'm'));
    expect(table.stdout).toContain(`remove the damaged run with \`hew discard ${id}\``);
    const listed = (await world.hew(['runs', '--all', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(listed).toEqual([{ id, status: 'damaged', damage: 'meta.json is not valid JSON (truncated or corrupted)', work_exists: true }]);

    expectRefused(await world.hew(['diff', id]), id, /meta\.json is not valid JSON/);
    expectRefused(await world.hew(['apply', id]), id, /meta\.json is not valid JSON/);
    expectRefused(await world.hew(['exec', '--resume', id, 'go on']), id, /meta\.json is not valid JSON/);
    expect(treeFingerprint(repo)).toBe(before);

    const discarded = await world.hew(['discard', id]);
    expect(discarded.code).toBe(0);
    expect(discarded.stdout).toContain(`discarded damaged run ${id}`);
    expect(existsSync(dir)).toBe(false);
    expect((await world.hew(['runs', '--all', '--json'])).stdout).toBe('');
    expect(treeFingerprint(repo)).toBe(before);
  }, 120_000);

  it('of the wrong shape cannot point discard anywhere but its own directory', async () => {
    const world = await hewWorld().build();
    const { id, dir } = await finishedRun(world);
    const victim = tempDir('hew-victim-');
    mkdirSync(join(victim, 'work'));
    writeFileSync(join(victim, 'work', 'keep.txt'), 'precious\n');
    const forged = { ...(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Record<string, unknown>), id: '../../../victim', working_copy: join(victim, 'work'), repo: victim };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(forged));

    const listed = (await world.hew(['runs', '--all', '--json'])).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(listed).toEqual([expect.objectContaining({ id, status: 'damaged', damage: `meta.json names run "../../../victim", not ${id}` })]);
    expectRefused(await world.hew(['apply', id]), id, /names run/);
    const discarded = await world.hew(['discard', id]);
    expect(discarded.code).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(readFileSync(join(victim, 'work', 'keep.txt'), 'utf8')).toBe('precious\n');
  }, 120_000);
});

describe('a damaged events.jsonl', () => {
  it('damaged before its last line: resume refuses it in one line and asks the model nothing', async () => {
    const world = await hewWorld().build();
    const { id, dir } = await finishedRun(world);
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
    const middle = lines.findIndex((l) => l.includes('"type":"hew.items"'));
    lines[middle] = (lines[middle] ?? '').slice(0, 30);
    writeFileSync(join(dir, 'events.jsonl'), lines.join('\n'));

    await world.serve([{ outputs: [{ text: 'should not be asked' }] }]);
    expectRefused(await world.hew(['exec', '--resume', id, 'go on']), id, new RegExp(`events\\.jsonl line ${middle + 1} of \\d+ is not valid JSON`));
    expect(world.requests).toHaveLength(0);
    // The run itself can still be reviewed.
    expect((await world.hew(['diff', id])).code).toBe(0);
  }, 120_000);

  it('with a torn last line (a crash mid-write): resume drops it with a note and goes on', async () => {
    const world = await hewWorld().build();
    const { id, dir } = await finishedRun(world);
    const events = join(dir, 'events.jsonl');
    appendFileSync(events, '{"type":"hew.items","items":[{"type":"mess');

    await world.serve([{ outputs: [{ text: 'continued' }] }]);
    const resumed = await world.hew(['exec', '--resume', id, 'go on']);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`hew: note: run ${id}: the last line of its events.jsonl was cut off`);
    expect(resumed.stdout).toBe('continued\n');
    expect(JSON.stringify(world.requests[0]?.body)).toContain('fix the date parser');
    // The torn line is gone, not buried in the middle where the next resume would refuse it.
    for (const line of readFileSync(events, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 120_000);
});
