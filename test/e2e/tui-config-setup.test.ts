// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server: the
// configuration reaches the interactive fronts as it reaches exec. Config `setup` runs once in each
// new run's copy, before the agent starts: in `hew`'s run, and in the run `/new` opens inside
// `hew resume` (never again in the resumed run itself). `hew resume` used to build its options by
// hand and left `setup` out, so a run opened there started without it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo } from '../support/fixtures.ts';
import { hewHome } from '../support/hew-cli.ts';
import type { HewHome } from '../support/hew-cli.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer, RecordedRequest } from '../support/model-server.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
const sessions: TmuxSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await server?.close();
  server = undefined;
});

const WAIT = 60_000;
const SETUP = 'echo prepared-by-setup';
const SETUP_LINE = `Setup: \`${SETUP}\` ran in this copy with network before you started (exit 0`;

/** How many setup items a run's events.jsonl records as completed. */
const setupItems = (home: HewHome, runId: string): number =>
  readFileSync(join(home.state, 'hew', 'runs', runId, 'events.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.includes('"item.completed"') && line.includes('"id":"setup"')).length;

/** Everything a request carries to the model, as text. */
const requestText = (req: RecordedRequest | undefined): string => JSON.stringify(req?.body ?? {});

describe('config setup in the interactive fronts', () => {
  it('runs in the session\'s run, not again in the resumed run, and in the run /new opens after hew resume', async () => {
    server = await startModelServer([{ outputs: [{ text: 'first answer' }] }, { outputs: [{ text: 'resumed answer' }] }, { outputs: [{ text: 'new-run answer' }] }]);
    const repo = fixtureRepo('date-parser');
    const home = hewHome();
    const start = (args: string[]): TmuxSession => {
      const session = startHewTui({ cwd: repo, args: [...args, '-c', `setup=${SETUP}`], home, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server!.url } });
      sessions.push(session);
      return session;
    };

    const first = start([]);
    const header = await first.waitFor('Ask hew to do something', WAIT);
    const runId = /runs\/(\S+)\/work/.exec(header)?.[1] ?? '';
    expect(runId).not.toBe('');
    await first.submit('first task');
    await first.waitFor('first answer', WAIT);
    expect(requestText(server.requests[0])).toContain(SETUP_LINE);
    expect(setupItems(home, runId)).toBe(1);
    await first.submit('/quit');
    await first.waitFor(/\[exit 0\]/, WAIT);

    const second = start(['resume', runId]);
    await second.waitFor('Earlier in this run', WAIT);
    await second.submit('continue');
    await second.waitFor('resumed answer', WAIT);
    expect(server.requests).toHaveLength(2);
    // The resumed run's setup ran once, when it was made.
    expect(setupItems(home, runId)).toBe(1);

    await second.submit('/new');
    await second.waitFor('Previous run', WAIT);
    await second.submit('another task');
    await second.waitFor('new-run answer', WAIT);
    expect(server.requests).toHaveLength(3);
    expect(requestText(server.requests[2])).toContain(SETUP_LINE);
    await second.submit('/quit');
    await second.waitFor(/\[exit 0\]/, WAIT);
  });
});
