// End to end: a run whose meta.json or events.jsonl is damaged. It is listed as damaged (not dropped),
// diff/apply/resume refuse it with one line and exit 2 (no stack trace), discard removes it — only its
// own directory, whatever the damaged file names — and resume refuses a transcript damaged before its
// last line but continues, with a note, after a torn last line (what a crash mid-write leaves).
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { hewHome, runHew, type HewHome, type HewResult } from '../support/hew-cli.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { dateFixScript } from '../support/scripts.ts';

let server: ModelServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function hew(args: string[], repo: string, home: HewHome): Promise<HewResult> {
  return runHew(args, { cwd: repo, env: { ...home.env, OPENAI_BASE_URL: server?.url ?? 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-test' }, timeoutMs: 60_000 });
}

/** A finished run of the date fix; returns its id and directory. */
async function finishedRun(repo: string, home: HewHome): Promise<{ id: string; dir: string }> {
  server = await startModelServer(dateFixScript());
  const result = await hew(['exec', '--json', 'fix the date parser'], repo, home);
  expect(result.code).toBe(0);
  const started = result.events()[0];
  if (started?.type !== 'thread.started') throw new Error('no thread.started');
  await server.close();
  server = undefined;
  return { id: started.run_id, dir: join(home.state, 'hew', 'runs', started.run_id) };
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
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const { id, dir } = await finishedRun(repo, home);
    const meta = readFileSync(join(dir, 'meta.json'), 'utf8');
    writeFileSync(join(dir, 'meta.json'), meta.slice(0, 40));
    const before = treeFingerprint(repo);

    const table = await hew(['runs'], repo, home);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^${id}\\s+damaged\\s+.*meta\\.json is not valid JSON`, 'm'));
    expect(table.stdout).toContain(`remove the damaged run with \`hew discard ${id}\``);
    const listed = (await hew(['runs', '--all', '--json'], repo, home)).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(listed).toEqual([{ id, status: 'damaged', damage: 'meta.json is not valid JSON (truncated or corrupted)', work_exists: true }]);

    expectRefused(await hew(['diff', id], repo, home), id, /meta\.json is not valid JSON/);
    expectRefused(await hew(['apply', id], repo, home), id, /meta\.json is not valid JSON/);
    expectRefused(await hew(['exec', '--resume', id, 'go on'], repo, home), id, /meta\.json is not valid JSON/);
    expect(treeFingerprint(repo)).toBe(before);

    const discarded = await hew(['discard', id], repo, home);
    expect(discarded.code).toBe(0);
    expect(discarded.stdout).toContain(`discarded damaged run ${id}`);
    expect(existsSync(dir)).toBe(false);
    expect((await hew(['runs', '--all', '--json'], repo, home)).stdout).toBe('');
    expect(treeFingerprint(repo)).toBe(before);
  }, 120_000);

  it('of the wrong shape cannot point discard anywhere but its own directory', async () => {
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const { id, dir } = await finishedRun(repo, home);
    const victim = tempDir('hew-victim-');
    mkdirSync(join(victim, 'work'));
    writeFileSync(join(victim, 'work', 'keep.txt'), 'precious\n');
    const forged = { ...(JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as Record<string, unknown>), id: '../../../victim', working_copy: join(victim, 'work'), repo: victim };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(forged));

    const listed = (await hew(['runs', '--all', '--json'], repo, home)).stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(listed).toEqual([expect.objectContaining({ id, status: 'damaged', damage: `meta.json names run "../../../victim", not ${id}` })]);
    expectRefused(await hew(['apply', id], repo, home), id, /names run/);
    const discarded = await hew(['discard', id], repo, home);
    expect(discarded.code).toBe(0);
    expect(existsSync(dir)).toBe(false);
    expect(readFileSync(join(victim, 'work', 'keep.txt'), 'utf8')).toBe('precious\n');
  }, 120_000);
});

describe('a damaged events.jsonl', () => {
  it('damaged before its last line: resume refuses it in one line and asks the model nothing', async () => {
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const { id, dir } = await finishedRun(repo, home);
    const lines = readFileSync(join(dir, 'events.jsonl'), 'utf8').split('\n');
    const middle = lines.findIndex((l) => l.includes('"type":"hew.items"'));
    lines[middle] = (lines[middle] ?? '').slice(0, 30);
    writeFileSync(join(dir, 'events.jsonl'), lines.join('\n'));

    server = await startModelServer([{ outputs: [{ text: 'should not be asked' }] }]);
    expectRefused(await hew(['exec', '--resume', id, 'go on'], repo, home), id, new RegExp(`events\\.jsonl line ${middle + 1} of \\d+ is not valid JSON`));
    expect(server.requests).toHaveLength(0);
    // The run itself can still be reviewed.
    expect((await hew(['diff', id], repo, home)).code).toBe(0);
  }, 120_000);

  it('with a torn last line (a crash mid-write): resume drops it with a note and goes on', async () => {
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const { id, dir } = await finishedRun(repo, home);
    const events = join(dir, 'events.jsonl');
    appendFileSync(events, '{"type":"hew.items","items":[{"type":"mess');

    server = await startModelServer([{ outputs: [{ text: 'continued' }] }]);
    const resumed = await hew(['exec', '--resume', id, 'go on'], repo, home);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`hew: note: run ${id}: the last line of its events.jsonl was cut off`);
    expect(resumed.stdout).toBe('continued\n');
    expect(JSON.stringify(server.requests[0]?.body)).toContain('fix the date parser');
    // The torn line is gone, not buried in the middle where the next resume would refuse it.
    for (const line of readFileSync(events, 'utf8').trimEnd().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  }, 120_000);
});
