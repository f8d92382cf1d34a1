// End to end through the built CLI: best of N (`hew exec --attempts N`). The scripted model tells the
// attempts apart by their requests' `prompt_cache_key` (test/support/attempts.ts perAttempt).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptCompleted, StampedEvent, ThreadCompleted } from '../../src/protocol/events.ts';
import type { BatchResultLine } from '../../src/protocol/run-result.ts';
import type { ScriptedTurn } from '../support/model-server.ts';
import { addAnswer, never, perAttempt } from '../support/attempts.ts';
import { git, tempDir } from '../support/fixtures.ts';
import { answer, shell } from '../support/scripts.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

afterEach(closeWorlds);

function taskFile(front: string, prompt = 'Write the answer into answer.txt.'): string {
  const file = join(tempDir(), 'task.md');
  writeFileSync(file, `---\n${front}---\n${prompt}\n`);
  return file;
}

function closing(events: StampedEvent[]): ThreadCompleted {
  const last = events.at(-1);
  if (last?.type !== 'thread.completed') throw new Error(`the stream did not end with thread.completed: ${last?.type}`);
  return last;
}

const attemptEnds = (events: StampedEvent[]): AttemptCompleted[] => events.filter((e): e is AttemptCompleted & StampedEvent => e.type === 'attempt.completed');

const CHECK = 'check: test "$(cat answer.txt)" = 42\n';

