// End to end in a real terminal (tmux) against the scripted model server: each edit shows its diff
// inline, coloured and bounded, with `/diff PATH` for the rest; a diff line carrying escapes reaches
// the terminal made visible; a note typed with its Enter in one burst is submitted (also while the
// turn is only finishing), a multi-line paste is not; /help fits 80 columns and fewer.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureRepo, tempDir } from '../support/fixtures.ts';
import { startModelServer } from '../support/model-server.ts';
import type { ModelServer } from '../support/model-server.ts';
import { DATE_FIX_PATCH } from '../support/scripts.ts';
import { startHewTui, type TmuxSession } from '../support/tmux.ts';

let server: ModelServer | undefined;
let tmux: TmuxSession | undefined;
afterEach(async () => {
  tmux?.kill();
  tmux = undefined;
  await server?.close();
  server = undefined;
});

/** Generous: the machine may be loaded; every wait ends as soon as the screen shows what it waits for. */
const WAIT = 60_000;

function startHew(cwd: string, opts: { width?: number; path?: string; env?: Record<string, string> } = {}): TmuxSession {
  return startHewTui({ cwd, env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: server?.url, ...opts.env }, ...(opts.path !== undefined ? { path: opts.path } : {}), width: opts.width ?? 100, height: 50 });
}

const BIG_LINES = 60;
const BIG_PATCH = `*** Begin Patch
*** Add File: src/big.js
${Array.from({ length: BIG_LINES }, (_, i) => `+export const line${i + 1} = ${i + 1};`).join('\n')}
*** End Patch`;

