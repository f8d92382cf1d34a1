// End to end in a real terminal: the built CLI's TUI in tmux against the scripted model server.
// Type a prompt, watch the plan, command cards and diff appear, approve a command under
// `untrusted`, interrupt a long command with Esc and go on, and see that only /apply writes the
// user's repository. And the demo, to its end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

/** A test here waits on many screens; each wait is generous (tmux.ts WAIT_MS), so is the test. */
const TEST_MS = 300_000;

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

function startHew(args: string[], cwd: string, extraEnv: Record<string, string> = {}): TmuxSession {
  return startHewTui({ cwd, args, env: extraEnv });
}

const plan = (status: 'in_progress' | 'completed'): ScriptedTurn => ({
  outputs: [{ tool: 'update_plan', args: { plan: [{ step: 'Run the tests', status }, { step: 'Fix the parser', status: status === 'completed' ? 'completed' : 'pending' }] } }],
});

describe('the TUI in a real terminal', () => {
  it('shows plan, approval, command cards and diff; only /apply writes the repository', async () => {
    server = await startModelServer([
      plan('in_progress'),
      { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      plan('completed'),
      { outputs: [{ text: 'Fixed: **parseDate** now checks the day against the month.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);
    tmux = startHew(['-a', 'untrusted'], repo, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url });
    await tmux.waitFor('Ask hew to do something');
    await tmux.submit('fix the date parser');

    await tmux.waitFor('Run the tests');
    const asking = await tmux.waitFor('y yes, once');
    expect(asking).toContain('$ node test/date.test.js');
    tmux.type('y');
    await tmux.waitFor(/not ok - rejects February 30/);
    await tmux.waitFor('M src/date.js');
    const done = await tmux.waitFor('now checks the day against the month');
    expect(done).toMatch(/☑ Run the tests/);
    expect(done).toMatch(/approved once/);
    expect(treeFingerprint(repo)).toBe(before);

    await tmux.submit('/diff');
    // The view's own header: the diff's lines are in the transcript's inline edit card too.
    const diff = await tmux.waitForScreen('Diff file 1/1 src/date.js');
    expect(diff).toContain('+  if (day < 1 || day > daysInMonth(year, month)) return null;');
    expect(diff).toContain('-  if (day < 1 || day > 31) return null;');
    tmux.keys('q');
    // The diff view is closed (its header has left the screen) before the next command is typed.
    await tmux.waitForScreen((screen) => !screen.includes('Diff file 1/1'));
    expect(treeFingerprint(repo)).toBe(before);

    await tmux.submit('/apply');
    await tmux.waitFor(/applied 1 file|Applied 1 file|applied/i);
    expect(readFileSync(join(repo, 'src/date.js'), 'utf8')).toContain('daysInMonth(year, month)');

    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit 0\]/);
  }, TEST_MS);

  it('Esc interrupts a long command; the session takes the next prompt', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'echo starting; sleep 600' } }] },
      { outputs: [{ text: 'Still here after the interruption.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    tmux = startHew([], repo, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url });
    await tmux.waitFor('Ask hew to do something');
    tmux.type('wait a while');
    tmux.keys('Enter');
    await tmux.waitFor('starting');
    // The command would run for ten minutes: seeing "interrupted" within the wait's deadline is
    // proof that Esc stopped it (no wall-clock bound, which a loaded machine could break).
    tmux.keys('Escape');
    await tmux.waitFor(/interrupted/i);
    await tmux.waitForScreen('Ask hew to do something');

    await tmux.submit('are you still there?');
    await tmux.waitFor('Still here after the interruption.');
    const second = server.requests[1]?.body.input as { type: string; output?: string; content?: string }[];
    expect(second.some((i) => i.type === 'function_call_output' && /Interrupted/i.test(i.output ?? ''))).toBe(true);
    expect(JSON.stringify(second)).toContain('are you still there?');
    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit \d+\]/);
  }, TEST_MS);

  it('runs hew demo to its review screen', async () => {
    tmux = startHew(['demo'], tempDir(), { HEW_DEMO_DELAY_MS: '2' });
    const review = await tmux.waitFor('/apply');
    expect(review).toContain('☑ Fix it and run the tests again');
    expect(review).toMatch(/M src\/duration\.js \+1 -1/);
    expect(review).toContain('# 8 ok, 0 not ok');
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/);
  }, TEST_MS);
});
