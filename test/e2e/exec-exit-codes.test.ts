// End to end: each exit code of SPEC §2 that `exec` can give, and the JSONL stream in failures.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampedEvent } from '../../src/protocol/events.ts';
import { tempDir, treeFingerprint } from '../support/fixtures.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

function expectWellFormed(events: StampedEvent[], status: string, exitCode: number): void {
  expect(events[0]?.type).toBe('thread.started');
  const last = events.at(-1);
  expect(last?.type).toBe('thread.completed');
  if (last?.type !== 'thread.completed') return;
  expect(last.status).toBe(status);
  expect(last.exit_code).toBe(exitCode);
}

const loop = (n: number) => Array.from({ length: n }, () => ({ outputs: [{ tool: 'shell', args: { command: 'true' } }] }));

describe('exit codes', () => {
  it('2: unknown flag, empty prompt, no prompt on a closed stdin, unreadable task file, invalid config', async () => {
    const world = await hewWorld().build(); // no model: OPENAI_BASE_URL is NO_MODEL_URL (http://127.0.0.1:9/v1)
    const { home } = world;

    const unknown = await world.hew(['exec', '--frobnicate', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--frobnicate'/);

    const empty = await world.hew(['exec', '   ']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/prompt is empty/);

    const emptyStdin = await world.hew(['exec'], { input: '' });
    expect(emptyStdin.code).toBe(2);

    const missing = await world.hew(['exec', '--task', 'nope.md']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.md: cannot read the task file: it does not exist/);

    const taskDir = tempDir();
    writeFileSync(join(taskDir, 'bad.md'), '---\ntitle: x\nmax_turns: lots\n---\nDo it.\n');
    const badTask = await world.hew(['exec', '--task', join(taskDir, 'bad.md')]);
    expect(badTask.code).toBe(2);
    expect(badTask.stderr).toMatch(/bad\.md:3: front-matter key "max_turns"/);

    mkdirSync(join(home.config, 'hew'), { recursive: true });
    const configFile = join(home.config, 'hew', 'config.toml');
    writeFileSync(configFile, 'model = "m"\napproval = "sometimes"\n');
    const badConfig = await world.hew(['exec', 'x']);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain(configFile);
    expect(badConfig.stderr).toMatch(/approval: .*untrusted/);

    writeFileSync(configFile, 'modle = "m"\n');
    const typo = await world.hew(['exec', 'x']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/modle: unknown key; expected one of: model/);
  });

  it('3: no API key, a 401, an unknown model — one clear sentence, stream well formed', async () => {
    const world = await hewWorld().withScript([], { apiKey: 'sk-right', models: ['gpt-5.5'] }).build();
    const { repo } = world;
    const before = treeFingerprint(repo);
    const noKey = await world.hew(['exec', '--json', 'x'], { env: { OPENAI_API_KEY: undefined } });
    expect(noKey.code).toBe(3);
    expectWellFormed(noKey.events(), 'failed', 3);
    expect(JSON.stringify(noKey.events())).toMatch(/OPENAI_API_KEY/);

    const wrongKey = await world.hew(['exec', 'x'], { env: { OPENAI_API_KEY: 'sk-wrong' } });
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stderr).toMatch(/rejected the API key|401/i);

    const unknownModel = await world.hew(['exec', '--json', '-m', 'gpt-0', 'x'], { env: { OPENAI_API_KEY: 'sk-right' } });
    expect(unknownModel.code).toBe(3);
    expectWellFormed(unknownModel.events(), 'failed', 3);
    expect(JSON.stringify(unknownModel.events())).toMatch(/gpt-0/);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('1: the provider keeps failing after retries', async () => {
    const world = await hewWorld().withScript(Array.from({ length: 3 }, () => ({ fault: { kind: 'status' as const, status: 503 } }))).build();
    const result = await world.hew(['exec', '--json', '-c', 'providers.openai.request_max_retries=2', 'x'], {
    });
    expect(result.code).toBe(1);
    const events = result.events();
    expectWellFormed(events, 'failed', 1);
    expect(events.filter((e) => e.type === 'error' && e.will_retry)).toHaveLength(2);
    expect(events.some((e) => e.type === 'turn.failed')).toBe(true);
  });

  it('1: the task check fails', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'I did nothing.' }] }]).build();
    const task = join(tempDir(), 'task.md');
    writeFileSync(task, '---\ntitle: Fix dates\ncheck: node test/date.test.js\n---\nFix the date parser.\n');
    const result = await world.hew(['exec', '--json', '--task', task]);
    expect(result.code).toBe(1);
    const last = result.events().at(-1);
    expect(last?.type === 'thread.completed' && last.check).toEqual({ command: 'node test/date.test.js', exit_code: 1, passed: false });
  });

  it('4: --max-turns and --timeout', async () => {
    const world = await hewWorld().withScript(loop(10)).build();
    const turns = await world.hew(['exec', '--json', '--max-turns', '3', 'loop']);
    expect(turns.code).toBe(4);
    expectWellFormed(turns.events(), 'budget_exceeded', 4);
    expect(world.requests).toHaveLength(3);

    await world.serve([{ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }]);
    const timed = await world.hew(['exec', '--json', '--timeout', '1s', 'wait']);
    expect(timed.code).toBe(4);
    expectWellFormed(timed.events(), 'budget_exceeded', 4);
  });

  it('130: SIGINT interrupts, saves the run and still ends the stream', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ tool: 'shell', args: { command: 'sleep 30' } }] }]).build();
    let pid = 0;
    let sent = false;
    const result = await world.hew(['exec', '--json', 'wait'], {
      onSpawn: (p) => (pid = p),
      onStdout: (chunk) => {
        if (!sent && chunk.includes('"command_execution"')) {
          sent = true;
          process.kill(pid, 'SIGINT');
        }
      },
    });
    expect(result.code).toBe(130);
    expectWellFormed(result.events(), 'interrupted', 130);
  });

  it('0 without waiting on a stdin that never closes when the prompt is an argument', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'hello' }] }]).build();
    const result = await world.hew(['exec', 'say hello'], {
      openStdin: true,
      timeoutMs: 15_000,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('hello\n');
  });

  it('reads the prompt, or a task file, from piped stdin', async () => {
    const world = await hewWorld().withScript([{ outputs: [{ text: 'one' }] }, { outputs: [{ text: 'two' }] }]).build();
    const plain = await world.hew(['exec', '-'], { input: 'describe the repo\n' });
    expect(plain.code).toBe(0);
    const task = await world.hew(['exec'], { input: '---\ntitle: T\n---\nsummarise it\n' });
    expect(task.code).toBe(0);
    const userText = (i: number) => JSON.stringify(world.requests[i]?.body.input);
    expect(userText(0)).toContain('describe the repo');
    expect(userText(1)).toContain('summarise it');
    expect(userText(1)).not.toContain('title: T');
  });
});
