// End to end: a run that never reached the model leaves nothing under the state directory — no API
// key, a refused key (401), an unknown model, a server that is down — with the exit codes and error
// messages as before; a run the model answered once is kept however it ends, and a resumed run that
// then fails is never removed. The user's repository is untouched throughout.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import type { HewHome } from '../support/hew-cli.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** A run's environment without a key, or without any OPENAI_* (as `withoutOpenAI` does for a whole world). */
const NO_KEY = { OPENAI_API_KEY: undefined };
const NO_OPENAI = { OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined };

function runDirs(home: HewHome): string[] {
  const dir = join(home.state, 'hew', 'runs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** A URL on 127.0.0.1 where nothing listens (a port just freed). */
async function deadUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

const NOT_KEPT = /no run was kept \(the model never answered/;

describe('a run that never reached the model leaves nothing', () => {
  it('no API key, a 401, an unknown model: exit 3, same message, no run directory', async () => {
    const world = await hewWorld().withScript([], { apiKey: 'sk-right', models: ['gpt-5.5'] }).build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);

    const noKey = await world.hew(['exec', 'fix it'], { env: NO_KEY });
    expect(noKey.code).toBe(3);
    expect(noKey.stderr).toMatch(/No API key: set OPENAI_API_KEY/);
    expect(noKey.stderr).toMatch(NOT_KEPT);
    expect(noKey.stderr).not.toMatch(/hew apply|hew diff/);
    expect(runDirs(home)).toEqual([]);

    const noKeyJson = await world.hew(['exec', '--json', 'fix it'], { env: NO_KEY });
    expect(noKeyJson.code).toBe(3);
    expect(noKeyJson.events().at(-1)).toMatchObject({ type: 'thread.completed', status: 'failed', exit_code: 3 });
    expect(runDirs(home)).toEqual([]);

    const wrongKey = await world.hew(['exec', 'fix it'], { env: { OPENAI_API_KEY: 'sk-wrong' } });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stderr).toMatch(/refused the API key \(HTTP 401\)/);
    expect(wrongKey.stderr).toMatch(NOT_KEPT);
    expect(runDirs(home)).toEqual([]);

    const unknownModel = await world.hew(['exec', '-m', 'gpt-0', 'fix it'], { env: { OPENAI_API_KEY: 'sk-right' } });
    expect(unknownModel.code).toBe(3);
    expect(unknownModel.stderr).toMatch(/gpt-0/);
    expect(unknownModel.stderr).toMatch(NOT_KEPT);
    expect(runDirs(home)).toEqual([]);

    const listed = await world.hew(['runs'], { env: NO_OPENAI });
    expect(listed.stdout).toBe('');
    expect(listed.stderr).toMatch(/no runs for/);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('a server that is down: exit 1, no run directory', async () => {
    const world = await hewWorld().withEnv({ OPENAI_BASE_URL: await deadUrl() }).build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const result = await world.hew(['exec', '-c', 'providers.openai.request_max_retries=0', 'fix it']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/ECONNREFUSED|could not reach|cannot reach/i);
    expect(result.stderr).toMatch(NOT_KEPT);
    expect(runDirs(home)).toEqual([]);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('hew batch with a refused key: each task reports run_id null and no run is left', async () => {
    const world = await hewWorld().withScript([], { apiKey: 'sk-right' }).withEnv({ OPENAI_API_KEY: 'sk-wrong' }).build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const tasks = tempDir('hew-tasks-');
    mkdirSync(tasks, { recursive: true });
    for (const n of [1, 2]) writeFileSync(join(tasks, `t${n}.md`), `---\ntitle: Task ${n}\n---\nDo task ${n}.\n`);
    const result = await world.hew(['batch', '--json', join(tasks, 't1.md'), join(tasks, 't2.md')], { timeoutMs: 90_000 });
    expect(result.code).toBe(1); // batch: a task failed
    const lines = result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { run_id: string | null; exit_code: number });
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatchObject({ run_id: null, exit_code: 3 });
    expect(runDirs(home)).toEqual([]);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('a run the model answered once is kept, even when a later request fails', async () => {
    const world = await hewWorld()
      .withScript([
        { outputs: [{ tool: 'shell', args: { command: 'echo hi > note.txt' } }] },
        { fault: { kind: 'status', status: 400 } },
      ])
      .build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const result = await world.hew(['exec', '--json', '-s', 'danger-full-access', 'write a note']);
    expect(result.code).toBe(1);
    const runId = (result.events()[0] as { run_id: string }).run_id;
    expect(runDirs(home)).toEqual([runId]);
    expect(existsSync(join(home.state, 'hew', 'runs', runId, 'work', 'note.txt'))).toBe(true);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('a resumed run whose request then fails is kept whole', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'Looked at it; nothing to change.' }] }]).build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const first = await world.hew(['exec', '--json', 'look at it']);
    expect(first.code).toBe(0);
    const runId = (first.events()[0] as { run_id: string }).run_id;

    const resumed = await world.hew(['exec', '-c', 'providers.openai.request_max_retries=0', '--resume', runId, 'go on'], { env: { OPENAI_BASE_URL: await deadUrl() } });
    expect(resumed.code).toBe(1);
    expect(resumed.stderr).not.toMatch(/no run was kept/);
    expect(runDirs(home)).toEqual([runId]);
    expect(existsSync(join(home.state, 'hew', 'runs', runId, 'work', '.git'))).toBe(true);

    const noKey = await world.hew(['exec', '--resume', runId, 'go on'], { env: NO_KEY });
    expect(noKey.code).toBe(3);
    expect(runDirs(home)).toEqual([runId]);
    expect(existsSync(join(home.state, 'hew', 'runs', runId, 'work', '.git'))).toBe(true);
    expect(treeFingerprint(repo)).toBe(before);
  });
});
