// End to end: NO_COLOR as no-color.org defines it — present and not empty turns colour off; an empty
// NO_COLOR does not (src/format/color.ts, one decision for the command line and the TUI). The command
// line used to treat `NO_COLOR=` as set.
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo } from '../support/fixtures.ts';
import { hewHome } from '../support/hew-cli.ts';
import { startModelServer, type ModelServer, type ScriptedTurn } from '../support/model-server.ts';
import { runHewOnPty } from '../support/pty.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

// eslint-disable-next-line no-control-regex -- a colour or style (SGR) escape is what is looked for
const SGR = /\u001b\[[0-9;]*m/;

function script(): ScriptedTurn[] {
  return [{ outputs: [{ tool: 'shell', args: { command: 'echo hello' } }] }, { outputs: [{ text: 'Done.' }] }];
}

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

describe('NO_COLOR', () => {
  it.each([
    ['empty: colour stays on', '', true],
    ['set: colour is off', '1', false],
  ])('hew exec on a terminal, %s', async (_name, value, coloured) => {
    const repo = fixtureRepo('date-parser');
    server = await startModelServer(script());
    const home = hewHome();
    const exec = await runHewOnPty(['exec', 'say hello'], { cwd: repo, env: { ...home.env, OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'sk-test', TERM: 'xterm-256color', NO_COLOR: value } });
    expect(exec.code).toBe(0);
    expect(exec.output).toContain('echo hello');
    expect(SGR.test(exec.output)).toBe(coloured);
  }, 120_000);

  it.each([
    ['empty: colour stays on', '', true],
    ['set: colour is off', '1', false],
  ])('the TUI, %s', async (_name, value, coloured) => {
    const repo = fixtureRepo('date-parser');
    tmux = startHewTui({ cwd: repo, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: 'http://127.0.0.1:9', NO_COLOR: value } });
    await tmux.waitFor('Ask hew to do something');
    expect(SGR.test(tmux.styledHistory())).toBe(coloured);
  }, 120_000);
});