// Tmux keeps each cell's colour; a line's text follows its SGR escape (green 32, red 31, cyan 36).
const sgr = (code: number, text: string): RegExp => new RegExp(`\\u001b\\[${code}m${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('the TUI shows each edit', () => {
  it('inline, coloured, at most 30 lines per edit with a line naming /diff PATH; /diff PATH opens that file', async () => {
    server = await startModelServer([
      { outputs: [{ tool: 'apply_patch', args: { input: DATE_FIX_PATCH } }] },
      { outputs: [{ tool: 'apply_patch', args: { input: BIG_PATCH } }] },
      { outputs: [{ text: 'Both edits are made.' }] },
    ]);
    tmux = startHew(fixtureRepo('date-parser'));
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.keys('fix the date parser', 'Enter');
    const done = await tmux.waitFor('Both edits are made.', WAIT);

    // The small edit whole, hunk headers and all.
    expect(done).toContain('M src/date.js +3 -1');
    expect(done).toContain("+import { daysInMonth } from './days.js';");
    expect(done).toContain('-  if (day < 1 || day > 31) return null;');
    expect(done).toContain('+  if (day < 1 || day > daysInMonth(year, month)) return null;');
    // The big one bounded: its hunk header and 29 lines, then how to see the rest.
    expect(done).toContain(`A src/big.js +${BIG_LINES} -0`);
    expect(done).toContain('+export const line29 = 29;');
    expect(done).not.toContain('+export const line30 = 30;');
    expect(done).toContain(`… ${BIG_LINES + 1 - 30} more lines · /diff src/big.js shows the whole file`);

    const styled = tmux.styledHistory();
    expect(styled).toMatch(sgr(32, '+  if (day < 1 || day > daysInMonth(year, month)) return null;'));
    expect(styled).toMatch(sgr(31, '-  if (day < 1 || day > 31) return null;'));
    expect(styled).toMatch(sgr(36, '@@ -'));

    tmux.keys('/diff src/big.js', 'Enter');
    const view = await tmux.waitFor('file 1/1 src/big.js', WAIT);
    expect(view).toContain('+export const line1 = 1;');
    tmux.keys('End');
    await tmux.waitFor(`+export const line${BIG_LINES} = ${BIG_LINES};`, WAIT);
    tmux.keys('q');
    await tmux.waitForScreen((screen) => !screen.includes('file 1/1 src/big.js')); // the view has closed

    tmux.keys('/diff src/nothing-here.js', 'Enter');
    await tmux.waitFor('the run has not changed src/nothing-here.js; the files it changed: src/big.js, src/date.js', WAIT);
    tmux.keys('/quit', 'Enter');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });

  it('a diff line carrying terminal escapes is shown as visible pictures: no title set, no screen cleared', async () => {
    const evil = `*** Begin Patch
*** Add File: src/evil.js
+const banner = "\u001b]0;PWNED\u0007\u001b[2J\u001b[31mred";
*** End Patch`;
    server = await startModelServer([{ outputs: [{ tool: 'apply_patch', args: { input: evil } }] }, { outputs: [{ text: 'Added the banner.' }] }]);
    tmux = startHew(fixtureRepo('date-parser'));
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.keys('add a banner', 'Enter');
    const done = await tmux.waitFor('Added the banner.', WAIT);
    expect(done).toContain('+const banner = "␛]0;PWNED␇␛[2J␛[31mred";');
    expect(tmux.title()).not.toContain('PWNED');
    expect(tmux.screen()).toContain('hew gpt-5.5'); // the header is still on the screen: nothing cleared it
    tmux.keys('/quit', 'Enter');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});

describe('typing in the TUI', () => {
  it('a note and Enter in one burst right after an answer (the turn still finishing) is submitted and echoed', async () => {
    // A slow `git diff` (as on a loaded machine) keeps the turn finishing — its answer shown, its
    // change summary being made — for seconds, which is when a person types the next note.
    const bin = tempDir('hew-slow-git-');
    const git = join(bin, 'git');
    writeFileSync(git, `#!/bin/sh\ncase " $* " in *" --numstat "*) sleep 4;; esac\nexec /usr/bin/git "$@"\n`);
    chmodSync(git, 0o755);
    server = await startModelServer([{ outputs: [{ text: 'First answer.' }] }, { outputs: [{ text: 'Noted the second thing.' }] }]);
    tmux = startHew(fixtureRepo('date-parser'), { path: `${bin}:${process.env.PATH ?? ''}` });
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.keys('first thing', 'Enter');
    await tmux.waitFor('First answer.', WAIT);
    await tmux.waitFor('─ turn 1', WAIT); // the turn has ended: the status line says ready
    tmux.keys('one more thing', 'Enter'); // one send-keys call: "one more thing\r" in one write
    const after = await tmux.waitFor('Noted the second thing.', WAIT);
    expect(after).toMatch(/^› one more thing$/m); // echoed in the transcript
    await tmux.waitFor(/│ › {1,2}Ask hew to do something/, WAIT); // and the box is empty again
    expect(JSON.stringify(server.requests[1]?.body)).toContain('one more thing');
    tmux.keys('/quit', 'Enter');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });

  it('a multi-line paste stays in the box (its newlines do not submit); Enter then sends it whole', async () => {
    server = await startModelServer([{ outputs: [{ text: 'Read both lines.' }] }]);
    tmux = startHew(fixtureRepo('date-parser'));
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.paste('first pasted line\nsecond pasted line\n');
    await tmux.waitFor(/│ {3}second pasted line/, WAIT);
    expect(server.requests.length).toBe(0);
    tmux.keys('Enter');
    await tmux.waitFor('Read both lines.', WAIT);
    expect(JSON.stringify(server.requests[0]?.body)).toContain('first pasted line\\nsecond pasted line');
    tmux.keys('/quit', 'Enter');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});

describe('/help', () => {
  it.each([80, 60])('at %i columns lays out within the width, wrapped descriptions under their column', async (width) => {
    tmux = startHew(fixtureRepo('date-parser'), { width });
    await tmux.waitFor('Ask hew to do something', WAIT);
    tmux.keys('/help', 'Enter');
    const shown = await tmux.waitFor('/quit             end the session', WAIT);
    const rows = shown.split('\n');
    const top = rows.findIndex((l) => l === 'Commands');
    const bottom = rows.findIndex((l, i) => i > top && l.trim() === '');
    const column = rows.find((l) => l.startsWith('  /diff'))?.indexOf('show') ?? -1;
    expect(column).toBeGreaterThan(2);
    let wrapped = 0;
    for (const row of rows.slice(top + 1, bottom)) {
      expect(row.length).toBeLessThanOrEqual(width);
      if (row.startsWith('  /')) continue;
      wrapped += 1;
      expect(row.slice(0, column).trim(), `continuation ${JSON.stringify(row)}`).toBe('');
    }
    expect(wrapped).toBeGreaterThan(0); // some description does wrap at this width
    tmux.keys('/quit', 'Enter');
    await tmux.waitFor(/\[exit 0\]/, WAIT);
  });
});
