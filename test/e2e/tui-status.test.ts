// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server: the
// status it shows is the truth. A command held for its approval says so (not "running"); a command
// an earlier "always" allows says that, not "approved once"; /new says the "always" rules still hold;
// tokens are never shown as "0 in / 0 out" and survive an interrupt; a quit while idle exits 0 and
// names the run with `hew resume`.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo } from '../support/fixtures.ts';
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

function startHew(args: string[], cwd: string, url: string): TmuxSession {
  return startHewTui({ cwd, args, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: url } });
}

const TOKENS = /\d[\d.]*k? in \/ \d[\d.]*k? out/;

describe('the TUI status tells the truth', () => {
  it('a command waiting for approval is shown waiting; "always" covers the next one and says so; /new says the rule still holds', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
      { outputs: [{ tool: 'shell', args: { command: 'node test/date.test.js' } }] },
      { outputs: [{ text: 'Ran the tests twice.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    tmux = startHew(['-a', 'untrusted'], repo, server.url);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('run the tests twice');

    const asking = await tmux.waitFor('y yes, once', WAIT);
    expect(asking).toContain('$ node test/date.test.js');
    expect(asking).toContain('waiting for approval — not run yet');
    expect(asking).not.toMatch(/^\s*running$/m);
    // No usage is known yet: nothing rather than zeros.
    expect(asking).not.toMatch(/\b0 in \/ 0 out/);

    tmux.type('a');
    const done = await tmux.waitFor('Ran the tests twice.', WAIT);
    expect(done).toContain('approved (always for this command): node test/date.test.js');
    expect(done).toContain('approved by your earlier "always": node test/date.test.js');
    expect(done).not.toMatch(/approved once/);
    await tmux.waitFor(TOKENS, WAIT);

    await tmux.submit('/new');
    const fresh = await tmux.waitFor('Still always allowed', WAIT);
    expect(fresh).toMatch(/Previous run\n\s+run (\S+) · no files changed\n\s+resume:\s+hew resume \1/);
    expect(fresh).toMatch(/`node test\/date\.test\.js`: your "always" answers last for this hew session/);

    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });

  it('tokens spent before an interrupt stay shown; a quit while idle exits 0 and prints the run to resume', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'shell', args: { command: 'echo starting; sleep 30' } }], usage: { input_tokens: 4321, output_tokens: 56 } },
      { outputs: [{ text: 'never asked for' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    tmux = startHew([], repo, server.url);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('wait a while');
    const running = await tmux.waitFor('starting', WAIT);
    expect(running).not.toMatch(/\b0 in \/ 0 out/);
    tmux.keys('Escape');
    await tmux.waitFor(/Turn 1 failed: interrupted/, WAIT);
    const after = await tmux.waitFor('4.3k in / 56 out', WAIT);
    expect(after).not.toMatch(/\b0 in \/ 0 out/);

    tmux.keys('C-c');
    tmux.keys('C-c');
    const left = await tmux.waitFor(/\[exit \d+\]/, WAIT);
    expect(left).toContain('[exit 0]');
    expect(left).toMatch(/run (\S+) · no files changed\n\s+resume:\s+hew resume \1/);
  });

  it('a quit that cuts a running turn exits 130 and still names the run', async () => {
    server = await startModelServer([{ outputs: [{ tool: 'shell', args: { command: 'echo starting; sleep 30' } }] }]);
    const repo = fixtureRepo('date-parser');
    tmux = startHew([], repo, server.url);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('wait a while');
    await tmux.waitFor('starting', WAIT);
    tmux.keys('C-c');
    tmux.keys('C-c');
    const left = await tmux.waitFor(/\[exit \d+\]/, WAIT);
    expect(left).toContain('[exit 130]');
    expect(left).toMatch(/resume:\s+hew resume \S+/);
  });
});
