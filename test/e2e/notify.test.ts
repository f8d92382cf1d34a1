// End to end: `notify` (docs/background.md) through the built CLI with the scripted model. The notify
// command is the user's own, run on the host: here `sh -c` writing its last argument ("$1", the JSON
// payload) to a new file, byte for byte. An exec run that completes or fails sends one run.completed;
// a batch one task.completed per task; what the model wrote arrives intact as one argument (no
// injection) with secrets redacted; a repository may not set notify; a notify command that fails or
// hangs is a warning and never changes hew's exit code.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { NotifyPayload } from '../../src/protocol/notify.ts';
import { git } from '../support/fixtures.ts';
import type { RecordedRequest, ScriptedTurn } from '../support/model-server.ts';
import { answer, dateFixScript, DATE_FIX_ANSWER, patch } from '../support/scripts.ts';
import { closeWorlds, hewWorld, type World } from '../support/world.ts';
import { processAlive } from '../../src/runs/lifecycle.ts';

afterEach(closeWorlds);

/** A `notify = [...]` line: each element a TOML basic string (JSON's escapes are TOML's). */
const notifyLine = (argv: string[]): string => `notify = [${argv.map((a) => JSON.stringify(a)).join(', ')}]\n`;

/** The recording notify command: "$1" into a new file of `out` (sh never interprets the payload). */
const recorder = (out: string): string[] => ['sh', '-c', `printf '%s' "$1" > "${out}/$(date +%s%N)-$$.json"`, 'sh'];

/** A world whose config records every payload in `out` (returned), with `extra` config lines. */
async function notifyWorld(script: ScriptedTurn[] | ((req: RecordedRequest) => ScriptedTurn), opts: { argv?: (out: string) => string[]; env?: Record<string, string>; repo?: Record<string, string> } = {}): Promise<{ world: World; out: string }> {
  const builder = hewWorld().withScript(script).withTimeout(60_000);
  if (opts.repo) builder.withRepo(opts.repo);
  if (opts.env) builder.withEnv(opts.env);
  const world = await builder.build();
  const out = join(world.dir, 'notified');
  mkdirSync(out);
  mkdirSync(join(world.home.config, 'hew'), { recursive: true });
  writeFileSync(join(world.home.config, 'hew', 'config.toml'), notifyLine((opts.argv ?? recorder)(out)));
  return { world, out };
}

/** The payloads recorded so far, oldest first (each file is exactly the argument notify got). */
function payloads(out: string): { raw: string; payload: NotifyPayload }[] {
  return readdirSync(out)
    .sort()
    .map((name) => readFileSync(join(out, name), 'utf8'))
    .map((raw) => ({ raw, payload: JSON.parse(raw) as NotifyPayload }));
}

