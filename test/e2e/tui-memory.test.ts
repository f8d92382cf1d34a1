// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server: the
// model's remember with scope "user" asks the person ("Write this outside the working copy?", naming
// the global file); `y` writes the entry there. /remember puts a fact in the copy (not the
// repository) and /memory lists both scopes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('memory in the TUI', () => {
  it('a user-scope memory asks first and is written when approved; /remember goes to the copy; /memory lists both', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'remember', args: { text: 'I prefer small commits.', scope: 'user' } }] },
      { outputs: [{ text: 'Noted your preference.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const global = join(home.config, 'hew', 'AGENTS.md');
    tmux = startHewTui({ cwd: repo, home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server.url } });
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('remember that I prefer small commits');

    const asking = await tmux.waitFor('Write this outside the working copy?', WAIT);
    expect(asking).toContain('not in the diff: written when you approve');
    expect(asking).not.toContain('runs unconfined');
    expect(existsSync(global)).toBe(false);
    tmux.type('y');
    await tmux.waitFor('Noted your preference.', WAIT);
    expect(readFileSync(global, 'utf8')).toBe('## Remembered by hew\n\n- I prefer small commits.\n');

    await tmux.submit('/remember run the tests with node test/date.test.js');
    await tmux.waitFor('/apply takes it', WAIT);
    expect(existsSync(join(repo, 'AGENTS.md'))).toBe(false);

    await tmux.submit('/memory');
    const listed = await tmux.waitFor('- run the tests with node test/date.test.js', WAIT);
    expect(listed).toContain('- I prefer small commits.');
    await tmux.submit('/quit');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});
