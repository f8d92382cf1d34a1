// End to end: `hew exec --resume RUN PROMPT` continues a run from its events.jsonl alone — after a
// SIGKILL mid-command (the unfinished call gets an "Interrupted" output and the model a note) and after
// a clean exit (no note) — in the run's own copy, leaving the user's repository unchanged.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { INTERRUPTED_OUTPUT, interruptionNote } from '../../src/thread/resume.ts';
import { treeFingerprint } from '../support/fixtures.ts';
import type { HewResult } from '../support/hew-cli.ts';
import { DATE_FIX_ANSWER, DATE_FIX_PATCH } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';
import { closeWorlds, hewWorld } from '../support/world.ts';

let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await closeWorlds();
});

function started(result: HewResult) {
  const first = result.events()[0];
  if (first?.type !== 'thread.started') throw new Error(`first event is ${first?.type}`);
  return first;
}

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 100 && !existsSync(file); i++) await sleep(50);
}

describe('hew exec --resume', () => {
  it('continues a run killed mid-command with the same history, an interrupted output and a note', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const before = treeFingerprint(repo);
    const first = await world.serve([
      { outputs: [{ tool: 'read_file', args: { path: 'src/date.js' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'echo $$ > sleeper.pid; exec sleep 30' } }] },
      { outputs: [{ text: 'never reached' }] },
    ]);
    let pid = 0;
    let out = '';
    let killing: Promise<void> | undefined;
    const killed = await world.hew(['exec', '--json', '-s', 'danger-full-access', 'fix the date parser'], {
      onSpawn: (p) => (pid = p),
      onStdout: (chunk) => {
        out += chunk;
        if (killing || !/"type":"item\.started","item":\{[^\n]*"type":"command_execution"(?![^\n]*"tool")/.test(out)) return;
        const copy = (JSON.parse(out.split('\n')[0] as string) as { working_copy: string }).working_copy;
        killing = waitForFile(join(copy, 'sleeper.pid')).then(() => {
          process.kill(pid, 'SIGKILL');
        });
      },
    });
    await killing;
    expect(killed.signal).toBe('SIGKILL');
    const run = started(killed);
    const sleeper = Number(readFileSync(join(run.working_copy, 'sleeper.pid'), 'utf8'));
    try {
      process.kill(sleeper, 'SIGKILL');
    } catch {
      // already gone
    }
    expect(first.requests).toHaveLength(2);

    const second = await world.serve([
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
      { outputs: [{ text: DATE_FIX_ANSWER }] },
    ]);
    const resumed = await world.hew(['exec', '--json', '-s', 'danger-full-access', '--resume', run.run_id, 'go on']);
    expect(resumed.code).toBe(0);
    const again = started(resumed);
    expect(again.run_id).toBe(run.run_id);
    expect(again.working_copy).toBe(run.working_copy);
    const done = resumed.events().at(-1);
    expect(done).toMatchObject({ type: 'thread.completed', status: 'completed', final_message: DATE_FIX_ANSWER });
    // No internal record leaks into the --json stream.
    expect(resumed.events().some((e) => (e.type as string).startsWith('hew.'))).toBe(false);
    expect(readFileSync(join(run.working_copy, 'src/date.js'), 'utf8')).toContain('daysInMonth(year, month)');

    // The first resumed request: exactly the earlier input, the sleep call answered "Interrupted", the note, the prompt.
    const earlier = first.requests[1]?.body as { instructions: string; input: unknown[] };
    const now = second.requests[0]?.body as { instructions: string; input: Array<Record<string, unknown>> };
    expect(now.instructions).toBe(earlier.instructions);
    expect(now.input.slice(0, earlier.input.length)).toEqual(earlier.input);
    const tail = now.input.slice(earlier.input.length);
    expect(tail).toHaveLength(4);
    expect(tail[0]).toMatchObject({ type: 'function_call', name: 'shell' });
    expect(String(tail[0]?.arguments)).toContain('sleep 30');
    expect(tail.slice(1)).toEqual([
      { type: 'function_call_output', call_id: tail[0]?.call_id, output: INTERRUPTED_OUTPUT },
      { type: 'message', role: 'developer', content: interruptionNote('killed') },
      { type: 'message', role: 'user', content: 'go on' },
    ]);
    // The earlier input held the read_file call and its output after the user's prompt.
    expect(earlier.input.some((i) => (i as { type: string; name?: string }).name === 'read_file')).toBe(true);
    expect(earlier.input.some((i) => (i as { content?: string }).content === 'fix the date parser')).toBe(true);

    const meta = JSON.parse(readFileSync(join(home.state, 'hew', 'runs', run.run_id, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({ status: 'completed', exit_code: 0 });
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('continues a run that finished cleanly, without an interruption note', async () => {
    const world = await hewWorld().build();
    const first = await world.serve([{ outputs: [{ text: 'The parser accepts 2024-02-30.' }] }]);
    const done = await world.hew(['exec', '--json', 'look at the date parser']);
    expect(done.code).toBe(0);
    const run = started(done);

    const second = await world.serve([{ outputs: [{ text: 'Nothing else to add.' }] }]);
    const resumed = await world.hew(['exec', '--resume', run.run_id.slice(0, -2), 'anything else?']);
    expect(resumed.stderr).not.toMatch(/error/i);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe('Nothing else to add.\n');
    const earlier = first.requests[0]?.body as { instructions: string; input: unknown[] };
    const now = second.requests[0]?.body as { instructions: string; input: unknown[] };
    expect(now.instructions).toBe(earlier.instructions);
    expect(now.input).toEqual([
      ...earlier.input,
      { type: 'message', role: 'assistant', content: 'The parser accepts 2024-02-30.' },
      { type: 'message', role: 'user', content: 'anything else?' },
    ]);

    // A third process sees both turns (the log keeps growing, records from every process replay in order).
    const third = await world.serve([{ outputs: [{ text: 'Still nothing.' }] }]);
    expect((await world.hew(['exec', '--resume', run.run_id, 'and now?'])).code).toBe(0);
    expect((third.requests[0]?.body as { input: unknown[] }).input).toEqual([
      ...now.input,
      { type: 'message', role: 'assistant', content: 'Nothing else to add.' },
      { type: 'message', role: 'user', content: 'and now?' },
    ]);
  });

  it('refuses a run whose working copy was discarded, or an unknown run (exit 2)', async () => {
    const world = await hewWorld().build();
    const first = await world.serve([{ outputs: [{ text: 'ok' }] }]);
    const run = started(await world.hew(['exec', '--json', 'hello']));
    expect((await world.hew(['discard', run.run_id])).code).toBe(0);
    const refused = await world.hew(['exec', '--resume', run.run_id, 'go on']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('discarded');
    const unknown = await world.hew(['exec', '--resume', 'nope', 'go on']);
    expect(unknown.code).toBe(2);
    expect(first.requests).toHaveLength(1);
  });
});

describe('hew resume', () => {
  it('continues the latest run of the repository in the TUI with its conversation', async () => {
    const world = await hewWorld().build();
    const { repo, home } = world;
    const first = await world.serve([{ outputs: [{ text: 'The parser accepts 2024-02-30.' }] }]);
    const run = started(await world.hew(['exec', '--json', 'look at the date parser']));
    const second = await world.serve([{ outputs: [{ text: 'Resumed and answered.' }] }]);
    tmux = startHewTui({ cwd: repo, args: ['resume'], home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: second.url }, height: 40 });
    await tmux.waitFor('Ask hew to do something');
    expect(tmux.screen()).toContain(run.run_id);
    await tmux.submit('anything else?');
    await tmux.waitFor('Resumed and answered.');
    const earlier = first.requests[0]?.body as { input: unknown[] };
    expect((second.requests[0]?.body as { input: unknown[] }).input).toEqual([
      ...earlier.input,
      { type: 'message', role: 'assistant', content: 'The parser accepts 2024-02-30.' },
      { type: 'message', role: 'user', content: 'anything else?' },
    ]);
    await tmux.submit('/quit');
    // The process has ended (the shell prints its exit) before its run's record is read.
    await tmux.waitFor(/\[exit \d+\]/);
    const meta = JSON.parse(readFileSync(join(home.state, 'hew', 'runs', run.run_id, 'meta.json'), 'utf8')) as { status: string; title: string };
    expect(meta).toMatchObject({ status: 'completed', title: 'look at the date parser' });
  });
});