describe('notify from hew exec', () => {
  it('sends one run.completed for a completed run: status, message, files, cost and the commands to take it', async () => {
    const { world, out } = await notifyWorld(dateFixScript());
    const result = await world.hew(['exec', '--json', 'fix the date parser']);
    expect(result.code).toBe(0);
    const started = result.events().find((e) => e.type === 'thread.started');
    const runId = started?.type === 'thread.started' ? started.run_id : '';
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    const { payload, raw } = sent[0]!;
    expect(raw).not.toContain('\n'); // one JSON document as one argument
    expect(payload).toMatchObject({
      type: 'run.completed',
      run_id: runId,
      status: 'completed',
      exit_code: 0,
      final_message: DATE_FIX_ANSWER,
      files_changed: { count: 1, paths: ['src/date.js'] },
      commands: { review: `hew diff ${runId}`, apply: `hew apply ${runId}` },
    });
    expect(payload.repository).toBe(started?.type === 'thread.started' ? started.repo : '');
    expect(typeof payload.hew_version).toBe('string');
    expect(Date.parse(payload.timestamp)).not.toBeNaN();
    expect(result.stderr).not.toContain('notify');
  });

  it('sends run.completed with status failed and exit code 1 when the check fails', async () => {
    const { world, out } = await notifyWorld([answer('I changed nothing.')]);
    const task = join(world.dir, 'task.md');
    writeFileSync(task, '---\ncheck: "exit 3"\n---\nMake the check pass.\n');
    const result = await world.hew(['exec', '--task', task]);
    expect(result.code).toBe(1);
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ type: 'run.completed', status: 'failed', exit_code: 1, final_message: 'I changed nothing.', check: { command: 'exit 3', passed: false }, commands: null });
  });

  it('sends run.completed for a run out of budget (exit 4) and for an interrupted one (exit 130)', async () => {
    const step: ScriptedTurn = { outputs: [{ tool: 'shell', args: { command: 'true' } }], usage: { input_tokens: 50_000, output_tokens: 25_000 } };
    const spend = await notifyWorld(Array.from({ length: 10 }, () => step));
    const prices = ['-m', 'test-model', '-c', 'providers.openai.prices.test-model=[1.0,0.1,2.0]'];
    const over = await spend.world.hew(['exec', ...prices, '--max-cost', '0.25', 'spend']);
    expect(over.code).toBe(4);
    const budget = payloads(spend.out)[0]!.payload;
    expect(budget).toMatchObject({ type: 'run.completed', status: 'budget_exceeded', exit_code: 4, final_message: null });
    expect(budget.cost_usd).toBeCloseTo(0.3, 10);

    const { world, out } = await notifyWorld([{ outputs: [{ tool: 'shell', args: { command: 'echo started-long-step; sleep 30' } }] }, answer('never')]);
    let pid = 0;
    let stderr = '';
    const interrupted = await world.hew(['exec', 'wait a while'], {
      onSpawn: (p) => (pid = p),
      // Interrupted once the long step is under way (its command shows on stderr).
      onStderr: (chunk) => {
        const before = stderr;
        stderr += chunk;
        if (!before.includes('sleep 30') && stderr.includes('sleep 30')) process.kill(pid, 'SIGINT');
      },
    });
    expect(interrupted.code).toBe(130);
    expect(payloads(out)[0]!.payload).toMatchObject({ type: 'run.completed', status: 'interrupted', exit_code: 130 });
  });

  it('carries model text with shell syntax, quotes, newlines and escapes intact as one argument, nothing run', async () => {
    const hostile = `done $(touch pwned-message) \`touch pwned-tick\` "double" 'single' ; touch pwned-semi\nline two\r\x1b]52;c;aGk=\x07\x1b[31mred\u202e`;
    const odd = `x;$(touch pwned-name)'"q.txt`;
    const { world, out } = await notifyWorld([patch(`*** Begin Patch\n*** Add File: ${odd}\n+hi\n*** End Patch`), answer(hostile)]);
    const result = await world.hew(['exec', 'write an odd file']);
    expect(result.code).toBe(0);
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload.final_message).toBe(hostile);
    expect(sent[0]!.payload.files_changed.count).toBe(1);
    expect(sent[0]!.payload.files_changed.paths[0]).toContain(`x;$(touch pwned-name)'`);
    // The notify command ran in the user's home: nothing the model wrote became a command there or here.
    for (const dir of [world.home.dir, world.repo, out]) {
      expect(readdirSync(dir).filter((n) => n.startsWith('pwned'))).toEqual([]);
    }
  });

  it('keeps the payload one argument the kernel takes (under 128 KiB) when the model writes 50 files with long non-ASCII paths', async () => {
    // Each path: 11 folders of 85 three-byte characters (255 bytes, the longest name) — ~2.8 KB of UTF-8 each.
    const deep = (n: number): string => `${Array.from({ length: 11 }, (_, i) => `${String.fromCharCode(0x6f22 + i).repeat(85)}`).join('/')}/f${n}.txt`;
    const adds = Array.from({ length: 50 }, (_, n) => `*** Add File: ${deep(n)}\n+x`).join('\n');
    const { world, out } = await notifyWorld([patch(`*** Begin Patch\n${adds}\n*** End Patch`), answer('Wrote fifty files.')]);
    const result = await world.hew(['exec', 'write many files']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/warning: the notify command/);
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    expect(Buffer.byteLength(sent[0]!.raw)).toBeLessThan(128 * 1024);
    expect(sent[0]!.payload.files_changed.count).toBe(50);
    expect(sent[0]!.payload.final_message).toBe('Wrote fifty files.');
  });

  it('redacts a secret of the environment that the model printed into its final message', async () => {
    const secret = 'svc-tok-5b9e2c7a1d3f';
    const { world, out } = await notifyWorld([answer(`The token is ${secret}, done.`)], { env: { MY_SERVICE_TOKEN: secret } });
    const result = await world.hew(['exec', 'tell me the token']);
    expect(result.code).toBe(0);
    const { raw, payload } = payloads(out)[0]!;
    expect(raw).not.toContain(secret);
    expect(payload.final_message).toBe('The token is [REDACTED], done.');
  });

  it('sends run.completed with run_id null when the run failed before the model answered (no run kept)', async () => {
    const { world, out } = await notifyWorld([answer('unused')]);
    await world.closeServer();
    const result = await world.hew(['exec', 'anything']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('no run was kept');
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ type: 'run.completed', run_id: null, status: 'failed', exit_code: result.code, commands: null });
    expect(sent[0]!.payload.error).toBeTruthy();
  });

  it('refuses notify in a repository\'s .hew/config.toml (exit 2): nothing runs, nothing is sent', async () => {
    const { world, out } = await notifyWorld([answer('never')]);
    mkdirSync(join(world.repo, '.hew'));
    writeFileSync(join(world.repo, '.hew', 'config.toml'), notifyLine(recorder(out)));
    git(world.repo, 'add', '-A');
    git(world.repo, 'commit', '-q', '-m', 'a repository that wants to run a command on your machine');
    const result = await world.hew(['exec', 'anything']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('notify: not allowed in a project config (notify runs a command on your machine, outside the sandbox)');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(world.requests).toHaveLength(0);
    expect(readdirSync(out)).toEqual([]);
  });

  it('a notify command that exits 3 or is not found is a warning (and in the run\'s log); the exit code stays the run\'s', async () => {
    for (const argv of [['sh', '-c', 'echo notify broke >&2; exit 3'], [join('/nonexistent', 'hew-notify')]]) {
      const { world } = await notifyWorld([answer('done')], { argv: () => argv });
      const result = await world.hew(['exec', '--json', 'anything']);
      expect(result.code).toBe(0);
      const how = argv[0] === 'sh' ? 'exited with code 3: notify broke' : 'exited with code 127';
      expect(result.stderr).toContain(`hew: warning: the notify command \`${argv[0]}\` ${how}`);
      const started = result.events().find((e) => e.type === 'thread.started');
      const runId = started?.type === 'thread.started' ? started.run_id : '';
      expect(readFileSync(join(world.runDir(runId), 'commands.log'), 'utf8')).toContain(`the notify command \`${argv[0]}\` ${how}`);
    }
  });

  it('kills a notify command that hangs at its timeout; hew exits with the run\'s own code and warns', async () => {
    const { world, out } = await notifyWorld([answer('done')], { argv: (dir) => ['sh', '-c', `echo $$ > "${dir}/pid"; exec sleep 600`, 'sh'] });
    const result = await world.hew(['exec', 'anything']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/hew: warning: the notify command `sh` timed out after \d+ ms: .*process group killed.*\(run\.completed\)/);
    const pid = Number(readFileSync(join(out, 'pid'), 'utf8'));
    expect(processAlive(pid)).toBe(false);
  });
});

