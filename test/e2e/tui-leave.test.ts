// End to end in a real terminal (tmux), the built CLI's TUI against the scripted model server:
// leaving and coming back. /apply reports each file once, with a proper plural; quitting names the
// run and how to come back (`hew resume RUN`); `hew resume RUN` shows the earlier transcript; after
// /compact, /rewind still finds the run's checkpoints, step 0 included, and goes back to one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
const sessions: TmuxSession[] = [];
afterEach(async () => {
  for (const s of sessions.splice(0)) s.kill();
  await server?.close();
  server = undefined;
});

/** Generous: the machine running the suite may be loaded. */
const WAIT = 60_000;

function startHew(args: string[], cwd: string, home: string, url: string): TmuxSession {
  const session = startHewTui({ cwd, args, home: { env: { HOME: home, XDG_STATE_HOME: join(home, 'state'), XDG_CONFIG_HOME: join(home, 'config') } }, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: url } });
  sessions.push(session);
  return session;
}

describe('leaving the TUI and coming back', () => {
  it('/apply reports the file once; quitting names the run with hew resume', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ text: 'Fixed: parseDate now checks the day against the month.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const home = tempDir('hew-tui-leave-home-');
    const tmux = startHew([], repo, home, server.url);
    await tmux.waitFor('Ask hew to do something', WAIT);
    await tmux.submit('fix the date parser');
    await tmux.waitFor('now checks the day against the month', WAIT);
    await tmux.waitFor('Changes so far', WAIT);

    await tmux.submit('/apply');
    const applied = await tmux.waitFor(/Applied 1 file\b/, WAIT);
    expect(applied).not.toMatch(/file\(s\)/);
    const report = applied.slice(applied.lastIndexOf('› /apply'));
    // Each file once, the count once.
    expect(report.match(/src\/date\.js/g)).toHaveLength(1);
    expect(report.match(/\b1 file\b/gi)).toHaveLength(1);
    expect(readFileSync(join(repo, 'src/date.js'), 'utf8')).toContain('daysInMonth(year, month)');

    await tmux.submit('/quit');
    const left = await tmux.waitFor(/\[exit \d+\]/, WAIT);
    expect(left).toContain('[exit 0]');
    expect(left).toMatch(/run (\S+) · 1 file changed, applied to your tree\n\s+resume:\s+hew resume \1/);
  });

  it('hew resume shows the earlier transcript; after /compact, /rewind finds step 0 and goes back to it', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ text: 'Fixed: parseDate now checks the day against the month.' }] },
      // A second turn in the resumed session, then /compact's summary.
      { outputs: [{ text: 'The tests pass now.' }] },
      { outputs: [{ text: 'The user asked to fix the date parser; src/date.js was fixed.' }] },
    ]);
    const repo = fixtureRepo('date-parser');
    const home = tempDir('hew-tui-leave-home-');
    const first = startHew([], repo, home, server.url);
    const header = await first.waitFor('Ask hew to do something', WAIT);
    const runId = /runs\/(\S+)\/work/.exec(header)?.[1] ?? '';
    expect(runId).not.toBe('');
    await first.submit('fix the date parser');
    await first.waitFor('now checks the day against the month', WAIT);
    await first.submit('/quit');
    await first.waitFor(/\[exit 0\]/, WAIT);

    const second = startHew(['resume', runId], repo, home, server.url);
    const resumed = await second.waitFor('Earlier in this run', WAIT);
    expect(resumed).toContain('› fix the date parser');
    expect(resumed).toMatch(/✎ M src\/date\.js \+\d+ -\d+/);
    expect(resumed).toContain('● Fixed: parseDate now checks the day against the month.');

    await second.submit('do the tests pass?');
    await second.waitFor('The tests pass now.', WAIT);
    await second.submit('/compact');
    await second.waitFor(/conversation items → \d+: the earlier part is now a summary/, WAIT);
    await second.submit('/rewind');
    const steps = await second.waitFor('steps with files to restore', WAIT);
    expect(steps).toMatch(/steps with files to restore: 0 \(the start\), 1/);
    await second.submit('/rewind 0');
    await second.waitFor('back to step 0', WAIT);
    // The copy's files are those of the start again.
    expect(readFileSync(join(home, 'state/hew/runs', runId, 'work/src/date.js'), 'utf8')).not.toContain('daysInMonth(year, month)');
    await second.submit('/quit');
    await second.waitFor(/\[exit 0\]/, WAIT);
  });
});
