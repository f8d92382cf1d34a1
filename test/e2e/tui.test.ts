// End to end in a real terminal: the built CLI's TUI in tmux against the scripted model server.
// Type a prompt, watch the plan, command cards and diff appear, approve a command under
// `untrusted`, interrupt a long command with Esc and go on, and see that only /apply writes the
// user's repository. And the demo, to its end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, ROOT, tempDir, treeFingerprint } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, ScriptedTurn } from '../support/model-server.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

function startHew(args: string[], cwd: string, extraEnv: Record<string, string> = {}): TmuxSession {
  const home = tempDir('hew-tui-home-');
  return TmuxSession.start({
    cwd,
    argv: [process.execPath, join(ROOT, 'bin/hew'), ...args],
    env: {
      HOME: home,
      XDG_STATE_HOME: join(home, 'state'),
      XDG_CONFIG_HOME: join(home, 'config'),
      PATH: process.env.PATH,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ...extraEnv,
    },
    width: 100,
    height: 45,
  });
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
    tmux.type('fix the date parser');
    tmux.keys('Enter');

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

    tmux.type('/diff');
    tmux.keys('Enter');
    const diff = await tmux.waitFor('+  if (day < 1 || day > daysInMonth(year, month)) return null;');
    expect(diff).toContain('-  if (day < 1 || day > 31) return null;');
    tmux.keys('q');
    expect(treeFingerprint(repo)).toBe(before);

    tmux.type('/apply');
    tmux.keys('Enter');
    await tmux.waitFor(/applied 1 file|Applied 1 file|applied/i);
    expect(readFileSync(join(repo, 'src/date.js'), 'utf8')).toContain('daysInMonth(year, month)');

    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit 0\]/);
  });

  it('Esc interrupts a long command; the session takes the next prompt', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'echo starting; sleep 30' } }] },
      { outputs: [{ text: 'Still here after the interruption.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    tmux = startHew([], repo, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url });
    await tmux.waitFor('Ask hew to do something');
    tmux.type('wait a while');
    tmux.keys('Enter');
    await tmux.waitFor('starting');
    const t0 = Date.now();
    tmux.keys('Escape');
    await tmux.waitFor(/interrupted/i);
    expect(Date.now() - t0).toBeLessThan(5000);
    await tmux.waitFor('Ask hew to do something');

    tmux.type('are you still there?');
    tmux.keys('Enter');
    await tmux.waitFor('Still here after the interruption.');
    const second = server.requests[1]?.body.input as { type: string; output?: string; content?: string }[];
    expect(second.some((i) => i.type === 'function_call_output' && /Interrupted/i.test(i.output ?? ''))).toBe(true);
    expect(JSON.stringify(second)).toContain('are you still there?');
    tmux.keys('C-c');
    tmux.keys('C-c');
    await tmux.waitFor(/\[exit \d+\]/);
  });

  it('runs hew demo to its review screen', async () => {
    tmux = startHew(['demo'], tempDir(), { HEW_DEMO_DELAY_MS: '2' });
    const review = await tmux.waitFor('/apply', 30_000);
    expect(review).toContain('☑ Fix it and run the tests again');
    expect(review).toMatch(/M src\/duration\.js \+1 -1/);
    expect(review).toContain('# 8 ok, 0 not ok');
    tmux.type('/quit');
    tmux.keys('Enter');
    await tmux.waitFor(/\[exit 0\]/);
  });
});
