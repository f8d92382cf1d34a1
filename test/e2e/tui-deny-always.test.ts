// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server: `d`
// ("never for this command", reject always) denies a command and every later one that starts the
// same way, without asking again; the transcript, /status and the run's events say so, and the
// command never ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent, Item } from '../../src/protocol/events.ts';
import { fixtureRepo } from '../support/fixtures.ts';
import { hewHome } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

/** Generous: the machine running the suite may be loaded. */
const WAIT = 60_000;

type Approval = Extract<Item, { type: 'approval' }>;

function toolOutput(server: ModelServer, request: number): string {
  const input = server.requests[request]!.body.input as { type: string; output?: string }[];
  return input.filter((i) => i.type === 'function_call_output').at(-1)?.output ?? '';
}

describe('reject always in the TUI', () => {
  it('d denies the command and, without asking, the next one that starts the same way', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'touch denied.txt' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'touch denied.txt' } }] },
      { outputs: [{ text: 'Gave up on the file.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    tmux = startHewTui({ cwd: repo, args: ['-a', 'untrusted'], home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url } });
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('make the file twice');

    const asking = await tmux.waitFor('d never for this command', WAIT);
    expect(asking).toContain('$ touch denied.txt');
    tmux.type('d');
    const done = await tmux.waitFor('Gave up on the file.', WAIT);
    expect(done).toContain('denied (always for this command): touch denied.txt');
    expect(done).toContain('denied by your earlier "never": touch denied.txt');
    expect(toolOutput(server, 1)).toContain('will refuse every command that starts with `touch denied.txt`');
    expect(toolOutput(server, 2)).toContain('the user always refuses commands that start with `touch denied.txt`');

    await tmux.submit('/status');
    await tmux.waitFor('always denied: touch denied.txt', WAIT);
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);

    const runs = join(home.state, 'hew', 'runs');
    const [runId] = readdirSync(runs);
    const events = readFileSync(join(runs, runId!, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AgentEvent);
    const approvals = events.flatMap((e) => (e.type === 'item.completed' && e.item.type === 'approval' ? [e.item as Approval] : []));
    expect(approvals.map((a) => [a.request.command, a.decision, a.decided_by])).toEqual([
      ['touch denied.txt', 'denied_always', 'approver'],
      ['touch denied.txt', 'denied', 'rule'],
    ]);
    const commands = events.flatMap((e) => (e.type === 'item.completed' && e.item.type === 'command_execution' ? [e.item] : []));
    expect(commands.map((c) => c.status)).toEqual(['declined', 'declined']);
    expect(existsSync(join(repo, 'denied.txt'))).toBe(false);
  });
});
