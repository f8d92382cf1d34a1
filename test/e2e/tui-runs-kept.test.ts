// End to end in a real terminal (tmux): opening the TUI and quitting without sending anything leaves
// no run (nor does `/new` straight away), and neither does a session whose only prompt the model
// never answered (a refused key); a session the model answered is kept. The user's repository is
// untouched.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, treeFingerprint } from '../support/fixtures.ts';
import { hewHome } from '../support/hew-cli.ts';
import { startModelServer, type ModelServer } from '../support/model-server.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

const WAIT = 60_000;

function startHew(cwd: string, env: Record<string, string>): { tmux: TmuxSession; runs: () => string[] } {
  const home = hewHome();
  const session = startHewTui({ cwd, home, env, height: 40 });
  const dir = join(home.state, 'hew', 'runs');
  return { tmux: session, runs: () => (existsSync(dir) ? readdirSync(dir) : []) };
}

async function quit(session: TmuxSession): Promise<string> {
  await session.submit('/quit');
  return session.waitFor(/\[exit \d+\]/, WAIT);
}

describe('the TUI keeps a run only once it has something in it', () => {
  it('open and quit, and /new straight away: no run is left', async () => {
    server = await startModelServer([]);
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);
    const hew = startHew(repo, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url });
    tmux = hew.tmux;
    const first = /runs\/(\d{8}-\d{6}-\w{4})\/work/.exec(await tmux.waitFor(/runs\/\d{8}-\d{6}-\w{4}\/work/, WAIT))?.[1];
    expect(hew.runs()).toEqual([first]); // the session's run exists while it is open
    await tmux.submit('/new');
    // The header names the new session's copy; the first run was closed without a prompt.
    await tmux.waitFor(new RegExp(`runs/(?!${first})\\d{8}-\\d{6}-\\w{4}/work`), WAIT);
    expect(hew.runs()).not.toContain(first);
    const screen = await quit(tmux);
    expect(screen).toMatch(/\[exit 0\]/);
    expect(hew.runs()).toEqual([]);
    expect(server.requests).toHaveLength(0);
    expect(treeFingerprint(repo)).toBe(before);
  });

  it('a prompt the model never answered (refused key) leaves no run; an answered one is kept', async () => {
    server = await startModelServer([{ outputs: [{ text: 'Nothing to change here.' }] }], { apiKey: 'sk-right' });
    const repo = fixtureRepo('date-parser');
    const before = treeFingerprint(repo);

    const refused = startHew(repo, { OPENAI_API_KEY: 'sk-wrong', OPENAI_BASE_URL: server.url });
    tmux = refused.tmux;
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.type('look at the parser');
    tmux.keys('Enter');
    await tmux.waitFor(/refused the API key/, WAIT);
    await quit(tmux);
    expect(refused.runs()).toEqual([]);
    tmux.kill();

    const answered = startHew(repo, { OPENAI_API_KEY: 'sk-right', OPENAI_BASE_URL: server.url });
    tmux = answered.tmux;
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.type('look at the parser');
    tmux.keys('Enter');
    await tmux.waitFor('Nothing to change here.', WAIT);
    await quit(tmux);
    expect(answered.runs()).toHaveLength(1);
    expect(treeFingerprint(repo)).toBe(before);
  });
});