describe('hew exec --attempts N', () => {
  it('chooses the one attempt whose change passes the check, applies exactly it, and hew runs groups the attempts', async () => {
    const model = perAttempt([
      [addAnswer(['41']), answer('Wrote 41.')],
      [addAnswer(['42']), answer('Wrote 42.')],
      [addAnswer(['43']), answer('Wrote 43.')],
    ]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const result = await world.hew(['exec', '--json', '--attempts', '3', '--apply', '--task', taskFile(CHECK)]);
    expect(result.code, result.stderr).toBe(0);
    const events = result.events();
    const done = closing(events);
    const good = model.runOf(1);
    expect(done.run_id).toBe(good);
    expect(done.status).toBe('completed');
    expect(done.final_message).toBe('Wrote 42.');
    expect(done.check?.passed).toBe(true);
    expect(readFileSync(join(world.repo, 'answer.txt'), 'utf8')).toBe('42\n');
    // One stream: every event names its attempt, one thread.completed (last), each attempt's end forwarded.
    expect(events.filter((e) => e.type === 'thread.completed')).toHaveLength(1);
    expect(events.every((e) => typeof e.run_id === 'string')).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.filter((e) => e.type === 'thread.started').map((e) => e.run_id)).size).toBe(3);
    expect(attemptEnds(events).map((e) => e.run_id).sort()).toEqual([model.runOf(0), model.runOf(1), model.runOf(2)].sort());
    expect(done.attempts).toHaveLength(3);
    expect(done.attempts?.[0]).toMatchObject({ run_id: good, status: 'completed', exit_code: 0, check: { passed: true, exit_code: 0 }, diff: { files: 1, added: 1, removed: 0 } });
    for (const other of done.attempts!.slice(1)) expect(other).toMatchObject({ status: 'failed', exit_code: 1, check: { passed: false } });
    // Each attempt is an ordinary run with its group; the chosen one is marked.
    const meta = (id: string) => JSON.parse(readFileSync(join(world.runDir(id), 'meta.json'), 'utf8'));
    const group = meta(good!).attempt.group;
    for (const k of [0, 1, 2]) expect(meta(model.runOf(k)!).attempt).toMatchObject({ group, of: 3 });
    expect(meta(good!).chosen).toBe(true);
    expect(meta(model.runOf(0)!).chosen).toBeUndefined();
    // The usage of all three is the group's.
    const sum = attemptEnds(events).reduce((n, e) => n + e.total_usage.input_tokens, 0);
    expect(done.total_usage.input_tokens).toBe(sum);

    const runs = await world.hewOk(['runs']);
    const lines = runs.stdout.split('\n');
    const head = lines.findIndex((l) => l.includes('best of 3'));
    expect(head, runs.stdout).toBeGreaterThan(0);
    const members = lines.slice(head + 1, head + 4);
    expect(members.filter((l) => l.includes('*'))).toHaveLength(1);
    expect(members.find((l) => l.includes('*'))).toContain(good);
    for (const l of members) expect(l).toMatch(/^ {2}/);
  });

  it('says on stderr which attempt each line is from, ends with the table and the chosen run\'s next steps', async () => {
    const model = perAttempt([
      [addAnswer(['41']), answer('Wrote 41.')],
      [addAnswer(['42']), answer('Wrote 42.')],
    ]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const result = await world.hew(['exec', '--attempts', '2', '--task', taskFile(CHECK)]);
    expect(result.code, result.stderr).toBe(0);
    const good = model.runOf(1)!;
    expect(result.stdout).toBe('Wrote 42.\n');
    expect(result.stderr).toMatch(/^\[1\/2\] hew \d{8}-/m);
    expect(result.stderr).toMatch(/^\[2\/2\] hew \d{8}-/m);
    expect(result.stderr).toContain('attempts, best first (2):');
    expect(result.stderr).toMatch(new RegExp(`^  \\* +\\d +${good} +completed +check passed +1 file \\+1 -0 .*chosen$`, 'm'));
    expect(result.stderr).toMatch(new RegExp(`^    +\\d +${model.runOf(0)} +failed +check failed \\(exit 1\\)`, 'm'));
    expect(result.stderr).toContain(`  apply:   hew apply ${good}\n`);
    // The other attempt is an ordinary run: it may be applied instead.
    await world.hewOk(['apply', model.runOf(0)!]);
    expect(readFileSync(join(world.repo, 'answer.txt'), 'utf8')).toBe('41\n');
  });

  it('prefers the smaller diff when two attempts pass', async () => {
    const model = perAttempt([
      [addAnswer(['42', 'and more', 'and more still']), answer('Wrote 42 and more.')],
      [addAnswer(['42']), answer('Wrote 42.')],
      [addAnswer(['7']), answer('Wrote 7.')],
    ]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const result = await world.hew(['exec', '--json', '--ephemeral', '--attempts', '3', '--task', taskFile('check: grep -qx 42 answer.txt\n')]);
    expect(result.code, result.stderr).toBe(0);
    const done = closing(result.events());
    expect(done.run_id).toBe(model.runOf(1));
    expect(done.attempts?.map((a) => [a.run_id, a.check?.passed, a.diff.added])).toEqual([
      [model.runOf(1), true, 1],
      [model.runOf(0), true, 3],
      [model.runOf(2), false, 1],
    ]);
    expect(result.stderr).toBe('');
    // --ephemeral keeps no attempt (the chosen one, not applied, goes as a single run would).
    expect((await world.hewOk(['runs', '--json'])).stdout).toBe('');
  });

  it('exit 1 when no attempt passes the check; the chosen one is the nearest (the smaller change)', async () => {
    const model = perAttempt([
      [addAnswer(['40', '41']), answer('Wrote 40 and 41.')],
      [addAnswer(['43']), answer('Wrote 43.')],
    ]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const result = await world.hew(['exec', '--json', '--attempts', '2', '--apply', '--task', taskFile(CHECK)]);
    expect(result.code).toBe(1);
    const done = closing(result.events());
    expect(done).toMatchObject({ run_id: model.runOf(1), status: 'failed', exit_code: 1, check: { passed: false } });
    expect(result.stderr).toContain('hew: --apply: nothing applied, the run did not succeed');
  });

  it('--first-pass interrupts the others once one attempt passed its check', async () => {
    // The first attempt to ask passes; the others' requests are held until they are stopped.
    const model = perAttempt([[addAnswer(['42']), answer('Wrote 42.')]]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const result = await world.hew(['exec', '--json', '--attempts', '3', '--first-pass', '--task', taskFile(CHECK)]);
    expect(result.code, result.stderr).toBe(0);
    const done = closing(result.events());
    expect(done.run_id).toBe(model.runOf(0));
    expect(done.attempts?.map((a) => a.status)).toEqual(['completed', 'interrupted', 'interrupted']);
    // The others never got an answer (at most their first request went out): they were stopped while waiting.
    for (const other of done.attempts!.slice(1)) {
      expect(world.requests.filter((r) => r.body?.prompt_cache_key === `hew-${other.run_id}`).length).toBeLessThanOrEqual(1);
      expect(other.diff).toEqual({ files: 0, added: 0, removed: 0 });
    }
  });

  it('Ctrl-C stops the group: exit 130, every attempt saved, nothing applied even after one passed', async () => {
    const model = perAttempt([
      [addAnswer(['42']), answer('Wrote 42.')],
      [shell('echo long; sleep 30'), answer('late')],
    ]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    let pid = 0;
    let out = '';
    let sent = false;
    const result = await world.hew(['exec', '--json', '--attempts', '2', '--apply', '--task', taskFile(CHECK)], {
      onSpawn: (p) => (pid = p),
      // Interrupted once the first attempt passed and the second is in its long step.
      onStdout: (chunk) => {
        out += chunk;
        if (!sent && out.includes('"attempt.completed"') && out.includes('sleep 30')) {
          sent = true;
          process.kill(pid, 'SIGINT');
        }
      },
    });
    expect(sent).toBe(true);
    expect(result.code, result.stderr).toBe(130);
    expect(existsSync(join(world.repo, 'answer.txt'))).toBe(false);
    const done = closing(result.events());
    expect(done).toMatchObject({ status: 'interrupted', exit_code: 130, run_id: model.runOf(0) });
    expect(done.attempts?.map((a) => a.status)).toEqual(['completed', 'interrupted']);
  });

  it('--max-cost is for the sum: attempts each under it, together over it, all stop (exit 4)', async () => {
    // Each first step costs $0.10 (100k input tokens at $1/M); the second never answers. Alone an
    // attempt spends $0.10 of $0.25; the third first step puts the three over.
    const step: ScriptedTurn = { ...shell('true'), usage: { input_tokens: 100_000, output_tokens: 0 } };
    const model = perAttempt([[step], [step], [step]]);
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    const prices = ['-m', 'test-model', '-c', 'providers.openai.prices.test-model=[1.0,0.1,2.0]'];
    const result = await world.hew(['exec', '--json', ...prices, '--attempts', '3', '--max-cost', '0.25', 'spend']);
    expect(result.code, result.stderr).toBe(4);
    const done = closing(result.events());
    expect(done.status).toBe('budget_exceeded');
    expect(done.attempts?.map((a) => a.status)).toEqual(['budget_exceeded', 'budget_exceeded', 'budget_exceeded']);
    expect(done.total_cost_usd).toBeCloseTo(0.3, 5);
    const failed = result.events().filter((e) => e.type === 'turn.failed');
    expect(failed).toHaveLength(3);
    for (const f of failed) expect(f.type === 'turn.failed' && f.error.message).toMatch(/cost budget \(--max-cost \$0\.25\) was exceeded by the 3 attempts together/);
  });

  it('--timeout is for the whole group', async () => {
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(() => never).build();
    const result = await world.hew(['exec', '--json', '--attempts', '2', '--timeout', '2s', 'wait']);
    expect(result.code, result.stderr).toBe(4);
    const done = closing(result.events());
    expect(done.attempts?.map((a) => a.status)).toEqual(['budget_exceeded', 'budget_exceeded']);
  });

  it('--attempts 1 keeps the stream as it is without the flag', async () => {
    const turns = () => [addAnswer(['42']), answer('Wrote 42.')];
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript(turns()).build();
    const shape = (events: StampedEvent[]) => events.map((e) => `${e.type}:${Object.keys(e).join(',')}`);
    const plain = await world.hew(['exec', '--json', 'answer']);
    await world.serve(turns());
    const one = await world.hew(['exec', '--json', '--attempts', '1', 'answer']);
    expect(one.code, one.stderr).toBe(0);
    expect(shape(one.events())).toEqual(shape(plain.events()));
    expect(one.events().some((e) => e.type === 'attempt.completed')).toBe(false);
  });

  it('`attempts` in your config does not stop `exec --resume` (one conversation goes on); only the flag above 1 is refused', async () => {
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withConfig('attempts = 3\n').withScript([answer('First.'), answer('Went on.')]).build();
    await world.hewOk(['exec', '--attempts', '1', 'start']);
    const runId = (await world.hewOk(['runs', '--json'])).stdout.match(/"id":\s*"([^"]+)"/)?.[1];
    expect(runId).toBeDefined();
    const resumed = await world.hew(['exec', '--resume', runId!, 'go on']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toBe('Went on.\n');
    const flagged = await world.hew(['exec', '--resume', runId!, '--attempts', '2', 'go on']);
    expect(flagged.code).toBe(2);
    expect(flagged.stderr).toMatch(/^hew: --attempts: a resumed run continues one conversation/);
  });

  it('refuses a bad count and --first-pass without a check (exit 2, one line)', async () => {
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript([]).build();
    const nine = await world.hew(['exec', '--attempts', '9', 'x']);
    expect(nine.code).toBe(2);
    expect(nine.stderr).toBe('hew: --attempts: expected a whole number from 1 to 8, got "9"\n');
    const first = await world.hew(['exec', '--attempts', '2', '--first-pass', 'x']);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/^hew: --first-pass .*check.*\n$/);
    expect(world.requests).toHaveLength(0);
  });
});

describe('attempts in hew batch and hew watch', { timeout: 180_000 }, () => {
  it('batch: a task with `attempts: 2` runs two attempts; its line names the chosen run and lists both', async () => {
    const model = perAttempt([
      [addAnswer(['41']), answer('Wrote 41.')],
      [addAnswer(['42']), answer('Wrote 42.')],
    ]);
    const world = await hewWorld().withTimeout(90_000).withRepo({ 'README.md': 'numbers\n' }).withScript(model.script).build();
    mkdirSync(join(world.repo, 'tasks'));
    writeFileSync(join(world.repo, 'tasks', 'answer.md'), `---\nattempts: 2\n${CHECK}---\nWrite the answer into answer.txt.\n`);
    git(world.repo, 'add', '-A');
    git(world.repo, 'commit', '-q', '-m', 'task');
    const result = await world.hew(['batch', '--json', '--concurrency', '2', 'tasks/answer.md']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BatchResultLine);
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({ task: 'tasks/answer.md', status: 'completed', exit_code: 0, run_id: model.runOf(1), check: { passed: true } });
    expect(line.attempts?.map((a) => [a.run_id, a.status])).toEqual([[model.runOf(1), 'completed'], [model.runOf(0), 'failed']]);
  });

  it('batch: a best-of-N task\'s timeout starts when its first attempt does, not while it waits for a slot', async () => {
    // --concurrency 1: `slow` holds the one slot for ~4 s; `quick` (attempts 2, timeout 3s) waits for it.
    const world = await hewWorld()
      .withTimeout(90_000)
      .withRepo({ 'README.md': 'numbers\n' })
      .withScript((req) => {
        const input = JSON.stringify(req.body?.input ?? '');
        if (input.includes('Sleep first.')) return input.includes('slept') ? answer('Slept.') : shell('sleep 4; echo slept');
        return answer('Quick.');
      })
      .build();
    mkdirSync(join(world.repo, 'tasks'));
    writeFileSync(join(world.repo, 'tasks', 'a-slow.md'), 'Sleep first.\n');
    writeFileSync(join(world.repo, 'tasks', 'b-quick.md'), '---\nattempts: 2\ntimeout: 3s\n---\nAnswer quickly.\n');
    git(world.repo, 'add', '-A');
    git(world.repo, 'commit', '-q', '-m', 'tasks');
    const result = await world.hew(['batch', '--json', '--concurrency', '1', 'tasks/a-slow.md', 'tasks/b-quick.md']);
    const lines = result.stdout.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as BatchResultLine);
    expect(lines.map((l) => [l.task, l.status]), result.stderr).toEqual([['tasks/a-slow.md', 'completed'], ['tasks/b-quick.md', 'completed']]);
    expect(lines[1]!.attempts?.map((a) => a.status)).toEqual(['completed', 'completed']);
    expect(result.code).toBe(0);
  });

  it('watch: the result names the chosen attempt\'s failure, not another attempt\'s', async () => {
    const model = perAttempt([
      [addAnswer(['41']), answer('Wrote 41.')],
      [{ outputs: [], fault: { kind: 'status', status: 400, body: { error: { message: 'the other attempt broke' } } } }],
    ]);
    const world = await hewWorld().withTimeout(90_000).withRepo({ 'README.md': 'numbers\n' }).withConfig('attempts = 2\n').withScript(model.script).build();
    mkdirSync(join(world.repo, '.hew', 'tasks'), { recursive: true });
    writeFileSync(join(world.repo, '.hew', 'tasks', 'answer.md'), `---\n${CHECK}---\nWrite the answer into answer.txt.\n`);
    const result = await world.hew(['watch', '--once', '--json']);
    const line = JSON.parse(result.stdout.trim()) as BatchResultLine;
    expect(line, result.stderr).toMatchObject({ run_id: model.runOf(0), status: 'failed', check: { passed: false } });
    expect(line.error ?? '').not.toContain('the other attempt broke');
  });

  it('watch: a task in the repository\'s own inbox may not raise attempts above the config\'s', async () => {
    const world = await hewWorld().withRepo({ 'README.md': 'numbers\n' }).withScript([]).build();
    mkdirSync(join(world.repo, '.hew', 'tasks'), { recursive: true });
    writeFileSync(join(world.repo, '.hew', 'tasks', 'many.md'), '---\nattempts: 4\n---\nTry four times.\n');
    const refused = await world.hew(['watch', '--once', '--json']);
    expect(JSON.parse(refused.stdout.trim())).toMatchObject({ task: '.hew/tasks/many.md', exit_code: 2 });
    expect(refused.stderr).toContain('front-matter key "attempts" may not raise the attempts above your config\'s (1)');
    expect(world.requests).toHaveLength(0);
  });
});
