// `hew demo` through the built CLI, offline and without a key: headless it fixes the bundled sample in
// a real run (sandboxed where the sandbox works), `--json` gives a well-formed event stream, without a
// terminal it runs headless by itself; and `hew` with no terminal points to `hew exec`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Item, StampedEvent } from '../../src/protocol/events.ts';
import { DEMO_ANSWER } from '../../src/demo/script.ts';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

/** Runs `hew ARGS` with no API key, a fresh state home, no delays and the sample made under a temp dir. */
async function demo(args: string[], env: Record<string, string> = {}) {
  const world = await hewWorld().withRepo(null).withEnv({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined, HEW_DEMO_DELAY_MS: '0' }).build();
  const { home, repo: tmp } = world;
  const result = await world.hew(args, { env: { TMPDIR: tmp, ...env } });
  const samples = readdirSync(tmp).filter((n) => n.startsWith('hew-demo-'));
  expect(samples).toHaveLength(1);
  return { result, home, sample: join(tmp, samples[0] as string, 'durations') };
}

function items(events: StampedEvent[]): Item[] {
  return events.flatMap((e) => (e.type === 'item.completed' ? [e.item] : []));
}

function runSampleTests(dir: string): { status: number | null; stdout: string } {
  return spawnSync(process.execPath, ['test/duration.test.js'], { cwd: dir, encoding: 'utf8' });
}

describe('hew demo', () => {
  it('--headless fixes the sample in its working copy and prints like exec', async () => {
    const { result, sample } = await demo(['demo', '--headless']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`${DEMO_ANSWER}\n`);
    expect(result.stderr).toContain(`sample repository: ${sample}`);
    expect(result.stderr).toContain('$ node test/duration.test.js');
    expect(result.stderr).toMatch(/run \S+ · 1 file changed in its working copy, not yet in the sample\n {2}review: {2}hew diff \S+\n {2}apply: {3}hew apply \S+\n/);
    // The user's side (here: the sample) is untouched until apply; the copy has the fix and passes.
    expect(readFileSync(join(sample, 'src/duration.js'), 'utf8')).toContain('Math.floor(whole / 60)');
    const runId = /run (\S+) · 1 file/.exec(result.stderr)?.[1] ?? '';
    expect(runId).not.toBe('');
  });

  it('--json streams well-formed events of a real run: tests fail, the patch lands, tests pass', async () => {
    const { result, home, sample } = await demo(['demo', '--json']);
    expect(result.code).toBe(0);
    const events = result.events();
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const [started, done] = [events[0], events.at(-1)];
    if (started?.type !== 'thread.started' || done?.type !== 'thread.completed') throw new Error('stream not framed by thread.started / thread.completed');
    expect(started).toMatchObject({ repo: sample, model: 'hew-demo', provider: 'demo', approval: 'on-request' });
    expect(done).toMatchObject({ status: 'completed', exit_code: 0, final_message: DEMO_ANSWER, files_changed: [{ path: 'src/duration.js', kind: 'update' }] });
    expect(done.total_usage.input_tokens).toBeGreaterThan(0);

    const done_items = items(events);
    const shells = done_items.filter((i): i is Extract<Item, { type: 'command_execution' }> => i.type === 'command_execution' && !i.tool);
    expect(shells.map((c) => [c.command, c.exit_code])).toEqual([
      ['node test/duration.test.js', 1],
      ['node test/duration.test.js', 0],
    ]);
    expect(shells[0]?.aggregated_output).toContain('got "1h 62m 5s"');
    expect(done_items.filter((i) => i.type === 'file_change').map((i) => i.status)).toEqual(['completed']);
    const plans = done_items.filter((i): i is Extract<Item, { type: 'todo_list' }> => i.type === 'todo_list');
    expect(plans.at(-1)?.items.every((p) => p.status === 'completed')).toBe(true);

    // The working copy holds the fix and its tests pass there; the events were saved.
    const copy = join(home.state, 'hew', 'runs', started.run_id, 'work');
    const tests = runSampleTests(copy);
    expect(tests.stdout).toContain('# 8 ok, 0 not ok');
    expect(tests.status).toBe(0);
    expect(runSampleTests(sample).status).toBe(1);
    const saved = readFileSync(join(home.state, 'hew', 'runs', started.run_id, 'events.jsonl'), 'utf8').trim().split('\n').filter((l) => !l.startsWith('{"type":"hew.'));
    expect(saved).toHaveLength(events.length);
  });

  it('without a terminal, `hew demo` runs headless by itself and says so', async () => {
    const { result } = await demo(['demo']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no terminal here, so the demo runs headless');
    expect(result.stdout).toBe(`${DEMO_ANSWER}\n`);
  });

  it('with no usable sandbox it says so and runs its own commands without one', async () => {
    // A PATH with git, bash and node but no bwrap.
    const bin = join(tempDir('hew-nobwrap-'), 'bin');
    mkdirSync(bin);
    for (const tool of ['git', 'bash', 'node', 'env']) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      symlinkSync(tool === 'node' ? process.execPath : found, join(bin, tool));
    }
    const { result } = await demo(['demo', '--json'], { PATH: bin });
    expect(result.stderr).toContain('no usable OS sandbox');
    expect(result.stderr).toContain('runs its own bundled commands without one');
    expect(result.code).toBe(0);
    const events = result.events();
    expect(events[0]).toMatchObject({ type: 'thread.started', sandbox: { kind: 'none', mode: 'danger-full-access', network: true } });
    expect(events.at(-1)).toMatchObject({ type: 'thread.completed', status: 'completed' });
  });
});

describe('hew (interactive) without a terminal', () => {
  it('exits 2 and points to hew exec, touching nothing', async () => {
    const world = await hewWorld().build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    for (const args of [[], ['fix the date parser']]) {
      const result = await world.hew(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe('hew: the interactive UI needs a terminal; use `hew exec` for scripts and CI\n');
    }
    expect(treeFingerprint(repo)).toBe(before);
  });
});