describe('notify from hew batch', () => {
  it('sends one task.completed per task, naming its task file', async () => {
    const byTask = (req: RecordedRequest): ScriptedTurn => {
      const text = JSON.stringify(req.body?.input ?? req.body?.messages ?? '');
      const job = /@@(job\d+)@@/.exec(text)?.[1] ?? 'unknown';
      return { outputs: [{ text: `${job} finished` }] };
    };
    const { world, out } = await notifyWorld(byTask);
    mkdirSync(join(world.repo, 'tasks'));
    for (const job of ['job1', 'job2']) writeFileSync(join(world.repo, 'tasks', `${job}.md`), `---\ntitle: Job ${job}\n---\nDo @@${job}@@.\n`);
    const result = await world.hew(['batch', '--json', 'tasks/job1.md', 'tasks/job2.md']);
    expect(result.code).toBe(0);
    const sent = payloads(out).map((p) => p.payload).sort((a, b) => (a.task?.file ?? '').localeCompare(b.task?.file ?? ''));
    expect(sent).toHaveLength(2);
    expect(sent.map((p) => [p.type, p.task?.file, p.status, p.exit_code, p.final_message])).toEqual([
      ['task.completed', 'tasks/job1.md', 'completed', 0, 'job1 finished'],
      ['task.completed', 'tasks/job2.md', 'completed', 0, 'job2 finished'],
    ]);
    expect(sent[0]!.task?.title).toBe('Job job1');
    expect(sent.every((p) => typeof p.run_id === 'string')).toBe(true);
  });
});

describe('notify from hew watch', () => {
  it('sends one task.completed per task of the inbox', async () => {
    const { world, out } = await notifyWorld([answer('watched and done')]);
    mkdirSync(join(world.repo, '.hew', 'tasks'), { recursive: true });
    writeFileSync(join(world.repo, '.hew', 'tasks', 'one.md'), 'Do the one thing.\n');
    const result = await world.hew(['watch', '--once']);
    expect(result.code).toBe(0);
    const sent = payloads(out);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toMatchObject({ type: 'task.completed', task: { file: '.hew/tasks/one.md' }, status: 'completed', exit_code: 0, final_message: 'watched and done' });
  });
});

